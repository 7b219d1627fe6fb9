import Ajv from "ajv-draft-04";
import { parseSchema } from "../../../src/avro";
import type { ValidationOptions } from "../../../src/validators";
import {
  DRAFT_04,
  MAX_NESTING_DEPTH,
  compileJsonSchema,
  formatJsonSchema,
  isValidPayload,
} from "../../../src/validators";

/** ownProperties: JSON objects have no inherited keys (see differential.test.ts). */
const ajv = new Ajv({ ownProperties: true, strict: true });

const orderJson = {
  type: "record",
  name: "Order",
  namespace: "shop",
  fields: [
    { name: "id", type: { type: "fixed", name: "Id", size: 4 } },
    { name: "qty", type: "int", default: 1 },
    { name: "total", type: "long" },
    { name: "status", type: { type: "enum", name: "Status", symbols: ["NEW", "PAID"] } },
    { name: "note", type: ["null", "string"], default: null },
    { name: "lines", type: { type: "array", items: "bytes" } },
    { name: "parent", type: ["null", "Order"], default: null },
  ],
};
const order = parseSchema(orderJson);

describe("compileJsonSchema", () => {
  it("emits named types as definitions keyed by full name, referred to by $ref (recursion included)", () => {
    expect(compileJsonSchema(order)).toEqual({
      $schema: DRAFT_04,
      $ref: "#/definitions/shop.Order",
      definitions: {
        "shop.Order": {
          type: "object",
          properties: {
            id: { $ref: "#/definitions/shop.Id" },
            qty: { type: "integer", minimum: -2147483648, maximum: 2147483647 },
            total: {
              type: "integer",
              minimum: -(2 ** 63),
              maximum: 2 ** 63,
              exclusiveMaximum: true,
            },
            status: { $ref: "#/definitions/shop.Status" },
            note: { anyOf: [{ type: "null" }, { type: "string" }] },
            lines: { type: "array", items: { type: "string", pattern: "^[\\x00-\\xff]*$" } },
            parent: { anyOf: [{ type: "null" }, { $ref: "#/definitions/shop.Order" }] },
          },
          required: ["id", "total", "status", "lines"],
          additionalProperties: false,
        },
        "shop.Id": { type: "string", pattern: "^[\\x00-\\xff]*$", minLength: 4, maxLength: 4 },
        "shop.Status": { type: "string", enum: ["NEW", "PAID"] },
      },
    });
  });

  it("avro-json: every field required, unions as null or a one-key object named by the branch", () => {
    const doc = compileJsonSchema(order, { dialect: "avro-json", allowUnknownFields: true });
    const record = doc.definitions!["shop.Order"];
    expect(record.required).toEqual(["id", "qty", "total", "status", "note", "lines", "parent"]);
    expect(record.additionalProperties).toBeUndefined();
    expect(record.properties!.parent).toEqual({
      anyOf: [
        { type: "null" },
        {
          type: "object",
          properties: { "shop.Order": { $ref: "#/definitions/shop.Order" } },
          required: ["shop.Order"],
          additionalProperties: false,
        },
      ],
    });
  });

  it("maps and top-level arrays; no definitions when there are no named types", () => {
    const schema = parseSchema({ type: "array", items: { type: "map", values: "double" } });
    expect(compileJsonSchema(schema)).toEqual({
      $schema: DRAFT_04,
      type: "array",
      items: { type: "object", additionalProperties: { type: "number" } },
    });
  });

  it("omits `required` for a record whose fields all have defaults (draft-04 wants it non-empty)", () => {
    const schema = parseSchema({
      type: "record",
      name: "t.R",
      fields: [{ name: "a", type: "int", default: 0 }],
    });
    expect(compileJsonSchema(schema).definitions!["t.R"]).toEqual({
      type: "object",
      properties: { a: { type: "integer", minimum: -2147483648, maximum: 2147483647 } },
      additionalProperties: false,
    });
    expect(ajv.validateSchema(compileJsonSchema(schema))).toBe(true);
  });

  it("keeps a field named __proto__ as an own property of `properties`", () => {
    const schema = parseSchema({
      type: "record",
      name: "t.P",
      fields: [{ name: "__proto__", type: "string" }],
    });
    const properties = compileJsonSchema(schema).definitions!["t.P"].properties!;
    expect(Object.keys(properties)).toEqual(["__proto__"]);
    expect(formatJsonSchema(compileJsonSchema(schema))).toContain('"__proto__": {\n');
  });

  it("prints two-space JSON with the long bounds as exact integers", () => {
    const text = formatJsonSchema(compileJsonSchema(order));
    expect(text).toContain('"minimum": -9223372036854775808,\n');
    expect(text).toContain('"maximum": 9223372036854775808,\n');
    expect(text).not.toContain("9223372036854776000");
    expect(JSON.parse(text)).toEqual(compileJsonSchema(order));
    expect(text.split("\n")[1]).toBe('  "$schema": "http://json-schema.org/draft-04/schema#",');
  });
});

describe("the compiled document under ajv (draft-04) agrees with the reference validator", () => {
  // Every row has all three columns: jest passes `done` in place of a missing one.
  const cases: ReadonlyArray<readonly [string, unknown, ValidationOptions]> = [
    ["valid order", { id: "\u00ffabc", total: 5, status: "NEW", lines: ["a\u0000"] }, {}],
    ["wrong fixed length", { id: "abc", total: 5, status: "NEW", lines: [] }, {}],
    ["code point above U+00FF", { id: "abcd", total: 5, status: "NEW", lines: ["€"] }, {}],
    ["bad enum symbol", { id: "abcd", total: 5, status: "new", lines: [] }, {}],
    ["int out of range", { id: "abcd", qty: 2147483648, total: 5, status: "NEW", lines: [] }, {}],
    ["int with a fraction", { id: "abcd", qty: 1.5, total: 5, status: "NEW", lines: [] }, {}],
    ["long at -2^63", { id: "abcd", total: -(2 ** 63), status: "NEW", lines: [] }, {}],
    ["long 2^63 - 1024", { id: "abcd", total: 2 ** 63 - 1024, status: "NEW", lines: [] }, {}],
    [
      "Long.MAX_VALUE as written (decodes to 2^63)",
      { id: "abcd", total: JSON.parse("9223372036854775807"), status: "NEW", lines: [] },
      {},
    ],
    [
      "1e400 decodes to Infinity",
      { id: "abcd", total: JSON.parse("1e400"), status: "NEW", lines: [] },
      {},
    ],
    ["unknown field", { id: "abcd", total: 5, status: "NEW", lines: [], x: 1 }, {}],
    [
      "unknown field, allowed",
      { id: "abcd", total: 5, status: "NEW", lines: [], x: 1 },
      { allowUnknownFields: true },
    ],
    ["missing field", { id: "abcd", status: "NEW", lines: [] }, {}],
    ["null for a defaulted int", { id: "abcd", qty: null, total: 5, status: "NEW", lines: [] }, {}],
    [
      "recursion",
      {
        id: "abcd",
        total: 5,
        status: "NEW",
        lines: [],
        parent: { id: "abcd", total: 1, status: "PAID", lines: [] },
      },
      {},
    ],
    [
      "recursion, nested error",
      {
        id: "abcd",
        total: 5,
        status: "NEW",
        lines: [],
        parent: { id: "abcd", total: 1.5, status: "PAID", lines: [] },
      },
      {},
    ],
    [
      "avro-json, wrapped union",
      {
        id: "abcd",
        qty: 1,
        total: 5,
        status: "NEW",
        note: { string: "hi" },
        lines: [],
        parent: null,
      },
      { dialect: "avro-json" },
    ],
    [
      "avro-json, bare union value",
      { id: "abcd", qty: 1, total: 5, status: "NEW", note: "hi", lines: [], parent: null },
      { dialect: "avro-json" },
    ],
    [
      'avro-json, {"null": null}',
      {
        id: "abcd",
        qty: 1,
        total: 5,
        status: "NEW",
        note: { null: null },
        lines: [],
        parent: null,
      },
      { dialect: "avro-json" },
    ],
    [
      "avro-json, defaulted field absent",
      { id: "abcd", total: 5, status: "NEW", note: null, lines: [], parent: null },
      { dialect: "avro-json" },
    ],
    ["not an object", [1, 2], {}],
  ];

  it.each(cases)("%s", (_name, payload, options) => {
    const check = ajv.compile(compileJsonSchema(order, options));
    expect(check(payload)).toBe(isValidPayload(order, payload, options));
  });

  it("the verdicts above are not all the same", () => {
    const verdicts = new Set(
      cases.map(([, payload, options]) => isValidPayload(order, payload, options)),
    );
    expect(verdicts).toEqual(new Set([true, false]));
  });

  it("differs, as documented, only past Kong's JSON nesting limit", () => {
    // JSON Schema cannot bound depth; Kong (cjson, decode_max_depth 1000) refuses such a body
    // before request-validator runs, and the reference validator says so.
    const list = parseSchema({
      type: "record",
      name: "t.L",
      fields: [{ name: "next", type: ["null", "t.L"] }],
    });
    let payload: unknown = { next: null };
    for (let i = 1; i <= MAX_NESTING_DEPTH; i++) payload = { next: payload };
    const check = ajv.compile(compileJsonSchema(list));
    expect(check(payload)).toBe(true);
    expect(isValidPayload(list, payload)).toBe(false);
    expect(check((payload as { next: unknown }).next)).toBe(true);
    expect(isValidPayload(list, (payload as { next: unknown }).next)).toBe(true);
  });
});

describe("unions whose branches overlap (docs/reference/json-dialects.md)", () => {
  // Two records with the same field and a map of one: a JSON object may be valid for several.
  const overlapping = parseSchema({
    type: "record",
    name: "t.A",
    fields: [
      {
        name: "kids",
        type: [
          "null",
          "t.A",
          {
            type: "record",
            name: "t.B",
            fields: [
              { name: "kids", type: ["null", "t.A", "t.B", { type: "map", values: "t.A" }] },
              { name: "b", type: ["null", "int"], default: null },
            ],
          },
          { type: "map", values: "t.A" },
        ],
      },
    ],
  });
  const document = compileJsonSchema(overlapping);
  /** The same document with every `anyOf` written as `oneOf`. */
  const asOneOf = JSON.parse(JSON.stringify(document).replace(/"anyOf":/g, '"oneOf":')) as object;
  // Valid as t.A and as t.B: a value of the union that two branches accept.
  const both = { kids: { kids: null } };
  // Valid only as the map: t.A and t.B fail on the unknown key "x" after checking "kids".
  const mapOnly = { kids: { kids: { kids: null }, x: { kids: null } } };

  it("is an anyOf: a value two branches accept is valid, as the reference says", () => {
    const check = ajv.compile(document);
    for (const payload of [both, mapOnly]) {
      expect(isValidPayload(overlapping, payload)).toBe(true);
      expect(check(payload)).toBe(true);
    }
  });

  it("would refuse such a value as a oneOf, which Avro's unions are not", () => {
    const check = ajv.compile(asOneOf);
    expect(check(both)).toBe(false);
    expect(check(mapOnly)).toBe(true);
  });
});
