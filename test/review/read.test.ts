import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { readSynthOutput } from "../../src/review/read";

describe("a synthesized output is read only from inside its folder", () => {
  let dir: string;
  let outdir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "synth-output-"));
    outdir = join(dir, "cdktf.out");
    mkdirSync(outdir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a stack path that climbs out of the output is refused, naming it", () => {
    writeFileSync(join(dir, "secret.json"), '{"resource": {}}');
    const stacks = { dev: { synthesizedStackPath: "../secret.json" } };
    writeFileSync(join(outdir, "manifest.json"), JSON.stringify({ stacks }));
    expect(() => readSynthOutput(outdir)).toThrow(
      "../secret.json: cannot be read: lies outside the repository.",
    );
  });

  it("a manifest linked to /dev/zero is one sentence, not a hang", () => {
    symlinkSync("/dev/zero", join(outdir, "manifest.json"));
    expect(() => readSynthOutput(outdir)).toThrow(
      "manifest.json: cannot be read: lies outside the repository (through a link).",
    );
  });
});
