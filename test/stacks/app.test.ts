import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildApp } from "../../stacks/app";

function synthTo(outdir: string): Map<string, string> {
  buildApp(new App({ outdir, skipValidation: false })).synth();
  const files = new Map<string, string>();
  for (const file of fs.readdirSync(outdir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(outdir, file);
    if (fs.statSync(full).isFile()) files.set(file, fs.readFileSync(full, "utf8"));
  }
  return files;
}

describe("the example app", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-synth-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  let first: Map<string, string>;
  beforeAll(() => {
    first = synthTo(tempDir());
  });

  it("synthesizes one stack per environment", () => {
    expect([...first.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toEqual([
      "stacks/dev/cdk.tf.json",
      "stacks/prod/cdk.tf.json",
      "stacks/staging/cdk.tf.json",
    ]);
  });

  it("is deterministic: a second synthesis elsewhere is byte-identical", () => {
    const second = synthTo(tempDir());
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, text] of first)
      expect({ file, text: second.get(file) }).toEqual({ file, text });
  });

  it("contains no absolute path and no timestamp", () => {
    for (const [file, text] of first) {
      expect({
        file,
        absolute: text.match(/"(\/(?:home|root|tmp|work|Users|var)\/[^"]*)"/g),
      }).toEqual({ file, absolute: null });
      expect({ file, cwd: text.includes(process.cwd()) }).toEqual({ file, cwd: false });
      expect({ file, time: text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g) }).toEqual({
        file,
        time: null,
      });
    }
  });
});
