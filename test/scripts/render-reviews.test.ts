import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");

/** A PNG's width and height, from its IHDR chunk (right after the 8-byte signature). */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("npm run render-reviews", () => {
  it("photographs the routine and the risky review in headless Chromium, as the README shows them", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.scripts["render-reviews"]).toBe("node scripts/render-reviews.js");
    const out = mkdtempSync(join(tmpdir(), "avro-kong-render-reviews-test-"));
    try {
      execFileSync(process.execPath, [join(ROOT, "scripts", "render-reviews.js"), out], {
        stdio: "ignore",
      });
      const pictures = ["review-risky.png", "review-routine.png"];
      expect(readdirSync(out).sort()).toEqual(pictures);
      for (const picture of pictures) {
        // What the script writes now has the size of what the README shows (docs/images/).
        const made = pngSize(join(out, picture));
        expect(made).toEqual(pngSize(join(ROOT, "docs", "images", picture)));
        expect(made.width).toBe(1150);
        expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain(`(docs/images/${picture})`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
