import {
  lintSchema,
  parseSchema,
  parseSchemaText,
  type AvroSchema,
  type EnumSchema,
  type NamedSchema,
  type RecordSchema,
  type UnionSchema,
} from "../../src/avro";
import { UserError } from "../../src/common";
import { validatePayload } from "../../src/validators";

function record(schema: AvroSchema): RecordSchema {
  if (schema.kind !== "record") throw new Error(`expected a record, got ${schema.kind}`);
  return schema;
}

function errorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("parseSchema: every type", () => {
  it.each(["null", "boolean", "int", "long", "float", "double", "bytes", "string"] as const)(
    "parses the primitive %s, bare or as an object",
    (type) => {
      expect(parseSchema(type)).toEqual({ kind: "primitive", type });
      expect(parseSchema({ type })).toEqual({ kind: "primitive", type });
    },
  );

  it("parses records with field attributes", () => {
    const schema = record(
      parseSchema({
        type: "record",
        name: "Order",
        namespace: "shop.orders",
        doc: "An order",
        aliases: ["OldOrder", "legacy.Order"],
        fields: [
          { name: "id", type: "string", doc: "the id", aliases: ["orderId"], order: "descending" },
          { name: "note", type: ["null", "string"], default: null },
        ],
      }),
    );
    expect(schema.name).toBe("shop.orders.Order");
    expect(schema.namespace).toBe("shop.orders");
    expect(schema.aliases).toEqual(["shop.orders.OldOrder", "legacy.Order"]);
    expect(schema.doc).toBe("An order");
    expect(schema.recordType).toBe("record");
    expect(schema.fields[0]).toEqual({
      name: "id",
      type: { kind: "primitive", type: "string" },
      hasDefault: false,
      aliases: ["orderId"],
      order: "descending",
      doc: "the id",
    });
    expect(schema.fields[1].hasDefault).toBe(true);
    expect(schema.fields[1].default).toBeNull();
  });

  it("parses error records, enums, fixed, arrays and maps", () => {
    expect(parseSchema({ type: "error", name: "Oops", fields: [] })).toMatchObject({
      kind: "record",
      recordType: "error",
    });
    expect(
      parseSchema({ type: "enum", name: "Suit", symbols: ["HEART", "SPADE"], default: "HEART" }),
    ).toEqual({
      kind: "enum",
      name: "Suit",
      namespace: "",
      aliases: [],
      symbols: ["HEART", "SPADE"],
      default: "HEART",
    });
    expect(parseSchema({ type: "fixed", name: "a.b.Md5", size: 16 })).toEqual({
      kind: "fixed",
      name: "a.b.Md5",
      namespace: "a.b",
      aliases: [],
      size: 16,
    });
    expect(parseSchema({ type: "array", items: "long" })).toEqual({
      kind: "array",
      items: { kind: "primitive", type: "long" },
    });
    expect(parseSchema({ type: "map", values: { type: "array", items: "int" } })).toEqual({
      kind: "map",
      values: { kind: "array", items: { kind: "primitive", type: "int" } },
    });
    expect(parseSchema([])).toEqual({ kind: "union", branches: [] });
  });

  it("resolves names per the spec: namespaces are inherited, dotted names are full", () => {
    const schema = record(
      parseSchema({
        type: "record",
        name: "Outer",
        namespace: "a.b",
        fields: [
          { name: "inherits", type: { type: "enum", name: "E", symbols: ["X"] } },
          { name: "own", type: { type: "fixed", name: "F", namespace: "c", size: 1 } },
          { name: "dotted", type: { type: "fixed", name: "d.G", namespace: "ignored", size: 2 } },
          { name: "nullNs", type: { type: "fixed", name: "H", namespace: "", size: 3 } },
          { name: "byShortName", type: "E" },
          { name: "byFullName", type: "c.F" },
        ],
      }),
    );
    const names = schema.fields.map((f) => (f.type as NamedSchema).name);
    expect(names).toEqual(["a.b.E", "c.F", "d.G", "H", "a.b.E", "c.F"]);
    expect((schema.fields[2].type as NamedSchema).namespace).toBe("d");
    expect(schema.fields[4].type).toBe(schema.fields[0].type);
    expect(schema.fields[5].type).toBe(schema.fields[1].type);
  });

  it("finds a short name in the null namespace when the enclosing one lacks it", () => {
    const schema = record(
      parseSchema({
        type: "record",
        name: "Top",
        fields: [
          { name: "e", type: { type: "enum", name: "E", symbols: ["A"] } },
          {
            name: "inner",
            type: { type: "record", name: "x.Inner", fields: [{ name: "e", type: "E" }] },
          },
        ],
      }),
    );
    expect(record(schema.fields[1].type).fields[0].type).toBe(schema.fields[0].type);
  });

  it("makes a recursive reference the same object (a cyclic graph)", () => {
    const schema = record(
      parseSchema({
        type: "record",
        name: "shop.catalog.Category",
        fields: [
          { name: "name", type: "string" },
          { name: "children", type: { type: "array", items: "Category" } },
          { name: "parent", type: ["null", "shop.catalog.Category"], default: null },
        ],
      }),
    );
    expect(schema.fields[1].type).toEqual({ kind: "array", items: schema });
    expect((schema.fields[2].type as UnionSchema).branches[1]).toBe(schema);
  });

  it("uses named types given from other files, and their inner named types", () => {
    const money = record(
      parseSchema({
        type: "record",
        name: "shop.common.Money",
        fields: [
          { name: "units", type: "long" },
          { name: "currency", type: { type: "enum", name: "Currency", symbols: ["EUR", "USD"] } },
        ],
      }),
    );
    const namedTypes = new Map<string, NamedSchema>([[money.name, money]]);
    const order = record(
      parseSchema(
        {
          type: "record",
          name: "shop.orders.Order",
          fields: [
            { name: "total", type: "shop.common.Money" },
            { name: "currency", type: "shop.common.Currency" },
          ],
        },
        { namedTypes },
      ),
    );
    expect(order.fields[0].type).toBe(money);
    expect(order.fields[1].type).toBe(money.fields[1].type);
  });

  it("takes in a type from another file however deep it nests, without recursion", () => {
    // 100,000 records, each holding the next: as deep as a long chain of shared types makes one.
    let deep: NamedSchema = {
      kind: "enum",
      name: "x.Leaf",
      namespace: "x",
      aliases: [],
      symbols: ["A"],
    };
    for (let i = 0; i < 100_000; i++) {
      deep = {
        kind: "record",
        name: `x.R${i}`,
        namespace: "x",
        aliases: [],
        recordType: "record",
        fields: [{ name: "f", type: deep, hasDefault: false, aliases: [] }],
      };
    }
    const namedTypes = new Map<string, NamedSchema>([[deep.name, deep]]);
    const schema = parseSchema(
      { type: "array", items: { type: "map", values: [deep.name, "x.R0", "x.Leaf"] } },
      { namedTypes },
    );
    const union = schema.kind === "array" && schema.items.kind === "map" && schema.items.values;
    const branches = union && union.kind === "union" ? union.branches : [];
    expect(
      branches.map((b) => (b.kind === "record" || b.kind === "enum" ? b.name : b.kind)),
    ).toEqual([deep.name, "x.R0", "x.Leaf"]);
    expect(branches[0]).toBe(deep);
    expect(() =>
      parseSchema(
        {
          type: "record",
          name: "x.U",
          fields: [
            { name: "a", type: deep.name },
            { name: "b", type: { type: "fixed", name: "x.Leaf", size: 1 } },
          ],
        },
        { namedTypes },
      ),
    ).toThrow('schema at /fields/1/type/name: type "x.Leaf" is already defined.');
  });

  it("asks resolve() for names it does not know", () => {
    const asked: string[] = [];
    const ext: EnumSchema = {
      kind: "enum",
      name: "x.E",
      namespace: "x",
      aliases: [],
      symbols: ["A"],
    };
    const schema = parseSchema(
      { type: "array", items: "x.E" },
      { resolve: (name) => (asked.push(name), name === "x.E" ? ext : undefined) },
    );
    expect(schema).toEqual({ kind: "array", items: ext });
    expect(asked).toEqual(["x.E"]);
  });

  it("keeps logical types the spec defines on their own underlying type", () => {
    expect(parseSchema({ type: "bytes", logicalType: "decimal", precision: 9, scale: 2 })).toEqual({
      kind: "primitive",
      type: "bytes",
      logicalType: { name: "decimal", precision: 9, scale: 2 },
    });
    expect(parseSchema({ type: "bytes", logicalType: "decimal", precision: 4 })).toMatchObject({
      logicalType: { name: "decimal", precision: 4, scale: 0 },
    });
    expect(
      parseSchema({ type: "fixed", name: "D", size: 4, logicalType: "decimal", precision: 9 }),
    ).toMatchObject({ logicalType: { name: "decimal", precision: 9, scale: 0 } });
    const cases: Array<[string, string]> = [
      ["string", "uuid"],
      ["int", "date"],
      ["int", "time-millis"],
      ["long", "time-micros"],
      ["long", "timestamp-millis"],
      ["long", "timestamp-micros"],
      ["long", "local-timestamp-millis"],
      ["long", "local-timestamp-micros"],
    ];
    for (const [type, logicalType] of cases) {
      expect(parseSchema({ type, logicalType })).toMatchObject({
        logicalType: { name: logicalType },
      });
    }
    expect(
      parseSchema({ type: "fixed", name: "Dur", size: 12, logicalType: "duration" }),
    ).toMatchObject({ logicalType: { name: "duration" } });
    expect(parseSchema({ type: "fixed", name: "U", size: 16, logicalType: "uuid" })).toMatchObject({
      logicalType: { name: "uuid" },
    });
  });

  it("ignores an unknown logical type, or a known one on another type", () => {
    const ignored = [
      { type: "string", logicalType: "made-up" },
      { type: "string", logicalType: "date" },
      { type: "int", logicalType: "timestamp-millis" },
      { type: "int", logicalType: "decimal", precision: 4 },
      { type: "long", logicalType: "uuid" },
      { type: "string", logicalType: "duration" },
    ];
    for (const json of ignored) {
      expect(parseSchema(json)).toEqual({ kind: "primitive", type: json.type });
    }
    expect(
      parseSchema({ type: "fixed", name: "F", size: 8, logicalType: "uuid" }),
    ).not.toHaveProperty("logicalType");
  });

  it("reads defaults of every type", () => {
    const schema = record(
      parseSchema({
        type: "record",
        name: "R",
        fields: [
          { name: "n", type: "null", default: null },
          { name: "b", type: "boolean", default: false },
          { name: "i", type: "int", default: -2147483648 },
          { name: "l", type: "long", default: 9007199254740991 },
          { name: "f", type: "float", default: 1.5 },
          { name: "d", type: "double", default: 2 },
          { name: "by", type: "bytes", default: "\u00ff\u0000" },
          { name: "s", type: "string", default: "é€" },
          { name: "fx", type: { type: "fixed", name: "Two", size: 2 }, default: "ab" },
          { name: "e", type: { type: "enum", name: "E", symbols: ["A", "B"] }, default: "B" },
          { name: "a", type: { type: "array", items: "E" }, default: ["A", "B"] },
          { name: "m", type: { type: "map", values: "int" }, default: { x: 1 } },
          { name: "u", type: ["int", "null"], default: 3 },
          {
            name: "rec",
            type: {
              type: "record",
              name: "Inner",
              fields: [
                { name: "x", type: "int" },
                { name: "y", type: "string", default: "y" },
              ],
            },
            default: { x: 1 },
          },
        ],
      }),
    );
    expect(schema.fields.every((f) => f.hasDefault)).toBe(true);
    expect(schema.fields.map((f) => f.default)).toEqual([
      null,
      false,
      -2147483648,
      9007199254740991,
      1.5,
      2,
      "\u00ff\u0000",
      "é€",
      "ab",
      "B",
      ["A", "B"],
      { x: 1 },
      3,
      { x: 1 },
    ]);
  });
});

/** A one-field record whose field has the given type and default. */
function withField(type: unknown, extra: Record<string, unknown> = {}): unknown {
  return { type: "record", name: "R", fields: [{ name: "f", type, ...extra }] };
}

describe("parseSchema: every rule, with its exact message", () => {
  const cases: Array<[string, unknown, string]> = [
    [
      "a number is not a schema",
      42,
      "s.avsc: expected a type name, a schema object or a union array, not 42.",
    ],
    ["missing type", { name: "x" }, 's.avsc: missing "type".'],
    [
      "type not a string",
      { type: { type: "int" } },
      's.avsc at /type: "type" must be a string naming the type, not {"type":"int"}.',
    ],
    ["unknown type name", withField("Money"), 's.avsc at /fields/0/type: unknown type "Money".'],
    [
      "unknown name inside a namespace",
      { type: "record", name: "a.R", fields: [{ name: "f", type: "Money" }] },
      's.avsc at /fields/0/type: unknown type "a.Money".',
    ],
    [
      "forward reference",
      {
        type: "record",
        name: "R",
        fields: [
          { name: "a", type: "E" },
          { name: "b", type: { type: "enum", name: "E", symbols: ["X"] } },
        ],
      },
      's.avsc at /fields/0/type: unknown type "E".',
    ],
    [
      "complex type name as a string",
      withField("array"),
      's.avsc at /fields/0/type: type "array" must be written as an object with "items".',
    ],
    ["invalid type name", withField("a-b"), 's.avsc at /fields/0/type: invalid type name "a-b".'],
    ["missing name", { type: "record", fields: [] }, 's.avsc: missing "name" of the record.'],
    [
      "invalid record name",
      { type: "record", name: "my-record", fields: [] },
      's.avsc at /name: invalid name "my-record"; each part of a name must match [A-Za-z_][A-Za-z0-9_]*.',
    ],
    [
      "invalid part of a full name",
      { type: "enum", name: "shop.2orders.E", symbols: [] },
      's.avsc at /name: invalid name "shop.2orders.E"; each part of a name must match [A-Za-z_][A-Za-z0-9_]*.',
    ],
    [
      "invalid namespace",
      { type: "fixed", name: "F", namespace: "shop..x", size: 1 },
      's.avsc at /namespace: invalid namespace "shop..x".',
    ],
    [
      "namespace not a string",
      { type: "fixed", name: "F", namespace: 7, size: 1 },
      's.avsc at /namespace: "namespace" must be a string, not 7.',
    ],
    [
      "primitive as a name",
      { type: "record", name: "x.int", fields: [] },
      's.avsc at /name: "int" is a primitive type and cannot name a record.',
    ],
    [
      "redefined named type",
      {
        type: "record",
        name: "R",
        fields: [
          { name: "a", type: { type: "fixed", name: "F", size: 1 } },
          { name: "b", type: { type: "fixed", name: "F", size: 2 } },
        ],
      },
      's.avsc at /fields/1/type/name: type "F" is already defined.',
    ],
    [
      "record redefining itself",
      {
        type: "record",
        name: "R",
        fields: [{ name: "a", type: { type: "record", name: "R", fields: [] } }],
      },
      's.avsc at /fields/0/type/name: type "R" is already defined.',
    ],
    [
      "invalid alias",
      { type: "record", name: "R", aliases: ["ok", "not ok"], fields: [] },
      's.avsc at /aliases/1: invalid alias "not ok".',
    ],
    [
      "doc not a string",
      { type: "record", name: "R", doc: 1, fields: [] },
      's.avsc at /doc: "doc" must be a string, not 1.',
    ],
    ["missing fields", { type: "record", name: "R" }, 's.avsc: missing "fields" of the record.'],
    [
      "fields not an array",
      { type: "record", name: "R", fields: {} },
      's.avsc at /fields: "fields" must be an array, not {}.',
    ],
    [
      "field not an object",
      { type: "record", name: "R", fields: ["int"] },
      's.avsc at /fields/0: a field must be an object, not "int".',
    ],
    [
      "field without a name",
      { type: "record", name: "R", fields: [{ type: "int" }] },
      's.avsc at /fields/0: missing "name" of the field.',
    ],
    [
      "invalid field name",
      { type: "record", name: "R", fields: [{ name: "total-amount", type: "int" }] },
      's.avsc at /fields/0/name: invalid field name "total-amount".',
    ],
    [
      "field without a type",
      { type: "record", name: "R", fields: [{ name: "f" }] },
      's.avsc at /fields/0: missing "type" of the field.',
    ],
    [
      "duplicate field name",
      {
        type: "record",
        name: "R",
        fields: [
          { name: "f", type: "int" },
          { name: "f", type: "long" },
        ],
      },
      's.avsc at /fields/1/name: duplicate field name "f".',
    ],
    [
      "bad order",
      withField("int", { order: "up" }),
      's.avsc at /fields/0/order: "order" must be "ascending", "descending" or "ignore", not "up".',
    ],
    ["missing symbols", { type: "enum", name: "E" }, 's.avsc: missing "symbols" of the enum.'],
    [
      "invalid enum symbol",
      { type: "enum", name: "E", symbols: ["OK", "not-ok"] },
      's.avsc at /symbols/1: invalid enum symbol "not-ok".',
    ],
    [
      "enum symbol not a string",
      { type: "enum", name: "E", symbols: [1] },
      "s.avsc at /symbols/0: invalid enum symbol 1.",
    ],
    [
      "duplicate enum symbol",
      { type: "enum", name: "E", symbols: ["A", "B", "A"] },
      's.avsc at /symbols/2: duplicate enum symbol "A".',
    ],
    [
      "enum default not a symbol",
      { type: "enum", name: "E", symbols: ["A"], default: "B" },
      's.avsc at /default: enum default "B" is not one of its symbols.',
    ],
    ["missing size", { type: "fixed", name: "F" }, 's.avsc: missing "size" of the fixed.'],
    [
      "negative size",
      { type: "fixed", name: "F", size: -1 },
      "s.avsc at /size: fixed size must be a non-negative integer, not -1.",
    ],
    [
      "fractional size",
      { type: "fixed", name: "F", size: 1.5 },
      "s.avsc at /size: fixed size must be a non-negative integer, not 1.5.",
    ],
    [
      "size as a string",
      { type: "fixed", name: "F", size: "16" },
      's.avsc at /size: fixed size must be a non-negative integer, not "16".',
    ],
    ["missing items", { type: "array" }, 's.avsc: missing "items".'],
    ["missing values", { type: "map", value: "int" }, 's.avsc: missing "values".'],
    [
      "union in a union",
      ["null", ["int", "string"]],
      "s.avsc at /1: a union cannot directly contain another union.",
    ],
    [
      "two branches of one primitive type",
      ["int", "string", { type: "int" }],
      's.avsc at /2: the union already has a branch of type "int".',
    ],
    [
      "logical type does not make another branch",
      ["long", { type: "long", logicalType: "timestamp-millis" }],
      's.avsc at /1: the union already has a branch of type "long".',
    ],
    [
      "two arrays in a union",
      [
        { type: "array", items: "int" },
        { type: "array", items: "string" },
      ],
      's.avsc at /1: the union already has a branch of type "array".',
    ],
    [
      "one named type twice in a union",
      { type: "record", name: "R", fields: [{ name: "f", type: ["null", "R", "R"] }] },
      's.avsc at /fields/0/type/2: the union already has a branch of type "R".',
    ],
    [
      "decimal precision zero",
      { type: "bytes", logicalType: "decimal", precision: 0 },
      "s.avsc at /precision: decimal precision must be a positive integer, not 0.",
    ],
    [
      "decimal without precision",
      { type: "bytes", logicalType: "decimal" },
      "s.avsc at /precision: decimal precision must be a positive integer, not missing.",
    ],
    [
      "decimal negative scale",
      { type: "bytes", logicalType: "decimal", precision: 4, scale: -1 },
      "s.avsc at /scale: decimal scale must be a non-negative integer, not -1.",
    ],
    [
      "decimal scale above precision",
      { type: "bytes", logicalType: "decimal", precision: 4, scale: 5 },
      "s.avsc at /scale: decimal scale 5 is greater than its precision 4.",
    ],
    [
      "fixed decimal too precise",
      { type: "fixed", name: "D", size: 8, logicalType: "decimal", precision: 19 },
      "s.avsc at /precision: decimal precision 19 does not fit in a fixed of size 8 (at most 18).",
    ],
    [
      "duration of the wrong size",
      { type: "fixed", name: "D", size: 16, logicalType: "duration" },
      "s.avsc at /size: logical type duration needs a fixed of size 12, not 16.",
    ],
    [
      "default of the wrong type",
      withField("int", { default: "abc" }),
      's.avsc at /fields/0/default: default "abc" does not match type int.',
    ],
    [
      "int default out of range",
      withField("int", { default: 2147483648 }),
      "s.avsc at /fields/0/default: default 2147483648 does not match type int (outside the 32-bit signed range).",
    ],
    [
      "long default beyond 64 bits",
      withField("long", { default: 1e19 }),
      "s.avsc at /fields/0/default: default 10000000000000000000 does not match type long (outside the 64-bit signed range).",
    ],
    [
      "int default with a fraction",
      withField("long", { default: 1.5 }),
      "s.avsc at /fields/0/default: default 1.5 does not match type long (not a whole number).",
    ],
    [
      "null default for an optional field written the wrong way round",
      withField(["string", "null"], { default: null }),
      "s.avsc at /fields/0/default: default null does not match type string, the first branch of the union.",
    ],
    [
      "default of a second union branch",
      withField(["null", "string"], { default: "x" }),
      's.avsc at /fields/0/default: default "x" does not match type null, the first branch of the union.',
    ],
    [
      "bytes default above U+00FF",
      withField("bytes", { default: "€" }),
      's.avsc at /fields/0/default: default "€" does not match type bytes (code points above U+00FF).',
    ],
    [
      "fixed default of the wrong length",
      withField({ type: "fixed", name: "F", size: 4 }, { default: "abc" }),
      's.avsc at /fields/0/default: default "abc" does not match type fixed F (3 characters, not 4).',
    ],
    [
      "enum field default not a symbol",
      withField({ type: "enum", name: "E", symbols: ["A"] }, { default: "Z" }),
      's.avsc at /fields/0/default: default "Z" is not a symbol of enum E.',
    ],
    [
      "array default item",
      withField({ type: "array", items: "int" }, { default: [1, "2"] }),
      's.avsc at /fields/0/default/1: default "2" does not match type int.',
    ],
    [
      "map default value",
      withField({ type: "map", values: "boolean" }, { default: { a: 1 } }),
      "s.avsc at /fields/0/default/a: default 1 does not match type boolean.",
    ],
    [
      "record default missing a field",
      withField(
        { type: "record", name: "M", fields: [{ name: "units", type: "long" }] },
        { default: {} },
      ),
      's.avsc at /fields/0/default: default {} does not match type record M (field "units" is missing and has no default).',
    ],
    [
      "record default with a bad field",
      withField(
        { type: "record", name: "M", fields: [{ name: "units", type: "long" }] },
        { default: { units: "1" } },
      ),
      's.avsc at /fields/0/default/units: default "1" does not match type long.',
    ],
  ];

  it.each(cases)("%s", (_title, json, message) => {
    const error = errorOf(() => parseSchema(json, { file: "s.avsc" }));
    expect(error.message).toBe(message);
    expect(error.file).toBe("s.avsc");
    // lint reports the same problem, with the same pointer
    const { schema, problems } = lintSchema(json, { file: "s.avsc" });
    expect(schema).toBeUndefined();
    expect(problems[0].pointer).toBe(error.pointer);
  });

  it("names the schema when no file is given", () => {
    expect(errorOf(() => parseSchema({ type: "enum", name: "E", symbols: ["a-b"] })).message).toBe(
      'schema at /symbols/0: invalid enum symbol "a-b".',
    );
  });

  it("rejects redefining a type given from another file", () => {
    const money: NamedSchema = {
      kind: "fixed",
      name: "x.Money",
      namespace: "x",
      aliases: [],
      size: 8,
    };
    const error = errorOf(() =>
      parseSchema(
        { type: "fixed", name: "x.Money", size: 8 },
        { namedTypes: new Map([[money.name, money]]) },
      ),
    );
    expect(error.message).toBe('schema at /name: type "x.Money" is already defined.');
  });
});

describe("lintSchema", () => {
  it("collects every problem, each with its pointer", () => {
    const { schema, problems } = lintSchema(
      {
        type: "record",
        name: "shop.Bad",
        fields: [
          { name: "a", type: "int", default: "x" },
          { name: "a", type: "Nope" },
          { name: "e", type: { type: "enum", name: "E", symbols: ["A", "A"] } },
          { name: "z", type: ["null", ["int"]] },
        ],
      },
      { file: "bad.avsc" },
    );
    expect(schema).toBeUndefined();
    expect(problems).toEqual([
      { file: "bad.avsc", pointer: "/fields/1/name", message: 'duplicate field name "a".' },
      { file: "bad.avsc", pointer: "/fields/1/type", message: 'unknown type "shop.Nope".' },
      {
        file: "bad.avsc",
        pointer: "/fields/2/type/symbols/1",
        message: 'duplicate enum symbol "A".',
      },
      {
        file: "bad.avsc",
        pointer: "/fields/3/type/1",
        message: "a union cannot directly contain another union.",
      },
      {
        file: "bad.avsc",
        pointer: "/fields/0/default",
        message: 'default "x" does not match type int.',
      },
    ]);
  });

  it("returns the schema when there is no problem", () => {
    expect(lintSchema("int")).toEqual({ schema: { kind: "primitive", type: "int" }, problems: [] });
  });

  it("escapes pointer tokens", () => {
    const { problems } = lintSchema(
      withField({ type: "map", values: "int" }, { default: { "a/b~c": "1" } }),
    );
    expect(problems[0].pointer).toBe("/fields/0/default/a~1b~0c");
  });
});

describe("parseSchemaText", () => {
  const cases: Array<[string, string, string]> = [
    [
      "a trailing comma",
      '{"type": "enum",\n "name": "E",\n "symbols": ["A",]}',
      "e.avsc line 3, column 18: malformed JSON: trailing comma before ']'.",
    ],
    [
      "a missing comma",
      '{"type": "record"\n "name": "R"}',
      "e.avsc line 2, column 2: malformed JSON: unexpected \"\\\"\"; expected ',' or '}' after a property value.",
    ],
    [
      "an unquoted key",
      "{type: 1}",
      'e.avsc line 1, column 2: malformed JSON: unexpected "t"; expected a property name in double quotes.',
    ],
    [
      "a truncated document",
      '{"type": "record", "name": "R", "fields": [',
      "e.avsc line 1, column 44: malformed JSON: unexpected end of the text; expected a value.",
    ],
    [
      "an unterminated string",
      '"int',
      "e.avsc line 1, column 5: malformed JSON: unterminated string.",
    ],
    [
      "text after the value",
      '"int" "long"',
      'e.avsc line 1, column 7: malformed JSON: unexpected "\\"" after the JSON value.',
    ],
    ["an empty file", " \n", "e.avsc: the file is empty; expected JSON."],
  ];
  it.each(cases)("reports %s with line and column", (_title, text, message) => {
    expect(errorOf(() => parseSchemaText(text, "e.avsc")).message).toBe(message);
  });

  it("parses valid text, ignoring a byte order mark", () => {
    expect(parseSchemaText('\ufeff{"type": "string"}')).toEqual({
      kind: "primitive",
      type: "string",
    });
  });

  it("checks numeric defaults as payloads are checked: same rule, same reason", () => {
    const text = (type: string, n: string) =>
      `{"type":"record","name":"R","fields":[{"name":"n","type":"${type}","default":${n}}]}`;
    const refusal = (type: string, n: string) => {
      const payload = validatePayload(parseSchema({ type: "array", items: type }), [JSON.parse(n)]);
      return [errorOf(() => parseSchemaText(text(type, n), "n.avsc")).message, payload[0]?.message];
    };
    // 9223372036854775807 decodes to 2^63, which is no long: refused at the gateway, so here too.
    expect(refusal("long", "9223372036854775807")).toEqual([
      "n.avsc at /fields/0/default: default 9223372036854776000 does not match type long (outside the 64-bit signed range).",
      "expected long, found 9223372036854776000 (outside the 64-bit signed range)",
    ]);
    expect(refusal("double", "1e400")).toEqual([
      "n.avsc at /fields/0/default: default Infinity does not match type double (not a finite number).",
      "expected double, found the number Infinity (not a finite number)",
    ]);
    expect(refusal("float", "3.5e38")).toEqual([
      "n.avsc at /fields/0/default: default 3.5e+38 does not match type float (outside the float range).",
      "expected float, found 3.5e+38 (outside the float range)",
    ]);
    for (const [type, n] of [
      ["long", "-9223372036854775808"],
      ["long", "9223372036854774784"],
      ["float", "3.4028234663852886e38"],
      ["float", "-3.4028234663852886e38"],
      ["double", "1e308"],
    ])
      expect(parseSchemaText(text(type, n)).kind).toBe("record");
  });

  it("reports schema problems after the JSON is read", () => {
    expect(errorOf(() => parseSchemaText('{"type": "fixed", "name": "F"}', "f.avsc")).message).toBe(
      'f.avsc: missing "size" of the fixed.',
    );
  });
});
