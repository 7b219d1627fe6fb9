import {
  compileLuaCheck,
  compileLuaContractLogger,
  compileLuaResponseValidator,
  compileLuaValidator,
  KONG_SANDBOX_GLOBALS,
  LUA_ENABLE_BUFFERING_CHUNK,
} from "../../../src/validators/lua";
import { KITCHEN_SINK, SINK_VALUE } from "./fixtures";
import { globalsOf, runLuaCases, type LuaChunk } from "./harness";

/**
 * The chunks must run in Kong 3.9's pre-function sandbox: only its allow list, `kong` and `ngx`.
 * Two proofs: a static one (every global the bytecode reads or writes) and a run in an
 * environment that raises on any other global and on any shim field Kong does not have.
 */

const IDENTITY = { subject: "test.lua.Sink", version: 3, fingerprint: "00ff00ff00ff00ff" };

const chunks: Record<string, string> = {
  "plain access": compileLuaValidator(KITCHEN_SINK, { ...IDENTITY, bufferResponse: true }),
  "avro-json access": compileLuaValidator(KITCHEN_SINK, { ...IDENTITY, dialect: "avro-json" }),
  "lenient access": compileLuaValidator(KITCHEN_SINK, { ...IDENTITY, allowUnknownFields: true }),
  "report response": compileLuaResponseValidator(KITCHEN_SINK, IDENTITY),
  "enforce response": compileLuaResponseValidator(KITCHEN_SINK, { ...IDENTITY, mode: "enforce" }),
  "buffering only": LUA_ENABLE_BUFFERING_CHUNK,
  "contract logger": compileLuaContractLogger(IDENTITY),
  "bare check": compileLuaCheck(KITCHEN_SINK),
};

describe("the chunks in Kong's sandbox", () => {
  const allowed = new Set([...Object.keys(KONG_SANDBOX_GLOBALS), "kong", "ngx"]);

  it.each(Object.keys(chunks))("%s: reads only sandbox globals and writes none", (name) => {
    const { reads, writes } = globalsOf(chunks[name]);
    expect([...reads].filter((g) => !allowed.has(g))).toEqual([]);
    expect([...writes]).toEqual([]);
    expect(reads.has("kong") || name === "bare check").toBe(true);
  });

  it("names none of the functions the sandbox removes", () => {
    for (const source of Object.values(chunks))
      for (const banned of [
        "require",
        "getmetatable",
        "setmetatable",
        "loadstring",
        "rawget",
        "table.concat",
        "string.rep",
      ])
        expect(source.includes(banned + "(")).toBe(false);
  });

  it("loads and runs with a strict environment on valid and invalid bodies", () => {
    const strict = (source: string): LuaChunk => ({ source, strict: true });
    const access = strict(chunks["plain access"]);
    const avroJson = strict(chunks["avro-json access"]);
    const report = { source: chunks["report response"], phase: "header_filter" as const };
    const enforce = { source: chunks["enforce response"], phase: "header_filter" as const };
    const valid = JSON.stringify(SINK_VALUE);
    const invalid = JSON.stringify({ ...SINK_VALUE, m: { k: "BLUE" }, extra: 1 });
    const verdicts = runLuaCases([
      { chunk: access, body: valid },
      { chunk: access, body: invalid },
      { chunk: access, body: "[]" },
      { chunk: access, body: "nope", contentType: "text/plain" },
      { chunk: avroJson, body: valid },
      { chunk: report, body: invalid },
      { chunk: enforce, body: invalid },
      { chunk: { source: LUA_ENABLE_BUFFERING_CHUNK }, body: "" },
    ]);
    for (const verdict of verdicts) expect(verdict.error).toBeUndefined();
    expect(verdicts.map((v) => v.exit?.status)).toEqual([
      undefined,
      400,
      400,
      415,
      400,
      undefined,
      502,
      undefined,
    ]);
    expect(verdicts[7].buffering).toBe(true);
  });

  it("the strict environment itself catches a chunk that reaches outside the sandbox", () => {
    const [escape, shim] = runLuaCases([
      { chunk: { source: "local r = require\nreturn function() end" }, body: "{}" },
      { chunk: { source: "return function() kong.request.get_query() end" }, body: "{}" },
    ]);
    expect(escape.error).toMatch(/global 'require' is not available/);
    expect(shim.error).toMatch(/kong\.request\.get_query does not exist/);
  });
});
