import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * The constructs run unchanged on CDK Terrain: with "cdktf" resolved to cdktn, as the npm alias
 * "cdktf": "npm:cdktn@0.24.0" resolves it in a user's project, the example synthesizes the same
 * stacks with the same resources as on cdktf 0.21; only cdktf's own metadata differs.
 */

const ROOT = path.join(__dirname, "..", "..");

interface Synthesized {
  readonly framework: string;
  readonly stacks: Map<string, Record<string, unknown>>;
}

/** The example, synthesized with `cdktf` being the package named `framework`. */
function synthesizeWith(
  framework: "cdktf" | "cdktn",
  outdir: string,
  context: Record<string, unknown> = {},
): Synthesized {
  let synthesized: Synthesized | undefined;
  jest.isolateModules(() => {
    jest.doMock("cdktf", () => jest.requireActual(framework));
    const { App } = jest.requireActual<typeof import("cdktf")>(framework);
    const { buildApp } = jest.requireActual<typeof import("../../stacks/app")>("../../stacks/app");
    buildApp(new App({ outdir, context }), ROOT).synth();
    const stacks = new Map<string, Record<string, unknown>>();
    for (const name of fs.readdirSync(path.join(outdir, "stacks")).sort()) {
      const file = path.join(outdir, "stacks", name, "cdk.tf.json");
      stacks.set(name, JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>);
    }
    const manifest = jest.requireActual<{ name: string; version: string }>(
      `${framework}/package.json`,
    );
    synthesized = { framework: `${manifest.name} ${manifest.version}`, stacks };
  });
  jest.dontMock("cdktf");
  if (synthesized === undefined) throw new Error(`${framework} synthesized nothing`);
  return synthesized;
}

/** A stack without what names the framework: its "//" metadata block. */
function withoutMetadata(stack: Record<string, unknown>): Record<string, unknown> {
  const { "//": comment, ...rest } = stack;
  const { metadata, ...outline } = comment as { metadata: Record<string, unknown> };
  const { avroKong } = metadata;
  return { ...rest, "//": { ...outline, avroKong } };
}

describe("the example on CDK Terrain", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-cdktn-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  let cdktf: Synthesized;
  let cdktn: Synthesized;
  beforeAll(() => {
    cdktf = synthesizeWith("cdktf", tempDir());
    cdktn = synthesizeWith("cdktn", tempDir());
  });

  it("really runs on each framework", () => {
    expect([cdktf.framework, cdktn.framework]).toEqual(["cdktf 0.21.0", "cdktn 0.24.0"]);
  });

  it("writes each framework's own metadata, so the stacks were built by it", () => {
    const versions = (s: Synthesized) =>
      [...s.stacks.values()].map(
        (stack) => (stack["//"] as { metadata: { version: string } }).metadata.version,
      );
    expect(new Set(versions(cdktf))).toEqual(new Set(["0.21.0"]));
    expect(new Set(versions(cdktn))).toEqual(new Set(["0.24.0"]));
  });

  it("synthesizes the same for a project that declares it targets OpenTofu only", () => {
    // cdktn's CLI puts cdktf.json's targetVersions into the app's context under this key; cdktn
    // refuses, at synth, a feature one of the targets lacks. The stacks use none of those.
    const tofu = synthesizeWith("cdktn", tempDir(), { targetVersions: { opentofu: ">=1.6.0" } });
    expect([...tofu.stacks.values()].map(withoutMetadata)).toEqual(
      [...cdktf.stacks.values()].map(withoutMetadata),
    );
  });

  it("synthesizes the same stacks", () => {
    expect([...cdktn.stacks.keys()]).toEqual([...cdktf.stacks.keys()]);
    expect(cdktn.stacks.size).toBeGreaterThan(3);
  });

  it("synthesizes the same resources, providers, variables and backends, metadata aside", () => {
    for (const [name, stack] of cdktf.stacks) {
      expect([name, withoutMetadata(cdktn.stacks.get(name) ?? {})]).toEqual([
        name,
        withoutMetadata(stack),
      ]);
    }
  });
});
