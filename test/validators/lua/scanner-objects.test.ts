import { parseSchema, readJsonText, type AvroSchema } from "../../../src/avro";
import { isValidPayload, type ValidationOptions } from "../../../src/validators";
import { compileLuaResponseValidator, compileLuaValidator } from "../../../src/validators/lua";
import { compileLuaScan } from "../../../src/validators/lua/chunks";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * The scanner on maps and on objects under a union of several object branches (records, maps):
 * certain of the valid bodies it should be, never of a repeated or escaped map key, and linear
 * in the body however the branches overlap (an instrumented scanner counts its calls).
 */

const scan = (schema: AvroSchema, options: ValidationOptions = {}): LuaChunk => ({
  source: compileLuaScan(schema, options),
  phase: "scan",
});

const TAGS = parseSchema({
  type: "map",
  values: ["null", "string", { type: "array", items: "long" }],
});
/** A record or a map of it, or a second record with the same field: branches that overlap. */
const TREE = parseSchema({
  type: "record",
  name: "t.Tree",
  fields: [
    {
      name: "kids",
      type: [
        "null",
        "t.Tree",
        { type: "map", values: "t.Tree" },
        {
          type: "record",
          name: "t.Leaf",
          fields: [
            { name: "kids", type: "null" },
            { name: "label", type: "string" },
          ],
        },
      ],
    },
  ],
});

/** Bytes and fixed, as JSON.stringify writes them: control characters escaped. */
const BYTES = parseSchema({
  type: "record",
  name: "t.Money",
  fields: [
    { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 9, scale: 2 } },
    { name: "code", type: { type: "fixed", name: "t.Code", size: 3 } },
  ],
});

/** Fields read in schema order first (keys compared in place), then any order through a set. */
const ORDERED = parseSchema({
  type: "record",
  name: "t.Ordered",
  fields: [
    { name: "a", type: "int" },
    { name: "bb", type: "string" },
    { name: "c", type: { type: "enum", name: "t.Count", symbols: ["ONE", "TWO", "THREE"] } },
    { name: "d", type: ["null", "int"], default: null },
  ],
});

describe("the scanner on maps and on unions of several object branches", () => {
  const cases: Array<[string, AvroSchema, string, boolean]> = [
    ["a map", TAGS, '{"a":null,"b":"x","c":[1,2],"":"empty key"}', true],
    ["an empty map", TAGS, "{}", true],
    ["a map with a repeated key", TAGS, '{"a":"x","a":"y"}', false],
    ["a map with an escaped key", TAGS, '{"\\u0061":"x"}', false],
    ["a map with an invalid value", TAGS, '{"a":1}', false],
    ["an array where a map is expected", TAGS, "[]", false],
    ["the record branch", TREE, '{"kids":{"kids":null}}', true],
    ["the map branch", TREE, '{"kids":{"x":{"kids":null},"y":{"kids":{"kids":null}}}}', true],
    ["the second record, after the first failed", TREE, '{"kids":{"kids":null,"label":"l"}}', true],
    [
      "the map branch, after both records failed deep inside",
      TREE,
      '{"kids":{"kids":{"kids":{"kids":null}},"label":{"kids":null}}}',
      true,
    ],
    ["no branch", TREE, '{"kids":{"kids":1}}', false],
    [
      "a map branch with keys that repeat across sibling maps",
      TREE,
      '{"kids":{"a":{"kids":{"a":{"kids":null}}},"b":{"kids":{"a":{"kids":null}}}}}',
      true,
    ],
  ];
  cases.push(
    ["bytes and fixed with escapes", BYTES, '{"amount":"\\u0000\\u0001è","code":"a\\nb"}', true],
    [
      "bytes with every simple escape",
      BYTES,
      '{"amount":"\\"\\\\\\/\\b\\f\\n\\r\\t","code":"\\u00ff\\u00FFÿ"}',
      true,
    ],
    ["bytes with a code point above U+00FF", BYTES, '{"amount":"\\u0100","code":"abc"}', false],
    ["bytes with a raw character above U+00FF", BYTES, '{"amount":"€","code":"abc"}', false],
    [
      "fixed of the wrong length, counting escapes as one",
      BYTES,
      '{"amount":"","code":"\\u0061bcd"}',
      false,
    ],
    ["bytes with a raw tab", BYTES, '{"amount":"a\tb","code":"abc"}', false],
  );
  cases.push(
    ...(
      [
        ["fields in schema order", '{"a":1,"bb":"x","c":"ONE","d":null}', true],
        ["fields in schema order, spaced", '{ "a" : 1 , "bb" : "x" , "c" : "THREE" }', true],
        ["fields out of order", '{"bb":"x","a":1,"c":"TWO"}', true],
        ["an optional field skipped, then given", '{"a":1,"bb":"x","d":2,"c":"ONE"}', true],
        ["a field repeated after all of them", '{"a":1,"bb":"x","c":"ONE","d":null,"a":2}', false],
        ["a field repeated in order", '{"a":1,"a":1,"bb":"x","c":"ONE"}', false],
        ["a key that is a field's prefix", '{"a":1,"b":"x","c":"ONE"}', false],
        ["a key that extends a field", '{"a":1,"bbb":"x","c":"ONE"}', false],
        ["a field's key escaped", '{"a":1,"\\u0062b":"x","c":"ONE"}', false],
        ["a symbol's prefix", '{"a":1,"bb":"x","c":"ON"}', false],
        ["a symbol extended", '{"a":1,"bb":"x","c":"ONEE"}', false],
        ["a symbol escaped", '{"a":1,"bb":"x","c":"\\u004fNE"}', false],
        ["a required field missing", '{"a":1,"c":"ONE"}', false],
        ["a comma before the brace", '{"a":1,"bb":"x","c":"ONE",}', false],
      ] as const
    ).map(([what, body, certain]): [string, AvroSchema, string, boolean] => [
      what,
      ORDERED,
      body,
      certain,
    ]),
  );
  const verdicts = runLuaCases(cases.map(([, schema, body]) => ({ chunk: scan(schema), body })));

  it.each(
    cases.map(([what, schema, body, certain], n) => [what, schema, body, certain, n] as const),
  )("%s", (_what, schema, body, certain, n) => {
    expect(verdicts[n]).toMatchObject({ scan: certain });
    const read = readJsonText(body);
    if (certain) expect("value" in read && isValidPayload(schema, read.value)).toBe(true);
  });
});

/** The scanner with every scanning function counting its calls; returns the count. */
function countingScan(schema: AvroSchema, options: ValidationOptions): LuaChunk {
  const source = compileLuaScan(schema, options);
  const heads = /^(SC\[\d+\] = function\(s, i, d\))$/gm;
  if (!heads.test(source)) throw new Error("no scanning function to instrument");
  const counted = source
    .replace(heads, "$1 CALLS = CALLS + 1")
    .replace(/^return function\(raw\)$/m, "return function(raw)\n  CALLS = 0");
  return {
    phase: "scan",
    source: `local CALLS = 0\nlocal inner = (function()\n${counted}\nend)()\nreturn function(raw) inner(raw) return CALLS end`,
  };
}

/** `{"kids": {"kids": … leaf}}`, `depth` objects deep. */
const nested = (depth: number, leaf: string): string =>
  '{"kids":'.repeat(depth) + leaf + "}".repeat(depth);

describe("the scanner's work is linear in the body for overlapping object branches", () => {
  it("counts calls that grow by a constant per level, whatever the leaf", () => {
    const depths = [8, 16, 32, 64];
    const leaves = ["null", "1", '{"kids":null,"label":"x"}', '{"kids":1}', '{"label":"x"}'];
    const chunk = countingScan(TREE, {});
    const bodies = leaves.flatMap((leaf) => depths.map((depth) => nested(depth, leaf)));
    const calls = runLuaCases(bodies.map((body) => ({ chunk, body }))).map((v) =>
      Number(v.scan as unknown),
    );
    leaves.forEach((leaf, l) => {
      const row = calls.slice(l * depths.length, (l + 1) * depths.length);
      const steps = row.slice(1).map((c, k) => (c - row[k]) / (depths[k + 1] - depths[k]));
      // The same number of calls per added level at every depth: no level is scanned again.
      expect([leaf, Math.max(...steps)]).toEqual([leaf, Math.min(...steps)]);
      expect(steps[0]).toBeLessThanOrEqual(12);
    });
  });
});

describe("the chunks' fast path", () => {
  const identity = { subject: "t.Tree", version: 1, fingerprint: "0011223344556677" };
  const request: LuaChunk = { source: compileLuaValidator(TREE, identity) };
  const response: LuaChunk = {
    source: compileLuaResponseValidator(TREE, { ...identity, mode: "enforce" }),
    phase: "header_filter",
  };

  it("decodes neither a request nor a response body the scanner is certain of, and decodes the others", () => {
    const certain = '{"kids":{"x":{"kids":null}}}';
    const uncertain = '{"kids":{"x":{"kids":null,"kids":null}}}';
    const verdicts = runLuaCases(
      [certain, uncertain].flatMap((body) => [
        { chunk: request, body },
        { chunk: response, body },
      ]),
    );
    expect(verdicts.map((v) => [v.decodes, v.exit?.status])).toEqual([
      [0, undefined],
      [0, undefined],
      [1, 400],
      [1, 502],
    ]);
    expect(verdicts[1].serialize?.["avro_validation.response"]).toMatchObject({ outcome: "valid" });
  });
});
