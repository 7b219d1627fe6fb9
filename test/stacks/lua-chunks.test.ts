import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { KONG_SANDBOX_GLOBALS } from "../../src/validators";
import { buildApp } from "../../stacks/app";
import { globalsOf, runLuaCases, type LuaPhase } from "../validators/lua/harness";

/**
 * Kong loads each pre-function chunk when the plugin is configured: every chunk the example
 * synthesizes must compile, touch only the sandbox, and answer a request without a Lua error.
 */
interface Chunk {
  readonly where: string;
  readonly phase: LuaPhase;
  readonly source: string;
}

function synthesizedChunks(): Chunk[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-lua-"));
  try {
    buildApp(new App({ outdir }), path.join(__dirname, "../..")).synth();
    const chunks: Chunk[] = [];
    for (const stack of fs.readdirSync(path.join(outdir, "stacks")).sort()) {
      const json = JSON.parse(
        fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"),
      ) as {
        resource: { kong_plugin: Record<string, { name: string; config_json: string }> };
      };
      for (const [id, plugin] of Object.entries(json.resource.kong_plugin)) {
        if (plugin.name !== "pre-function") continue;
        const config = JSON.parse(plugin.config_json) as Record<
          "access" | "header_filter" | "log",
          string[]
        >;
        for (const phase of ["access", "header_filter", "log"] as const)
          for (const source of config[phase] ?? [])
            chunks.push({ where: `${stack} ${id} ${phase}`, phase, source });
      }
    }
    return chunks;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const chunks = synthesizedChunks();
const allowed = new Set([...Object.keys(KONG_SANDBOX_GLOBALS), "kong", "ngx"]);

describe("the Lua chunks of the synthesized stacks", () => {
  it("are there: request and response validators in every environment", () => {
    expect(chunks.filter((c) => c.phase === "access").length).toBeGreaterThanOrEqual(30);
    expect(chunks.filter((c) => c.phase === "header_filter").length).toBeGreaterThanOrEqual(15);
  });

  it("read only Kong's sandbox globals and write none", () => {
    for (const chunk of chunks) {
      const { reads, writes } = globalsOf(chunk.source);
      expect({
        where: chunk.where,
        outside: [...reads].filter((g) => !allowed.has(g)),
        writes: [...writes],
      }).toEqual({
        where: chunk.where,
        outside: [],
        writes: [],
      });
    }
  });

  it("load in the strict sandbox and answer bodies without a Lua error", () => {
    const bodies = ["{}", '{"unexpected": [1, 2, {"deep": null}]}', "[]", "not json"];
    const cases = chunks.flatMap((c) =>
      bodies.map((body) => ({ chunk: { source: c.source, phase: c.phase }, body })),
    );
    const verdicts = runLuaCases(cases);
    verdicts.forEach((verdict, i) => {
      expect({ where: chunks[Math.floor(i / bodies.length)].where, error: verdict.error }).toEqual({
        where: chunks[Math.floor(i / bodies.length)].where,
        error: undefined,
      });
    });
    // An empty object lacks the required fields of every example request schema.
    const rejected = verdicts.filter((v, i) => i % bodies.length === 0 && v.exit?.status === 400);
    expect(rejected.length).toBeGreaterThan(0);
  });
});
