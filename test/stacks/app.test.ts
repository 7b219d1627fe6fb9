import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildApp } from "../../stacks/app";
import {
  checkPluginConfigsInStack,
  checkSecretsInStack,
  checkStackConformance,
} from "../../src/conformance";

function synthTo(outdir: string): Map<string, string> {
  buildApp(new App({ outdir, skipValidation: false }), path.join(__dirname, "../..")).synth();
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

describe("every synthesized stack", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-check-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  synthTo(outdir);
  const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
  const read = (name: string): unknown =>
    JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));

  it.each(stacks)("%s conforms to the kevholditch/kong 6.5.1 provider schema", (name) => {
    expect(checkStackConformance(read(name))).toEqual([]);
  });

  it.each(stacks)("%s has only plugin configs Kong 3.9 accepts", (name) => {
    expect(checkPluginConfigsInStack(read(name))).toEqual([]);
  });

  it.each(stacks)(
    "%s holds no secret value, only sensitive variables and vault references",
    (name) => {
      expect(checkSecretsInStack(read(name))).toEqual([]);
    },
  );

  it("would catch a broken stack (the checks are not hollow)", () => {
    const stack = read("prod") as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    const [routeId] = Object.keys(stack.resource.kong_route);
    stack.resource.kong_route[routeId].strip_paths = true;
    const [pluginId] = Object.keys(stack.resource.kong_plugin);
    stack.resource.kong_plugin[pluginId].config_json = JSON.stringify({ no_such_field: 1 });
    const [credentialId] = Object.keys(stack.resource.kong_consumer_key_auth);
    stack.resource.kong_consumer_key_auth[credentialId].key = "hunter2";
    expect(checkStackConformance(stack).map((p) => p.address)).toContain(`kong_route.${routeId}`);
    expect(checkPluginConfigsInStack(stack).map((p) => p.address)).toContain(
      `kong_plugin.${pluginId}`,
    );
  });
});
