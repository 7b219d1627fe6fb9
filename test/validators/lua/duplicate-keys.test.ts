import { parseSchema } from "../../../src/avro";
import { validatePayloadText } from "../../../src/validators";
import { compileLuaResponseValidator } from "../../../src/validators/lua";
import { compileRequestChunk } from "../../../src/validators/lua/chunks";
import { DUPLICATE_KEY_MESSAGE } from "../../../src/validators/shared-rules";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * A key repeated in one JSON object is refused at the gateway, in requests (400) and responses
 * (a violation), with the pointer of its later occurrence and the reference's message
 * (docs/reference/json-dialects.md, "What is JSON text"). cjson keeps the last value silently,
 * so the chunk reads the raw body for them; the scanner is never certain of such a body, so
 * the chunk with and without it answers alike. `payload validate` (validatePayloadText) gives
 * the same error for every body here.
 */

/** A map whose values are scalars, arrays of maps or maps: any object nesting below the top. */
const SCHEMA = parseSchema({
  type: "map",
  values: [
    "null",
    "long",
    "string",
    { type: "array", items: { type: "map", values: ["long", "string"] } },
    { type: "map", values: ["long", "string", { type: "map", values: "long" }] },
  ],
});
const IDENTITY = { subject: "t.Doc", version: 1, fingerprint: "0011223344556677" };
const scanned: LuaChunk = { source: compileRequestChunk(SCHEMA, IDENTITY, true) };
const decoded: LuaChunk = { source: compileRequestChunk(SCHEMA, IDENTITY, false) };
const response: LuaChunk = {
  source: compileLuaResponseValidator(SCHEMA, { ...IDENTITY, mode: "enforce" }),
  phase: "header_filter",
};

const REPEATED: ReadonlyArray<readonly [string, string, string]> = [
  ["a top-level key", '{"text":"a","text":"b"}', "/text"],
  ["a key with whitespace around the colon", '{ "a" : 1 ,\n "a"\t: 2 }', "/a"],
  ["a key in an object inside an array", '{"items":[{"a":1},{"a":1,"a":2}]}', "/items/1/a"],
  ["a key spelt with an escape", '{"text":"a","t\\u0065xt":"b"}', "/text"],
  ["a key spelt with a surrogate pair", '{"😀":1,"\\ud83d\\ude00":2}', "/😀"],
  ["a key with an escaped quote and backslash", '{"q\\"\\\\":1,"q\\"\\\\":2}', '/q"\\'],
  ["a key holding / and ~", '{"a/b~":1,"a/b~":2}', "/a~1b~0"],
  ["the empty key", '{"":1,"":2}', "/"],
  ["the first in text order, deeper before shallower", '{"b":{"x":1,"x":2},"b":3}', "/b/x"],
  [
    "a key after values holding quotes, braces and colons",
    '{"m":{"k":"\\"}{:","j":2},"v":":{[\\\\","v":"x"}',
    "/v",
  ],
  ["keys in a deep map", '{"m":{"n":{"z":1,"y":2,"z":3}}}', "/m/n/z"],
];

const DISTINCT: ReadonlyArray<readonly [string, string]> = [
  ["the same key in sibling objects", '{"items":[{"a":1},{"a":1}],"m":{"a":1}}'],
  ["the same key in an object and in its child", '{"a":{"a":1}}'],
  ["a value equal to a key", '{"a":"a","b":"a"}'],
  ["keys that differ only after an escape", '{"a\\n":1,"a\\t":2,"a":3}'],
  ["a key that was repeated in the previous body", '{"text":"a"}'],
];

describe("a key repeated in one object", () => {
  const bodies = [...REPEATED.map(([, body]) => body), ...DISTINCT.map(([, body]) => body)];
  const verdicts = runLuaCases(
    bodies.flatMap((body) => [
      { chunk: scanned, body },
      { chunk: decoded, body },
      { chunk: response, body },
    ]),
  );

  it.each(REPEATED.map(([what, body, path], n) => [what, body, path, n] as const))(
    "refuses %s in requests and responses, naming it as the reference does",
    (_what, body, path, n) => {
      const [request, withoutScanner, onResponse] = verdicts.slice(3 * n, 3 * n + 3);
      const answer = { message: DUPLICATE_KEY_MESSAGE, path };
      expect(request.exit).toEqual({
        status: 400,
        body: { ...answer, schema: "t.Doc", version: 1, fingerprint: IDENTITY.fingerprint },
      });
      expect(request.serialize?.["avro_validation.request"]).toMatchObject({
        outcome: "invalid",
        ...answer,
      });
      expect(withoutScanner.exit).toEqual(request.exit);
      expect(onResponse.exit).toMatchObject({
        status: 502,
        body: {
          message: "the upstream response does not match its schema: " + DUPLICATE_KEY_MESSAGE,
          path,
        },
      });
      expect(validatePayloadText(SCHEMA, body)).toEqual({ errors: [answer] });
    },
  );

  it.each(DISTINCT.map(([what, body], n) => [what, body, REPEATED.length + n] as const))(
    "accepts %s, as the reference does",
    (_what, body, n) => {
      expect(verdicts.slice(3 * n, 3 * n + 3).map((v) => v.exit ?? v.error)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(validatePayloadText(SCHEMA, body)).toEqual({ errors: [] });
    },
  );

  it("finds a repeated key in a large body in linear time (a body of 20,000 keys, the last repeated)", () => {
    const members = Array.from({ length: 20_000 }, (_, k) => `"k${k}":${k}`);
    const body = `{${members.join(",")},"k0":1}`;
    const [verdict] = runLuaCases([{ chunk: decoded, body, bufferSize: 1 << 20 }]);
    expect(verdict.exit?.body).toMatchObject({ message: DUPLICATE_KEY_MESSAGE, path: "/k0" });
  });
});
