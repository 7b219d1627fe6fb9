import { parseSchema } from "../../../src/avro";
import type { ValidationOptions } from "../../../src/validators";
import {
  MAX_NESTING_DEPTH,
  MAX_REPORTED_ERRORS,
  isValidPayload,
  validatePayload,
} from "../../../src/validators";

/** docs/reference/json-dialects.md, row by row, as the reference validator implements it. */

const plain: ValidationOptions = { dialect: "plain" };
const avroJson: ValidationOptions = { dialect: "avro-json" };

/** A record with one field `v` of the given type: the shape the gateway sees. */
const wrap = (type: unknown) =>
  parseSchema({ type: "record", name: "t.R", fields: [{ name: "v", type }] });

const errorsOf = (type: unknown, value: unknown, options: ValidationOptions = plain) =>
  validatePayload(wrap(type), { v: value }, options);

const accepts = (type: unknown, value: unknown, options: ValidationOptions = plain) =>
  expect(errorsOf(type, value, options)).toEqual([]);

describe("primitives (same in both dialects)", () => {
  it.each([
    ["null", null],
    ["boolean", true],
    ["boolean", false],
    ["string", ""],
    ["string", "😀"],
    ["float", 1.5],
    ["double", -1e300],
    ["double", 3],
  ])("%s accepts %p", (type, value) => {
    accepts(type, value);
    accepts(type, value, avroJson);
  });

  it.each([
    ["null", 0, "expected null, found 0"],
    ["boolean", "true", 'expected boolean, found string "true"'],
    ["string", 5, "expected string, found 5"],
    ["double", "1.5", 'expected double, found string "1.5"'],
    ["int", null, "expected int, found null"],
    ["long", [], "expected long, found array"],
  ])("%s rejects %p", (type, value, message) => {
    expect(errorsOf(type, value)).toEqual([{ path: "/v", message }]);
    expect(errorsOf(type, value, avroJson)).toEqual([{ path: "/v", message }]);
  });

  it("int: a whole number in the 32-bit signed range", () => {
    for (const ok of [0, -1, 2147483647, -2147483648, JSON.parse("1.0"), JSON.parse("1e3")])
      accepts("int", ok);
    expect(errorsOf("int", 2147483648)).toEqual([
      { path: "/v", message: "expected int, found 2147483648 (outside the 32-bit signed range)" },
    ]);
    expect(errorsOf("int", -2147483649)[0].message).toBe(
      "expected int, found -2147483649 (outside the 32-bit signed range)",
    );
    expect(errorsOf("int", 1.5)).toEqual([
      { path: "/v", message: "expected int, found 1.5 (not a whole number)" },
    ]);
  });

  it("long: a whole number with -2^63 <= x < 2^63, compared as the doubles a JSON decoder yields", () => {
    accepts("long", JSON.parse("-9223372036854775808"));
    accepts("long", 2 ** 63 - 1024); // the largest double below 2^63
    accepts("long", 2 ** 53 + 2);
    // Long.MAX_VALUE as written decodes to exactly 2^63, one past the last long: rejected.
    const longMax = JSON.parse("9223372036854775807") as number;
    expect(longMax).toBe(2 ** 63);
    expect(errorsOf("long", longMax)).toEqual([
      {
        path: "/v",
        message: "expected long, found 9223372036854776000 (outside the 64-bit signed range)",
      },
    ]);
    expect(isValidPayload(wrap("long"), { v: -(2 ** 63) - 2048 })).toBe(false);
    expect(errorsOf("long", 0.5)[0].message).toBe("expected long, found 0.5 (not a whole number)");
  });

  it("float and double: any finite number; 1e400 decodes to Infinity and is refused", () => {
    const huge = JSON.parse("1e400") as number;
    expect(errorsOf("double", huge)).toEqual([
      { path: "/v", message: "expected double, found the number Infinity (not a finite number)" },
    ]);
    expect(isValidPayload(wrap("float"), { v: -huge })).toBe(false);
    expect(errorsOf("long", huge)[0].message).toBe(
      "expected long, found the number Infinity (not a finite number)",
    );
  });

  it("bytes: a string of code points U+0000–U+00FF", () => {
    accepts("bytes", "");
    accepts("bytes", "\u0000\u00ff\u0080a");
    expect(errorsOf("bytes", "ab€")).toEqual([
      {
        path: "/v",
        message:
          'expected bytes, found string "ab€" (code point U+20AC at index 2 is above U+00FF)',
      },
    ]);
    expect(isValidPayload(wrap("bytes"), { v: "\u0100" })).toBe(false);
    expect(isValidPayload(wrap("bytes"), { v: "😀" })).toBe(false);
    expect(errorsOf("bytes", 12)[0].message).toBe("expected bytes, found 12");
  });
});

describe("named and complex types", () => {
  const fixed = { type: "fixed", name: "t.Hash", size: 3 };
  const color = { type: "enum", name: "t.Color", symbols: ["RED", "GREEN"] };

  it("fixed(n): such a string of exactly n code points", () => {
    accepts(fixed, "\u00ffab");
    expect(errorsOf(fixed, "abcd")).toEqual([
      {
        path: "/v",
        message: 'expected fixed t.Hash, found string "abcd" (4 bytes; expected exactly 3)',
      },
    ]);
    expect(errorsOf(fixed, "a€b")[0].message).toBe(
      'expected fixed t.Hash, found string "a€b" (code point U+20AC at index 1 is above U+00FF)',
    );
  });

  it("enum: one of its symbols", () => {
    accepts(color, "GREEN");
    expect(errorsOf(color, "green")).toEqual([
      {
        path: "/v",
        message: 'expected enum t.Color, found string "green" (expected one of: RED, GREEN)',
      },
    ]);
    expect(isValidPayload(wrap(color), { v: "constructor" })).toBe(false);
  });

  it("array and map: every item or value is valid, paths are JSON Pointers", () => {
    accepts({ type: "array", items: "int" }, []);
    accepts({ type: "map", values: "int" }, { "": 1, "a/b": 2 });
    expect(errorsOf({ type: "array", items: "int" }, [1, "2", 3, true])).toEqual([
      { path: "/v/1", message: 'expected int, found string "2"' },
      { path: "/v/3", message: "expected int, found true" },
    ]);
    expect(
      errorsOf({ type: "map", values: "int" }, { "a/b": "x", "c~d": 1, __proto__: 2.5 }),
    ).toEqual([{ path: "/v/a~1b", message: 'expected int, found string "x"' }]);
    const withProto = JSON.parse('{"__proto__": 2.5}') as unknown;
    expect(errorsOf({ type: "map", values: "int" }, withProto)).toEqual([
      { path: "/v/__proto__", message: "expected int, found 2.5 (not a whole number)" },
    ]);
    expect(errorsOf({ type: "map", values: "int" }, [])[0].message).toBe(
      "expected map, found array (a JSON object)",
    );
  });

  it("logical types validate as their underlying type", () => {
    accepts({ type: "int", logicalType: "date" }, 19000);
    expect(isValidPayload(wrap({ type: "int", logicalType: "date" }), { v: "2024-01-01" })).toBe(
      false,
    );
    accepts({ type: "string", logicalType: "uuid" }, "not-a-uuid-but-a-string");
    accepts({ type: "bytes", logicalType: "decimal", precision: 4, scale: 2 }, "\u0001\u00ff");
    accepts({ type: "long", logicalType: "timestamp-millis" }, 1700000000000);
    const duration = { type: "fixed", name: "t.D", size: 12, logicalType: "duration" };
    expect(isValidPayload(wrap(duration), { v: "short" })).toBe(false);
  });
});

describe("records", () => {
  const order = parseSchema({
    type: "record",
    name: "shop.Order",
    fields: [
      { name: "id", type: "string" },
      { name: "qty", type: "int", default: 1 },
      { name: "note", type: ["null", "string"], default: null },
    ],
  });

  it("plain: fields without a default must be present; unknown fields are rejected", () => {
    expect(validatePayload(order, { id: "a" })).toEqual([]);
    expect(validatePayload(order, { qty: 2, extra: 1, other: 2 })).toEqual([
      { path: "/id", message: 'missing required field "id" of record shop.Order' },
      { path: "/extra", message: 'unknown field "extra"; record shop.Order does not declare it' },
      { path: "/other", message: 'unknown field "other"; record shop.Order does not declare it' },
    ]);
  });

  it("unknown fields pass with allowUnknownFields, whatever their value", () => {
    expect(validatePayload(order, { id: "a", extra: [{}] }, { allowUnknownFields: true })).toEqual(
      [],
    );
    expect(
      validatePayload(
        order,
        { id: "a", extra: 1 },
        { dialect: "avro-json", allowUnknownFields: true },
      ),
    ).toEqual([
      { path: "/qty", message: 'missing required field "qty" of record shop.Order' },
      {
        path: "/note",
        message: 'missing required field "note" of record shop.Order',
      },
    ]);
  });

  it("avro-json: every field must be present, defaults or not", () => {
    expect(validatePayload(order, { id: "a", qty: 1, note: null }, avroJson)).toEqual([]);
    expect(validatePayload(order, { id: "a", note: { string: "x" } }, avroJson)).toEqual([
      { path: "/qty", message: 'missing required field "qty" of record shop.Order' },
    ]);
  });

  it("a present key is a present field: null for a defaulted non-null field is invalid", () => {
    expect(validatePayload(order, { id: "a", qty: null })).toEqual([
      { path: "/qty", message: "expected int, found null" },
    ]);
    expect(validatePayload(order, { id: "a", note: null })).toEqual([]);
  });

  it("a record must be a JSON object", () => {
    expect(validatePayload(order, [])).toEqual([
      { path: "", message: "expected record shop.Order, found array (a JSON object)" },
    ]);
    expect(validatePayload(order, null)[0].message).toBe(
      "expected record shop.Order, found null (a JSON object)",
    );
  });

  it("fields named like Object.prototype members are read as own keys only", () => {
    const tricky = parseSchema({
      type: "record",
      name: "t.T",
      fields: [
        { name: "constructor", type: "int", default: 0 },
        { name: "__proto__", type: "int" },
      ],
    });
    expect(validatePayload(tricky, JSON.parse('{"__proto__": 1}'))).toEqual([]);
    expect(validatePayload(tricky, {})).toEqual([
      { path: "/__proto__", message: 'missing required field "__proto__" of record t.T' },
    ]);
    expect(validatePayload(tricky, JSON.parse('{"__proto__": 1, "toString": 2}'))).toEqual([
      { path: "/toString", message: 'unknown field "toString"; record t.T does not declare it' },
    ]);
  });

  it("reports every error up to a cap", () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const errors = validatePayload(order, { id: "a", ...many });
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(errors[99]).toEqual({
      path: "/k99",
      message: 'unknown field "k99"; record shop.Order does not declare it',
    });
  });
});

describe("unions", () => {
  const money = { type: "record", name: "shop.Money", fields: [{ name: "cents", type: "long" }] };
  const union = ["null", "string", money];

  it("plain: a value valid for at least one branch", () => {
    for (const v of [null, "x", { cents: 5 }]) accepts(union, v);
    accepts(["int", "double"], 1.5);
    expect(errorsOf(union, 5)).toEqual([
      {
        path: "/v",
        message: "expected a value of one of the union's types (null, string, shop.Money), found 5",
      },
    ]);
  });

  it("plain: when one branch has the value's JSON kind, its own errors are reported", () => {
    expect(errorsOf(union, { cents: "5" })).toEqual([
      { path: "/v/cents", message: 'expected long, found string "5"' },
    ]);
  });

  it("avro-json: null, or one key naming the branch (full name for named types)", () => {
    for (const v of [null, { string: "x" }, { "shop.Money": { cents: 5 } }])
      accepts(union, v, avroJson);
    expect(errorsOf(union, "x", avroJson)).toEqual([
      {
        path: "/v",
        message:
          'expected a union value: null or an object with one key naming the branch (null, string, shop.Money), found string "x"',
      },
    ]);
    expect(errorsOf(union, { Money: { cents: 5 } }, avroJson)).toEqual([
      {
        path: "/v",
        message: '"Money" is not a branch name of this union (null, string, shop.Money)',
      },
    ]);
    expect(errorsOf(union, { string: "x", null: null }, avroJson)[0].message).toBe(
      "expected a union value: an object with exactly one key naming the branch (null, string, shop.Money), found 2 keys",
    );
    expect(errorsOf(union, {}, avroJson)[0].message).toMatch(/found 0 keys$/);
    expect(errorsOf(union, { "shop.Money": { cents: 1.5 } }, avroJson)).toEqual([
      { path: "/v/shop.Money/cents", message: "expected long, found 1.5 (not a whole number)" },
    ]);
  });

  it('avro-json: the null branch is a bare null, never {"null": null}', () => {
    expect(errorsOf(union, { null: null }, avroJson)).toEqual([
      {
        path: "/v",
        message:
          '"null" is not a branch name of this union (null, string, shop.Money); the null branch is written as a bare null',
      },
    ]);
    expect(errorsOf(["string", "int"], null, avroJson)).toEqual([
      { path: "/v", message: "null is not a branch of this union (string, int)" },
    ]);
  });

  it("avro-json: array and map branches are named array and map", () => {
    const u = ["null", { type: "array", items: "int" }, { type: "map", values: "int" }];
    accepts(u, { array: [1] }, avroJson);
    accepts(u, { map: { a: 1 } }, avroJson);
    expect(isValidPayload(wrap(u), { v: [1] }, avroJson)).toBe(false);
    accepts(u, [1]);
  });
});

describe("recursion and depth", () => {
  const node = parseSchema({
    type: "record",
    name: "t.Node",
    fields: [
      { name: "value", type: "int" },
      { name: "next", type: ["null", "t.Node"], default: null },
    ],
  });
  const list = (depth: number, wrapUnion: boolean): unknown => {
    let value: unknown = { value: 0, next: null };
    for (let i = 1; i < depth; i++)
      value = { value: i, next: wrapUnion ? { "t.Node": value } : value };
    return value;
  };

  it("recursive schemas validate at the deepest nesting Kong can decode", () => {
    expect(validatePayload(node, list(MAX_NESTING_DEPTH, false))).toEqual([]);
    expect(validatePayload(node, list(MAX_NESTING_DEPTH / 2, true), avroJson)).toEqual([]);
    const broken = list(MAX_NESTING_DEPTH, false) as { next: unknown };
    let last = broken as Record<string, unknown>;
    while ((last.next as Record<string, unknown> | null)?.next)
      last = last.next as Record<string, unknown>;
    (last.next as Record<string, unknown>).value = "x";
    const errors = validatePayload(node, broken);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe("/next".repeat(MAX_NESTING_DEPTH - 1) + "/value");
  });

  it("refuses, without walking it, a payload nested deeper than Kong's JSON decoder accepts", () => {
    // lua-cjson's decode_max_depth is 1000: a deeper body never reaches a validator in Kong.
    expect(validatePayload(node, list(MAX_NESTING_DEPTH + 1, false))).toEqual([
      {
        path: "/next".repeat(MAX_NESTING_DEPTH),
        message:
          "nesting deeper than 1000 levels of arrays and objects (Kong's JSON decoder refuses such a body)",
      },
    ]);
    // Unknown or unschematised parts count too, and very deep input does not overflow the stack.
    const deep = JSON.parse("[".repeat(100000) + "]".repeat(100000)) as unknown;
    expect(validatePayload(node, { value: 1, extra: deep }, { allowUnknownFields: true })).toEqual([
      {
        path: "/extra" + "/0".repeat(MAX_NESTING_DEPTH - 1),
        message:
          "nesting deeper than 1000 levels of arrays and objects (Kong's JSON decoder refuses such a body)",
      },
    ]);
    expect(isValidPayload(node, deep)).toBe(false);
  });

  it("walks a union whose record and map branches both recurse, at every depth Kong decodes", () => {
    // Each level tries two branches: the walk keeps its own stack, not one JS frame per step.
    const tree = parseSchema({
      type: "record",
      name: "t.Tree",
      fields: [{ name: "kids", type: ["null", "t.Tree", { type: "map", values: "t.Tree" }] }],
    });
    const nested = (levels: number, inner: unknown): unknown => {
      let value: unknown = inner;
      for (let i = 1; i < levels; i++)
        value = i % 3 === 0 ? { kids: { k: value } } : { kids: value };
      return value;
    };
    let deepest: unknown = { kids: null };
    for (let i = 1; i < MAX_NESTING_DEPTH; i++) deepest = { kids: deepest };
    expect(validatePayload(tree, deepest)).toEqual([]);
    expect(isValidPayload(tree, deepest)).toBe(true);
    expect(validatePayload(tree, nested(700, { kids: null }))).toEqual([]);
    expect(validatePayload(tree, { kids: deepest })).toEqual([
      {
        path: "/kids".repeat(MAX_NESTING_DEPTH),
        message:
          "nesting deeper than 1000 levels of arrays and objects (Kong's JSON decoder refuses such a body)",
      },
    ]);
    // Invalid at the bottom: the record branch's own error is the union's, as before.
    let bad: unknown = { kids: "x" };
    for (let i = 1; i < MAX_NESTING_DEPTH; i++) bad = { kids: bad };
    expect(validatePayload(tree, bad)).toEqual([
      {
        path: "/kids",
        message: "expected a value of one of the union's types (null, t.Tree, map), found object",
      },
    ]);
  });

  it("tries union branches in linear time, even on a deep invalid payload", () => {
    // Two branches take objects, so each level must be tried twice: without remembering
    // verdicts this would be 2^depth walks.
    const tree = parseSchema({
      type: "record",
      name: "t.Tree",
      fields: [{ name: "kids", type: ["null", "t.Tree", { type: "map", values: "t.Tree" }] }],
    });
    let value: unknown = { kids: 5 };
    for (let i = 0; i < 400; i++) value = { kids: value };
    const started = Date.now();
    const errors = validatePayload(tree, value);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toEqual([
      {
        path: "/kids",
        message: "expected a value of one of the union's types (null, t.Tree, map), found object",
      },
    ]);
  });
});
