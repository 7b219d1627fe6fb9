import { parseSchema } from "../../../src/avro";
import { compileLuaResponseValidator, compileLuaValidator } from "../../../src/validators/lua";
import { Rng } from "../support";
import { KITCHEN_SINK, LIST, SINK_VALUE } from "./fixtures";
import { runLuaCases, type LuaCase, type LuaChunk, type LuaVerdict } from "./harness";

/**
 * Whatever the body, the access chunk answers (passes, 400, 413 or 415) and never raises a Lua
 * error: hostile JSON goes through real lua-cjson as Kong decodes it.
 */

// Room for the 1.4 MB body below, so that it is decoded and validated rather than refused.
const IDENTITY = {
  subject: "fuzz",
  version: 1,
  fingerprint: "0000000000000000",
  maxBodyBytes: 4 * 1024 * 1024,
};
const SEED = Number(process.env.AVRO_KONG_SEED ?? 20261126);

const chunks: LuaChunk[] = [
  { source: compileLuaValidator(KITCHEN_SINK, IDENTITY) },
  { source: compileLuaValidator(KITCHEN_SINK, { ...IDENTITY, dialect: "avro-json" }) },
  { source: compileLuaValidator(LIST, { ...IDENTITY, allowUnknownFields: true }) },
  {
    source: compileLuaValidator(
      parseSchema({ type: "map", values: { type: "array", items: ["null", "bytes", "double"] } }),
      IDENTITY,
    ),
  },
  {
    source: compileLuaResponseValidator(KITCHEN_SINK, { ...IDENTITY, mode: "enforce" }),
    phase: "header_filter",
  },
];

const HOSTILE_KEYS = [
  "__index",
  "__newindex",
  "__gc",
  "__proto__",
  "constructor",
  "1",
  "",
  "~/",
  "n",
  "next",
  "value",
];
const HOSTILE_NUMBERS = [
  "1e400",
  "-1e400",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775809",
  "9007199254740993",
  "1e-400",
  "-0",
  "2147483648",
  "4.9e-324",
  "1.7976931348623157e308",
];
const HOSTILE_STRINGS = [
  '"\\u0000"',
  '"\\ud800"',
  '"\\u00ff\\u0100"',
  '"~0~1/"',
  '"RED"',
  '"abcd"',
];

/** Random JSON text, some of it only lua-cjson accepts (NaN, hex), some invalid UTF-8. */
function randomJson(rng: Rng, depth: number): string {
  const pick = rng.int(0, depth > 6 ? 4 : 8);
  switch (pick) {
    case 0:
      return rng.pick(["null", "true", "false"]);
    case 1:
      return rng.pick(HOSTILE_NUMBERS);
    case 2:
      return String(rng.int(-100, 100) * (rng.chance(0.3) ? 0.5 : 1));
    case 3:
      return rng.pick(HOSTILE_STRINGS);
    case 4:
      return JSON.stringify(rng.pick(["", "x", "GREEN", "wxyz", "h\u00e9", "\u20ac"]));
    case 5:
    case 6: {
      const n = rng.int(0, 5);
      const fields = Array.from({ length: n }, () => {
        const key = rng.chance(0.5) ? rng.pick(HOSTILE_KEYS) : rng.pick(Object.keys(SINK_VALUE));
        return `${JSON.stringify(key)}:${randomJson(rng, depth + 1)}`;
      });
      return `{${fields.join(",")}}`;
    }
    default: {
      const n = rng.int(0, 4);
      return `[${Array.from({ length: n }, () => randomJson(rng, depth + 1)).join(",")}]`;
    }
  }
}

/** A valid body with one value replaced by a random one. */
function mutatedSink(rng: Rng): string {
  const keys = Object.keys(SINK_VALUE);
  const victim = rng.pick(keys);
  const parts = keys.map(
    (k) =>
      `${JSON.stringify(k)}:${k === victim ? randomJson(rng, 3) : JSON.stringify((SINK_VALUE as Record<string, unknown>)[k])}`,
  );
  return `{${parts.join(",")}}`;
}

/** Bytes that are not UTF-8 inside JSON strings (keys and values). */
function invalidUtf8(rng: Rng): Uint8Array {
  const junk = [0xff, 0xc3, 0x80, 0xc2, 0xe2, 0x82, 0xfe, 0xc0, 0xaf];
  const bytes = Array.from({ length: rng.int(1, 6) }, () => rng.pick(junk));
  const field = rng.pick(["by", "fx", "s", "e", "__index"]);
  return Buffer.concat([
    Buffer.from(`{"${field}":"a`),
    Buffer.from(bytes),
    Buffer.from(`","m":{"`),
    Buffer.from(bytes),
    Buffer.from(`":1}}`),
  ]);
}

function expectAnswered(verdicts: readonly LuaVerdict[], cases: readonly LuaCase[]): void {
  const raised = verdicts
    .map((v, i) => ({ v, body: String(cases[i].body).slice(0, 200) }))
    .filter(
      ({ v }) =>
        v.error !== undefined ||
        (Array.isArray(v.logs) ? v.logs : []).some((l) => l.level !== "warn") ||
        (v.exit && ![400, 413, 415, 502].includes(v.exit.status)),
    );
  expect(raised.slice(0, 3)).toEqual([]);
}

describe("the chunks never raise", () => {
  it("on thousands of random and hostile bodies", () => {
    const rng = new Rng(SEED);
    const cases: LuaCase[] = [];
    for (let i = 0; i < 4000; i++) {
      const chunk = chunks[i % chunks.length];
      const kind = rng.int(0, 9);
      const body = kind < 4 ? randomJson(rng, 0) : kind < 8 ? mutatedSink(rng) : invalidUtf8(rng);
      cases.push({ chunk, body });
    }
    const verdicts = runLuaCases(cases);
    expectAnswered(verdicts, cases);
    const outcomes = new Set(verdicts.map((v) => v.exit?.status ?? "pass"));
    expect([...outcomes].sort()).toEqual([400, 502, "pass"]);
  });

  it("on deep nesting, huge arrays and extreme numbers", () => {
    const deepArray = "[".repeat(10000) + "]".repeat(10000);
    const deepList = '{"value":1,"next":'.repeat(5000) + "null" + "}".repeat(5000);
    const huge = `{"a":[${Array.from({ length: 200000 }, () => '"abcd"').join(",")}]}`;
    const cases: LuaCase[] = chunks.flatMap((chunk) => [
      { chunk, body: deepArray },
      { chunk, body: deepList },
      { chunk, body: huge },
      { chunk, body: '{"l":1e400,"i":NaN,"d":Infinity,"f":-Infinity}' },
      { chunk, body: '{"__index":{"__index":null},"__newindex":[]}' },
      { chunk, body: "null" },
    ]);
    const verdicts = runLuaCases(cases);
    expectAnswered(verdicts, cases);
    // Kong's cjson refuses more than 1000 levels: "invalid json body", a 400.
    expect(verdicts[0].exit?.status).toBe(400);
    expect(verdicts[1].exit?.body).toMatchObject({
      message: "the request body is not a JSON object or array: invalid json body",
    });
  });

  it("rejects nesting beyond 1000 levels with a clear message if cjson allowed more (it stops near 4000)", () => {
    const list = chunks[2];
    const body = (depth: number) =>
      '{"value":1,"next":'.repeat(depth - 1) + '{"value":1}' + "}".repeat(depth - 1);
    const [ok, tooDeep] = runLuaCases([
      { chunk: list, body: body(999), maxDepth: 20000 },
      { chunk: list, body: body(3000), maxDepth: 20000 },
    ]);
    expect(ok.exit).toBeUndefined();
    expect(tooDeep.error).toBeUndefined();
    expect(tooDeep.exit?.status).toBe(400);
    expect(tooDeep.exit?.body).toMatchObject({
      message: "nesting deeper than 1000 levels of arrays and objects",
    });
  });
});
