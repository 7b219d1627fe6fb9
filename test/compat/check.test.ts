/**
 * The rules of the Avro specification's schema resolution that the transcribed Java/Python
 * cases do not pin down, and the places where avro-kong follows the spec rather than Java.
 */
import type { AvroSchema } from "../../src/avro";
import { checkCompatibility, formatIncompatibility } from "../../src/compat";
import { avro } from "./parse";

function errors(reader: unknown, writer: unknown) {
  return checkCompatibility(avro(reader), avro(writer)).errors;
}

const record = (name: string, fields: object[], extra: object = {}) => ({
  type: "record",
  name,
  fields,
  ...extra,
});

describe("numeric and string promotion", () => {
  const promotions: Array<[string, string]> = [
    ["long", "int"],
    ["float", "int"],
    ["float", "long"],
    ["double", "int"],
    ["double", "long"],
    ["double", "float"],
    ["string", "bytes"],
    ["bytes", "string"],
  ];
  it.each(promotions)("a %s reader reads a %s writer", (reader, writer) => {
    expect(errors(reader, writer)).toEqual([]);
  });

  const primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
  const allowed = new Set(promotions.map(([r, w]) => `${r}<-${w}`));
  const refused = primitives.flatMap((r) =>
    primitives
      .filter((w) => w !== r && !allowed.has(`${r}<-${w}`))
      .map((w) => [r, w] as [string, string]),
  );
  it("refuses every other pair of different primitives (48 pairs)", () => {
    expect(refused).toHaveLength(48);
    for (const [reader, writer] of refused) {
      expect(errors(reader, writer)).toEqual([
        {
          type: "TYPE_MISMATCH",
          path: "/",
          message: `reader type: ${reader.toUpperCase()} not compatible with writer type: ${writer.toUpperCase()}`,
        },
      ]);
    }
  });

  it("promotes inside arrays, maps and record fields", () => {
    expect(errors({ type: "array", items: "double" }, { type: "array", items: "int" })).toEqual([]);
    expect(errors({ type: "map", values: "bytes" }, { type: "map", values: "string" })).toEqual([]);
    expect(
      errors(record("R", [{ name: "n", type: "long" }]), record("R", [{ name: "n", type: "int" }])),
    ).toEqual([]);
  });
});

describe("named types match by unqualified name (the spec), or by a reader alias", () => {
  it("records in different namespaces with the same simple name match", () => {
    expect(errors(record("shop.v2.Money", []), record("shop.v1.Money", []))).toEqual([]);
  });

  it("enums and fixed types too", () => {
    expect(
      errors(
        { type: "enum", name: "a.Color", symbols: ["RED"] },
        { type: "enum", name: "b.Color", symbols: ["RED"] },
      ),
    ).toEqual([]);
    expect(
      errors({ type: "fixed", name: "a.Id", size: 16 }, { type: "fixed", name: "b.Id", size: 16 }),
    ).toEqual([]);
  });

  it("a reader alias equal to the writer's full name matches (as Java)", () => {
    expect(
      errors(record("shop.Amount", [], { aliases: ["shop.Money"] }), record("shop.Money", [])),
    ).toEqual([]);
  });

  it("a reader alias matches the writer's unqualified name as well", () => {
    expect(
      errors(record("shop.Amount", [], { aliases: ["legacy.Money"] }), record("shop.Money", [])),
    ).toEqual([]);
  });

  it("a relative alias is qualified with the reader's namespace and still matches", () => {
    expect(
      errors(
        record("Amount", [], { namespace: "shop", aliases: ["Money"] }),
        record("other.Money", []),
      ),
    ).toEqual([]);
  });

  it("writer aliases play no part", () => {
    expect(
      errors(record("shop.Amount", []), record("shop.Money", [], { aliases: ["shop.Amount"] })),
    ).toEqual([{ type: "NAME_MISMATCH", path: "/name", message: "expected: shop.Money" }]);
  });

  it("a name mismatch does not hide the field errors under it", () => {
    expect(
      errors(
        record("A", [{ name: "x", type: "int" }]),
        record("B", [{ name: "x", type: "string" }]),
      ),
    ).toEqual([
      { type: "NAME_MISMATCH", path: "/name", message: "expected: B" },
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type",
        message: "reader type: INT not compatible with writer type: STRING",
      },
    ]);
  });
});

describe("record fields", () => {
  it("a reader field alias finds the renamed writer field, and its type is checked", () => {
    expect(
      errors(
        record("R", [{ name: "total", type: "int", aliases: ["amount"] }]),
        record("R", [{ name: "amount", type: "string" }]),
      ),
    ).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type",
        message: "reader type: INT not compatible with writer type: STRING",
      },
    ]);
  });

  it("the field's own name wins over an alias that names another writer field", () => {
    expect(
      errors(
        record("R", [{ name: "a", type: "int", aliases: ["b"] }]),
        record("R", [
          { name: "b", type: "string" },
          { name: "a", type: "int" },
        ]),
      ),
    ).toEqual([]);
  });

  it("writer fields the reader does not know are skipped", () => {
    expect(
      errors(
        record("R", []),
        record("R", [{ name: "x", type: { type: "map", values: "string" } }]),
      ),
    ).toEqual([]);
  });

  it("a default of null on an optional field counts as a default", () => {
    expect(
      errors(
        record("R", [{ name: "note", type: ["null", "string"], default: null }]),
        record("R", []),
      ),
    ).toEqual([]);
  });

  it("reports every field missing a default, at the reader field", () => {
    expect(
      errors(
        record("R", [
          { name: "a", type: "int" },
          { name: "b", type: "int", default: 1 },
          { name: "c", type: "string" },
        ]),
        record("R", []),
      ),
    ).toEqual([
      { type: "READER_FIELD_MISSING_DEFAULT_VALUE", path: "/fields/0", message: "a" },
      { type: "READER_FIELD_MISSING_DEFAULT_VALUE", path: "/fields/2", message: "c" },
    ]);
  });

  it("an enum default does not stand in for a missing field's default (spec; Java reports a TYPE_MISMATCH there)", () => {
    const reader = record("Record1", [
      { name: "field1", type: { type: "enum", name: "Enum", symbols: ["A", "B"], default: "A" } },
    ]);
    const writer = record("Record1", [
      { name: "field2", type: { type: "enum", name: "Enum2", symbols: ["A", "B"] } },
    ]);
    expect(errors(reader, writer)).toEqual([
      { type: "READER_FIELD_MISSING_DEFAULT_VALUE", path: "/fields/0", message: "field1" },
    ]);
  });
});

describe("enums", () => {
  const color = (symbols: string[], extra: object = {}) => ({
    type: "enum",
    name: "Color",
    symbols,
    ...extra,
  });

  it("a reader enum with a default reads writer symbols it lacks", () => {
    expect(
      errors(color(["RED", "UNKNOWN"], { default: "UNKNOWN" }), color(["RED", "GREEN", "BLUE"])),
    ).toEqual([]);
  });

  it("without a default, lists every missing symbol, sorted and once", () => {
    expect(errors(color(["RED"]), color(["RED", "GREEN", "BLUE"]))).toEqual([
      { type: "MISSING_ENUM_SYMBOLS", path: "/symbols", message: "[BLUE, GREEN]" },
    ]);
  });

  it("the writer's default does not help the reader", () => {
    expect(errors(color(["RED"]), color(["RED", "GREEN"], { default: "RED" }))).toEqual([
      { type: "MISSING_ENUM_SYMBOLS", path: "/symbols", message: "[GREEN]" },
    ]);
  });

  it("symbol order does not matter", () => {
    expect(errors(color(["GREEN", "RED"]), color(["RED", "GREEN"]))).toEqual([]);
  });
});

describe("unions", () => {
  it("a reader union reads a non-union writer through any branch that reads it", () => {
    expect(errors(["null", "long"], "int")).toEqual([]);
    expect(
      errors(
        ["null", record("Money", [{ name: "cents", type: "long" }])],
        record("Money", [{ name: "cents", type: "int" }]),
      ),
    ).toEqual([]);
  });

  it("no reader branch reads the writer: one MISSING_UNION_BRANCH at the reader union", () => {
    expect(errors(["null", "string"], "int")).toEqual([
      { type: "MISSING_UNION_BRANCH", path: "/", message: "reader union lacking writer type: INT" },
    ]);
    expect(errors([], "null")).toEqual([
      {
        type: "MISSING_UNION_BRANCH",
        path: "/",
        message: "reader union lacking writer type: NULL",
      },
    ]);
  });

  it("a record branch that does not read the writer record does not count", () => {
    const reader = ["null", record("Money", [{ name: "currency", type: "string" }])];
    const writer = record("Money", [{ name: "cents", type: "long" }]);
    expect(errors(reader, writer)).toEqual([
      {
        type: "MISSING_UNION_BRANCH",
        path: "/",
        message: "reader union lacking writer type: RECORD",
      },
    ]);
  });

  it("making a field optional is compatible one way, not the other", () => {
    const required = record("R", [{ name: "note", type: "string" }]);
    const optional = record("R", [{ name: "note", type: ["null", "string"], default: null }]);
    expect(errors(optional, required)).toEqual([]);
    expect(errors(required, optional)).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type/0",
        message: "reader type: STRING not compatible with writer type: NULL",
      },
    ]);
  });

  it("branch order does not matter", () => {
    expect(errors(["string", "null", "int"], ["int", "null", "string"])).toEqual([]);
  });
});

describe("decimals: precision and scale must match (the spec; Java's SchemaCompatibility ignores logical types)", () => {
  const bytesDecimal = (precision: number, scale?: number) => ({
    type: "bytes",
    logicalType: "decimal",
    precision,
    scale,
  });
  const fixedDecimal = (precision: number, scale: number) => ({
    type: "fixed",
    name: "Amount",
    size: 8,
    logicalType: "decimal",
    precision,
    scale,
  });

  it("equal precision and scale match", () => {
    expect(errors(bytesDecimal(10, 2), bytesDecimal(10, 2))).toEqual([]);
    expect(errors(fixedDecimal(10, 2), fixedDecimal(10, 2))).toEqual([]);
  });

  it("a missing scale is scale 0", () => {
    expect(errors(bytesDecimal(5), bytesDecimal(5, 0))).toEqual([]);
  });

  it.each([
    [3, 3, 3, 2],
    [3, 3, 4, 3],
  ])("bytes decimal(%i,%i) does not read decimal(%i,%i)", (rp, rs, wp, ws) => {
    expect(errors(bytesDecimal(rp, rs), bytesDecimal(wp, ws))).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/",
        message: `reader type: decimal(${rp},${rs}) not compatible with writer type: decimal(${wp},${ws})`,
      },
    ]);
  });

  it("fixed decimals too, at the field that holds them", () => {
    expect(
      errors(
        record("R", [{ name: "amount", type: fixedDecimal(3, 3) }]),
        record("R", [{ name: "amount", type: fixedDecimal(3, 2) }]),
      ),
    ).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type",
        message: "reader type: decimal(3,3) not compatible with writer type: decimal(3,2)",
      },
    ]);
  });

  it("a decimal on one side only is an annotation: the bytes still resolve", () => {
    expect(errors(bytesDecimal(10, 2), "bytes")).toEqual([]);
    expect(errors("bytes", bytesDecimal(10, 2))).toEqual([]);
  });

  it("other logical types resolve as their underlying type", () => {
    expect(
      errors(
        { type: "long", logicalType: "timestamp-millis" },
        { type: "int", logicalType: "date" },
      ),
    ).toEqual([]);
  });
});

describe("recursive schemas", () => {
  const list = (head: string) =>
    record("Node", [
      { name: "value", type: head },
      { name: "next", type: ["null", "Node"], default: null },
    ]);

  it("terminate and agree when compatible", () => {
    expect(errors(list("long"), list("int"))).toEqual([]);
  });

  it("report an incompatibility once, where the cycle starts", () => {
    expect(errors(list("int"), list("long"))).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type",
        message: "reader type: INT not compatible with writer type: LONG",
      },
    ]);
  });

  it("terminate on mutual recursion", () => {
    const tree = (leaf: string) =>
      record("Tree", [
        { name: "label", type: leaf },
        {
          name: "children",
          type: {
            type: "array",
            items: record("Branch", [
              { name: "weight", type: leaf },
              { name: "subtree", type: "Tree" },
            ]),
          },
        },
      ]);
    expect(errors(tree("double"), tree("float"))).toEqual([]);
    expect(errors(tree("float"), tree("double"))).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type",
        message: "reader type: FLOAT not compatible with writer type: DOUBLE",
      },
      {
        type: "TYPE_MISMATCH",
        path: "/fields/1/type/items/fields/0/type",
        message: "reader type: FLOAT not compatible with writer type: DOUBLE",
      },
    ]);
  });

  it("do not trust an answer that assumed a pair compatible which was not (a case Java gets wrong)", () => {
    // Checking union branch A, P is reached while A is still in progress and is assumed
    // compatible; A then fails (branch B reads the writer instead). P, used again in f2,
    // must be checked afresh: its y is an A, whose z cannot be read.
    const root = (z: string, withB: boolean) =>
      record("Root", [
        {
          name: "f1",
          type: [
            record("A", [
              { name: "z", type: z },
              { name: "x", type: ["null", record("P", [{ name: "y", type: "A" }])] },
            ]),
            ...(withB ? [record("B", [{ name: "z", type: "string" }], { aliases: ["A"] })] : []),
          ],
        },
        { name: "f2", type: "P" },
      ]);
    expect(errors(root("int", true), root("string", false))).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/1/type/fields/0/type/fields/0/type",
        message: "reader type: INT not compatible with writer type: STRING",
      },
    ]);
    expect(errors(root("string", true), root("string", false))).toEqual([]);
  });

  it("an incompatibility inside a named type used twice is reported once, at its first use", () => {
    const money = (cents: string) => record("Money", [{ name: "cents", type: cents }]);
    const order = (cents: string) =>
      record("Order", [
        { name: "total", type: money(cents) },
        { name: "tax", type: "Money" },
        { name: "refunds", type: { type: "array", items: "Money" } },
      ]);
    expect(errors(order("int"), order("long"))).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type/fields/0/type",
        message: "reader type: INT not compatible with writer type: LONG",
      },
    ]);
  });

  it("unnamed types are not shared, so each use is reported", () => {
    const pair = (t: string) =>
      record("R", [
        { name: "a", type: t },
        { name: "b", type: t },
      ]);
    expect(errors(pair("int"), pair("string")).map((e) => e.path)).toEqual([
      "/fields/0/type",
      "/fields/1/type",
    ]);
  });

  it("stay linear on a deep chain of types each used twice", () => {
    // L_i has two fields of type L_(i-1): 2^300 paths lead to L0, which holds the one error.
    const deep = (leaf: string) => {
      let schema: object = record("L0", [{ name: "v", type: leaf }]);
      for (let i = 1; i < 300; i++) {
        schema = record(`L${i}`, [
          { name: "a", type: schema },
          { name: "b", type: `L${i - 1}` },
        ]);
      }
      return schema;
    };
    const started = Date.now();
    const found = errors(deep("int"), deep("long"));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type".repeat(300),
        message: "reader type: INT not compatible with writer type: LONG",
      },
    ]);
  });
});

describe("the deepest schemas one file may hold", () => {
  // 1000 levels of JSON, the reader's limit, of each shape; the copy's innermost int is a long.
  const nest = (levels: number, wrap: (inner: unknown, level: number) => unknown) => {
    return (leaf: string) => {
      let schema: unknown = leaf;
      for (let level = levels; level >= 1; level--) schema = wrap(schema, level);
      return schema;
    };
  };
  const shapes: Array<[string, (leaf: string) => unknown, string, string]> = [
    [
      "1000 arrays",
      nest(1000, (items) => ({ type: "array", items })),
      "/items".repeat(1000),
      "TYPE_MISMATCH",
    ],
    [
      "1000 maps",
      nest(1000, (values) => ({ type: "map", values })),
      "/values".repeat(1000),
      "TYPE_MISMATCH",
    ],
    [
      "333 records",
      nest(333, (type, i) => record(`R${i}`, [{ name: "f", type }])),
      "/fields/0/type".repeat(333),
      "TYPE_MISMATCH",
    ],
    // Each union's array branch fails to read further down: the outermost union reports it.
    [
      "499 optional arrays",
      nest(499, (items) => ["null", { type: "array", items }]),
      "/1",
      "MISSING_UNION_BRANCH",
    ],
    [
      "499 optional maps",
      nest(499, (values) => ["null", { type: "map", values }]),
      "/1",
      "MISSING_UNION_BRANCH",
    ],
    [
      "249 optional records",
      nest(249, (type, i) => ["null", record(`R${i}`, [{ name: "f", type }])]),
      "/1",
      "MISSING_UNION_BRANCH",
    ],
  ];

  it.each(shapes)("%s: checked to the bottom within the stack", (_, schema, path, type) => {
    expect(errors(schema("int"), schema("int"))).toEqual([]);
    expect(errors(schema("long"), schema("int"))).toEqual([]);
    expect(errors(schema("int"), schema("long"))).toEqual([
      expect.objectContaining({ type, path }),
    ]);
  });
});

describe("schemas of any depth", () => {
  it("are checked with a constant call stack: 10,000 nested optional arrays, as a resolved schema may nest", () => {
    const nested = (leaf: "int" | "long"): AvroSchema => {
      let schema: AvroSchema = { kind: "primitive", type: leaf };
      for (let i = 0; i < 10_000; i++) {
        schema = {
          kind: "union",
          branches: [
            { kind: "primitive", type: "null" },
            { kind: "array", items: schema },
          ],
        };
      }
      return schema;
    };
    const [ints, longs] = [nested("int"), nested("long")];
    expect(checkCompatibility(longs, ints)).toEqual({ compatible: true, errors: [] });
    expect(checkCompatibility(ints, longs).errors).toEqual([
      {
        type: "MISSING_UNION_BRANCH",
        path: "/1",
        message: "reader union lacking writer type: ARRAY",
      },
    ]);
  });
});

describe("formatIncompatibility", () => {
  it("prints TYPE at PATH: message", () => {
    expect(
      formatIncompatibility({
        type: "MISSING_ENUM_SYMBOLS",
        path: "/fields/0/type/symbols",
        message: "[C]",
      }),
    ).toBe("MISSING_ENUM_SYMBOLS at /fields/0/type/symbols: [C]");
  });
});

describe("logical types that change what a number means", () => {
  const long = (logicalType?: string) => ({
    type: "long",
    ...(logicalType ? { logicalType } : {}),
  });

  it("timestamp-millis read as timestamp-micros (and back) is incompatible", () => {
    expect(errors(long("timestamp-micros"), long("timestamp-millis"))).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/",
        message: "reader type: timestamp-micros not compatible with writer type: timestamp-millis",
      },
    ]);
    expect(errors(long("timestamp-millis"), long("local-timestamp-millis"))).toHaveLength(1);
  });

  it("the same logical type, or one on one side only, stays compatible", () => {
    expect(errors(long("timestamp-millis"), long("timestamp-millis"))).toEqual([]);
    expect(errors(long(), long("timestamp-millis"))).toEqual([]);
    expect(errors(long("timestamp-millis"), long())).toEqual([]);
  });
});
