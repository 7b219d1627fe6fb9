import { MAX_JSON_DEPTH, parseSchema, parseSchemaText, type AvroSchema } from "../../../src/avro";
import type { ValidationOptions } from "../../../src/validators";
import { compileLuaCheck, compileLuaValidator } from "../../../src/validators/lua";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * What the generated checking function answers, type by type, run in LuaJIT on bodies decoded
 * by lua-cjson. Each case: [body, path of the first error or "valid"].
 */

function verdicts(
  schema: unknown,
  bodies: ReadonlyArray<string | Uint8Array>,
  options: ValidationOptions = {},
): string[] {
  const chunk: LuaChunk = { source: compileLuaCheck(parseSchema(schema), options), phase: "check" };
  return runLuaCases(bodies.map((body) => ({ chunk, body }))).map((v) => {
    if (v.error) return `error: ${v.error}`;
    return v.check?.ok ? "valid" : `${v.check?.path} ${v.check?.message}`;
  });
}

const record = (type: unknown, extra: object = {}) => ({
  type: "record",
  name: "R",
  fields: [{ name: "v", type, ...extra }],
});

describe("the generated checks", () => {
  it("int and long: integral doubles in the signed 32/64-bit ranges", () => {
    expect(
      verdicts(record({ type: "array", items: "int" }), [
        '{"v":[0,-0,2147483647,-2147483648]}',
        '{"v":[2147483648]}',
        '{"v":[-2147483649]}',
        '{"v":[1.5]}',
        '{"v":[1e400]}',
        '{"v":[NaN]}',
        '{"v":["1"]}',
      ]),
    ).toEqual([
      "valid",
      "/v/0 expected int, found 2147483648",
      "/v/0 expected int, found -2147483649",
      "/v/0 expected int, found 1.5",
      "/v/0 expected int, found inf",
      "/v/0 expected int, found nan",
      '/v/0 expected int, found string "1"',
    ]);
    expect(
      verdicts(record({ type: "array", items: "long" }), [
        '{"v":[9223372036854774784,-9223372036854775808,9007199254740993]}',
        '{"v":[9223372036854775807]}',
        '{"v":[-9223372036854777856]}',
      ]),
    ).toEqual([
      "valid",
      "/v/0 expected long, found 9.2233720368548e+18",
      "/v/0 expected long, found -9.2233720368548e+18",
    ]);
  });

  it("float and double: finite numbers, a float within the 32-bit range", () => {
    expect(
      verdicts(record({ type: "array", items: "double" }), [
        '{"v":[0.1,-5,1e308]}',
        '{"v":[1e400]}',
        '{"v":[-Infinity]}',
        '{"v":[NaN]}',
        '{"v":[true]}',
      ]),
    ).toEqual([
      "valid",
      "/v/0 expected double, found inf",
      "/v/0 expected double, found -inf",
      "/v/0 expected double, found nan",
      "/v/0 expected double, found true",
    ]);
    expect(
      verdicts(record({ type: "array", items: "float" }), [
        '{"v":[3.4028234663852886e38,-3.4028234663852886e38,1e-300]}',
        '{"v":[3.5e38]}',
        '{"v":[-1e39]}',
        '{"v":[1e400]}',
        '{"v":[NaN]}',
      ]),
    ).toEqual([
      "valid",
      "/v/0 expected float, found 3.5e+38",
      "/v/0 expected float, found -1e+39",
      "/v/0 expected float, found inf",
      "/v/0 expected float, found nan",
    ]);
  });

  it("bytes and fixed: code points up to U+00FF, counted as characters", () => {
    const bytes = verdicts(record("bytes"), [
      '{"v":""}',
      '{"v":"\\u0000\\u007f\\u0080\\u00ff"}',
      '{"v":"\\u0100"}',
      Buffer.from('{"v":"a\xff"}', "latin1"),
      Buffer.from('{"v":"\xc3"}', "latin1"),
      Buffer.from('{"v":"\xc3\xc3\xa9"}', "latin1"),
      `{"v":"${"a".repeat(40)}\\u00e9${"b".repeat(40)}"}`,
      `{"v":"${"a".repeat(40)}\\u20ac"}`,
    ]);
    expect(bytes.map((v) => v.split(" ")[0])).toEqual([
      "valid",
      "valid",
      "/v",
      "/v",
      "/v",
      "/v",
      "valid",
      "/v",
    ]);
    expect(
      verdicts(record({ type: "fixed", name: "F", size: 3 }), [
        '{"v":"abc"}',
        '{"v":"a\\u00e9c"}',
        '{"v":"ab"}',
        '{"v":"abcd"}',
        '{"v":"ab\\u0101"}',
      ]),
    ).toEqual([
      "valid",
      "valid",
      '/v expected fixed F, found string "ab" (exactly 3 bytes)',
      '/v expected fixed F, found string "abcd" (exactly 3 bytes)',
      '/v expected fixed F, found string "abā" (exactly 3 bytes)',
    ]);
  });

  it("enums: their symbols only, whatever the key looks like to Lua", () => {
    expect(
      verdicts(record({ type: "enum", name: "E", symbols: ["A", "__index"] }), [
        '{"v":"__index"}',
        '{"v":"B"}',
        '{"v":1}',
      ]),
    ).toEqual([
      "valid",
      '/v expected enum E, found string "B" (expected one of: A, __index)',
      "/v expected enum E, found 1 (expected one of: A, __index)",
    ]);
  });

  it("records: missing fields, unknown fields counted, defaults optional in plain only", () => {
    const schema = {
      type: "record",
      name: "R",
      fields: [
        { name: "a", type: "int" },
        { name: "b", type: "int", default: 1 },
      ],
    };
    expect(
      verdicts(schema, [
        '{"a":1}',
        '{"a":1,"b":2}',
        '{"b":2}',
        '{"a":1,"c":3}',
        '{"a":1,"b":2,"~/":3}',
        '{"a":1,"b":null}',
      ]),
    ).toEqual([
      "valid",
      "valid",
      '/a missing required field "a" of record R',
      '/c unknown field "c"; record R does not declare it',
      '/~0~1 unknown field "~0~1"; record R does not declare it',
      "/b expected int, found null",
    ]);
    expect(verdicts(schema, ['{"a":1,"c":3}'], { allowUnknownFields: true })).toEqual(["valid"]);
    expect(verdicts(schema, ['{"a":1}', '{"a":1,"b":2}'], { dialect: "avro-json" })).toEqual([
      '/b missing required field "b" of record R',
      "valid",
    ]);
  });

  it("the empty table rule: [] and {} are one value, accepted as array, map or all-default record", () => {
    const schema = {
      type: "record",
      name: "R",
      fields: [
        { name: "list", type: { type: "array", items: "int" } },
        { name: "dict", type: { type: "map", values: "int" } },
        {
          name: "opt",
          type: { type: "record", name: "O", fields: [{ name: "x", type: "int", default: 0 }] },
        },
        {
          name: "req",
          type: ["null", { type: "record", name: "Q", fields: [{ name: "y", type: "int" }] }],
          default: null,
        },
      ],
    };
    expect(
      verdicts(schema, [
        '{"list":[],"dict":{},"opt":{}}',
        '{"list":{},"dict":[],"opt":[]}',
        '{"list":{"a":1},"dict":{},"opt":{}}',
        '{"list":[],"dict":[1],"opt":{}}',
        '{"list":[],"dict":{},"opt":{},"req":[]}',
      ]),
    ).toEqual([
      "valid",
      "valid",
      "/list expected array, found object",
      "/dict expected map, found array (a JSON object)",
      '/req/y missing required field "y" of record Q',
    ]);
  });

  it("plain unions: a value of one branch's kind reports that branch's error", () => {
    const schema = record([
      "null",
      "int",
      { type: "record", name: "P", fields: [{ name: "x", type: "string" }] },
      { type: "array", items: "string" },
    ]);
    expect(
      verdicts(schema, [
        '{"v":null}',
        '{"v":3}',
        '{"v":{"x":"s"}}',
        '{"v":["s"]}',
        '{"v":1.5}',
        '{"v":{"x":1}}',
        '{"v":[1]}',
        '{"v":"s"}',
      ]),
    ).toEqual([
      "valid",
      "valid",
      "valid",
      "valid",
      "/v expected int, found 1.5",
      "/v/x expected string, found 1",
      "/v/0 expected string, found 1",
      '/v expected a value of one of the union\'s types (null, int, P, array), found string "s"',
    ]);
  });

  it("avro-json unions: null or an object with one key naming the branch", () => {
    const schema = record([
      "null",
      "int",
      { type: "record", name: "ns.P", fields: [{ name: "x", type: "string" }] },
    ]);
    expect(
      verdicts(
        schema,
        [
          '{"v":null}',
          '{"v":{"int":3}}',
          '{"v":{"ns.P":{"x":"s"}}}',
          '{"v":3}',
          '{"v":{"int":1,"long":2}}',
          '{"v":{"long":2}}',
          '{"v":{"null":null}}',
          '{"v":{"ns.P":{"x":1}}}',
          '{"v":{}}',
        ],
        { dialect: "avro-json" },
      ).map((v) => v.split(" ")[0]),
    ).toEqual(["valid", "valid", "valid", "/v", "/v", "/v", "/v", "/v/ns.P/x", "/v"]);
  });

  it("recursive records compile once and check every level", () => {
    const list = {
      type: "record",
      name: "Node",
      fields: [
        { name: "value", type: "int" },
        { name: "next", type: ["null", "Node"], default: null },
      ],
    };
    const source = compileLuaCheck(parseSchema(list));
    expect(source.match(/ = function\(t, d\)/g)).toHaveLength(1);
    expect(
      verdicts(list, [
        '{"value":1,"next":{"value":2,"next":{"value":3}}}',
        '{"value":1,"next":{"value":2,"next":{"value":"x"}}}',
      ]),
    ).toEqual(["valid", '/next/next/value expected int, found string "x"']);
  });

  it("stays within Lua's limits of 200 locals and 60 upvalues on large schemas", () => {
    const enums = Array.from({ length: 150 }, (_, i) => ({
      name: `f${i}`,
      type: { type: "enum", name: `E${i}`, symbols: ["A", "B"] },
    }));
    const schema: AvroSchema = parseSchema({ type: "record", name: "Big", fields: enums });
    const body = JSON.stringify(Object.fromEntries(enums.map((f) => [f.name, "B"])));
    const chunk: LuaChunk = { source: compileLuaCheck(schema), phase: "check" };
    const [ok, bad] = runLuaCases([
      { chunk, body },
      { chunk, body: body.replace('"f149":"B"', '"f149":"C"') },
    ]);
    expect(ok.check).toEqual({ ok: true });
    expect(bad.check).toMatchObject({ ok: false, path: "/f149" });
  });

  it("scopes each field's locals, so records with hundreds of fields compile", () => {
    const fields = Array.from({ length: 250 }, (_, i) => ({
      name: `a${i}`,
      type: { type: "array", items: "int" },
    }));
    const body = JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, [1]])));
    const chunk: LuaChunk = {
      source: compileLuaCheck(parseSchema({ type: "record", name: "Wide", fields })),
      phase: "check",
    };
    const [ok, bad] = runLuaCases([
      { chunk, body },
      { chunk, body: body.replace('"a249":[1]', '"a249":[1.5]') },
    ]);
    expect(ok.check).toEqual({ ok: true });
    expect(bad.check).toMatchObject({ ok: false, path: "/a249/0" });
  });

  it("quotes every name and the version safely in the chunk", () => {
    const schema = parseSchema(record("string"));
    const source = compileLuaValidator(schema, {
      subject: 'R"]]\n--',
      version: "v1\n\"'\\",
      fingerprint: "ab",
    });
    const [verdict] = runLuaCases([{ chunk: { source }, body: "{}" }]);
    expect(verdict.exit?.body).toMatchObject({ schema: 'R"]]\n--', version: "v1\n\"'\\" });
  });
});

describe("schemas as deep as the loader accepts", () => {
  // The loader reads JSON up to MAX_JSON_DEPTH levels: these are the deepest schemas of each shape.
  const nest = (depth: number, wrap: (inner: string, level: number) => string, leaf: string) => {
    let text = leaf;
    for (let level = depth; level >= 1; level--) text = wrap(text, level);
    return text;
  };
  const shapes = {
    arrays: (depth: number) => nest(depth, (inner) => `{"type":"array","items":${inner}}`, '"int"'),
    maps: (depth: number) => nest(depth, (inner) => `{"type":"map","values":${inner}}`, '"int"'),
    records: (depth: number) =>
      nest(
        depth,
        (inner, level) =>
          `{"type":"record","name":"R${level}","fields":[{"name":"f","type":${inner}}]}`,
        '"int"',
      ),
    "optional arrays": (depth: number) =>
      nest(depth, (inner) => `["null",{"type":"array","items":${inner}}]`, '"int"'),
  };
  /** The deepest of each shape the loader reads, a valid body and one invalid at the bottom. */
  const cases: Array<[string, number, (value: string) => string]> = [
    ["arrays", MAX_JSON_DEPTH, (v) => "[".repeat(MAX_JSON_DEPTH) + v + "]".repeat(MAX_JSON_DEPTH)],
    [
      "maps",
      MAX_JSON_DEPTH - 1,
      (v) => '{"k":'.repeat(MAX_JSON_DEPTH - 1) + v + "}".repeat(MAX_JSON_DEPTH - 1),
    ],
    ["records", 333, (v) => '{"f":'.repeat(333) + v + "}".repeat(333)],
    ["optional arrays", 499, (v) => "[".repeat(499) + v + "]".repeat(499)],
  ];

  it.each(cases)(
    "%s: the chunk loads in LuaJIT and checks the deepest level",
    (shape, depth, body) => {
      const text = shapes[shape as keyof typeof shapes](depth);
      const schema = parseSchemaText(text, "deep.avsc");
      const chunk: LuaChunk = { source: compileLuaCheck(schema), phase: "check" };
      const [valid, invalid] = runLuaCases([
        { chunk, body: body("7") },
        { chunk, body: body('"x"') },
      ]);
      expect(valid.error).toBeUndefined();
      expect(valid.check).toEqual({ ok: true });
      expect(invalid.error).toBeUndefined();
      expect(invalid.check?.ok).toBe(false);
      expect(invalid.check?.message).toBe('expected int, found string "x"');
      expect(invalid.check?.path?.split("/")).toHaveLength(depth + 1);
    },
  );

  it.each(Object.keys(shapes))("%s: the chunk grows linearly with the depth", (shape) => {
    const size = (depth: number) =>
      compileLuaCheck(parseSchemaText(shapes[shape as keyof typeof shapes](depth))).length;
    // Equal steps: every level adds the same code, whatever its depth (up to a few bytes where
    // the definitions are grouped, or the functions' numbers `V[n]` gain a digit). Quadratic
    // growth would make the second step about twice the first.
    const [d100, d200, d300] = [size(100), size(200), size(300)];
    expect(Math.abs(d300 - d200 - (d200 - d100))).toBeLessThan((d200 - d100) / 100);
  });
});

describe("schemas wider than one Lua function may be", () => {
  // LuaJIT refuses a function with more than 65,536 constants (a record of ~20,000 fields) or a
  // jump over more than 32,767 instructions (a union of ~4,000 branches): such are split.
  const load = (schema: unknown, bodies: string[], options: ValidationOptions = {}) => {
    const chunk: LuaChunk = {
      source: compileLuaCheck(parseSchema(schema), options),
      phase: "check",
    };
    return runLuaCases(bodies.map((body) => ({ chunk, body }))).map((v) =>
      v.error
        ? `error: ${v.error}`
        : v.check?.ok
          ? "valid"
          : `${v.check?.path} ${v.check?.message}`,
    );
  };

  it("a record of 25,000 fields", () => {
    const fields = Array.from({ length: 25_000 }, (_, i) => ({
      name: `f${i}`,
      type: "int",
      ...(i % 2 === 1 ? { default: 0 } : {}),
    }));
    const body = JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, 1])));
    expect(
      load({ type: "record", name: "Wide", fields }, [
        body,
        body.replace('"f24998":1', '"f24998":"x"'),
        body.replace('"f24998":1,', ""),
        body.replace('"f3":1,', ""),
        body.replace('"f0":1', '"f0":1,"extra":1'),
      ]),
    ).toEqual([
      "valid",
      '/f24998 expected int, found string "x"',
      '/f24998 missing required field "f24998" of record Wide',
      "valid",
      '/extra unknown field "extra"; record Wide does not declare it',
    ]);
  });

  it("an enum of 200,000 symbols", () => {
    const symbols = Array.from({ length: 200_000 }, (_, i) => `S${i}`);
    const schema = { type: "array", items: { type: "enum", name: "E", symbols } };
    expect(load(schema, ['["S0","S199999"]', '["S200000"]'])).toEqual([
      "valid",
      '/0 expected enum E, found string "S200000" (expected one of: S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, …)',
    ]);
  });

  it.each(["plain", "avro-json"] as const)("a union of 5,000 branches, %s", (dialect) => {
    const branches = Array.from({ length: 5_000 }, (_, i) => ({
      type: "record",
      name: `B${i}`,
      fields: [{ name: `b${i}`, type: "int" }],
    }));
    const schema = { type: "array", items: ["null", ...branches] };
    const wrap = (name: string, value: string) =>
      dialect === "plain" ? value : `{"${name}":${value}}`;
    const verdicts = load(
      schema,
      [
        `[null,${wrap("B4999", '{"b4999":1}')},${wrap("B0", '{"b0":2}')}]`,
        `[${wrap("B4999", '{"b4999":"x"}')}]`,
      ],
      { dialect },
    );
    expect(verdicts[0]).toBe("valid");
    expect(verdicts[1]).toMatch(
      dialect === "plain"
        ? /^\/0 expected a value of one of the union's types \(null, B0, B1, /
        : /^\/0\/B4999\/b4999 expected int, found string "x"$/,
    );
  });
});
