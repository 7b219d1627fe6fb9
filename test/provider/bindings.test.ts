import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// The generator script is plain Node, shared with `npm run gen:kong`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate } = require("../../scripts/generate-kong-bindings.js") as {
  generate: (target: string) => Promise<void>;
};

const committed = path.join(__dirname, "../../src/provider/gen");

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

describe("Kong provider bindings", () => {
  it("are exactly what the provider generator writes from the committed provider schema", async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "kong-bindings-"));
    try {
      await generate(fresh);
      const files = listFiles(fresh);
      expect(listFiles(committed)).toEqual(files);
      for (const file of files) {
        expect({ file, text: fs.readFileSync(path.join(committed, file), "utf8") }).toEqual({
          file,
          text: fs.readFileSync(path.join(fresh, file), "utf8"),
        });
      }
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("describe kevholditch/kong 6.5.1", () => {
    const schema = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, "../../src/provider/schema/kevholditch-kong-6.5.1.schema.json"),
        "utf8",
      ),
    ) as { provider_schemas: Record<string, unknown> };
    expect(Object.keys(schema.provider_schemas)).toEqual([
      "registry.terraform.io/kevholditch/kong",
    ]);
    const provider = fs.readFileSync(
      path.join(committed, "providers/kong/provider/index.ts"),
      "utf8",
    );
    expect(provider).toContain("providerVersion: '6.5.1'");
  });
});
