/**
 * The Avro project's own compatibility cases, transcribed as facts: Java
 * `TestSchemaCompatibility` (compatible pairs), `TestSchemaCompatibility{TypeMismatch,
 * MissingUnionBranch,NameMismatch,FixedSizeMismatch,MissingEnumSymbols,
 * ReaderFieldMissingDefaultValue,Multiple}` and Python `test_compatibility.py`. Each
 * incompatible case lists every error expected, with Java's type, message and location.
 */
import {
  checkCompatibility,
  type Incompatibility,
  type IncompatibilityType,
} from "../../src/compat";
import * as S from "./fixtures";
import { avro } from "./parse";

type Name = keyof typeof S;

function check(reader: Name, writer: Name) {
  return checkCompatibility(avro(S[reader]), avro(S[writer]));
}

describe("pairs the Avro tests call compatible", () => {
  const cases: Array<[Name, Name]> = [
    ["BOOLEAN", "BOOLEAN"],
    ["INT", "INT"],
    ["LONG", "INT"],
    ["LONG", "LONG"],
    ["FLOAT", "INT"],
    ["FLOAT", "LONG"],
    ["DOUBLE", "LONG"],
    ["DOUBLE", "INT"],
    ["DOUBLE", "FLOAT"],
    ["STRING", "STRING"],
    ["BYTES", "BYTES"],
    ["INT_ARRAY", "INT_ARRAY"],
    ["LONG_ARRAY", "INT_ARRAY"],
    ["INT_MAP", "INT_MAP"],
    ["LONG_MAP", "INT_MAP"],
    ["ENUM1_AB", "ENUM1_AB"],
    ["ENUM1_ABC", "ENUM1_AB"],
    ["STRING", "BYTES"],
    ["BYTES", "STRING"],
    ["EMPTY_UNION", "EMPTY_UNION"],
    ["FLOAT_UNION", "EMPTY_UNION"],
    ["FLOAT_UNION", "INT_UNION"],
    ["FLOAT_UNION", "LONG_UNION"],
    ["FLOAT_UNION", "INT_LONG_UNION"],
    ["INT_UNION", "INT_UNION"],
    ["INT_STRING_UNION", "STRING_INT_UNION"],
    ["INT_UNION", "EMPTY_UNION"],
    ["LONG_UNION", "EMPTY_UNION"],
    ["LONG_UNION", "INT_UNION"],
    ["DOUBLE_UNION", "INT_UNION"],
    ["DOUBLE_UNION", "LONG_UNION"],
    ["DOUBLE_UNION", "FLOAT_UNION"],
    ["STRING_UNION", "EMPTY_UNION"],
    ["STRING_UNION", "BYTES_UNION"],
    ["BYTES_UNION", "EMPTY_UNION"],
    ["BYTES_UNION", "STRING_UNION"],
    ["DOUBLE_UNION", "INT_FLOAT_UNION"],
    ["FLOAT", "INT_FLOAT_UNION"],
    ["LONG", "INT_LONG_UNION"],
    ["DOUBLE", "INT_FLOAT_UNION"],
    ["DOUBLE", "INT_LONG_FLOAT_DOUBLE_UNION"],
    ["FLOAT", "FLOAT_UNION"],
    ["INT_UNION", "INT"],
    ["INT", "INT_UNION"],
    ["FIXED_4_BYTES", "FIXED_4_BYTES"],
    ["EMPTY_RECORD1", "EMPTY_RECORD1"],
    ["EMPTY_RECORD1", "A_INT_RECORD1"],
    ["A_INT_RECORD1", "A_INT_RECORD1"],
    ["A_DINT_RECORD1", "A_INT_RECORD1"],
    ["A_DINT_RECORD1", "A_DINT_RECORD1"],
    ["A_INT_RECORD1", "A_DINT_RECORD1"],
    ["A_LONG_RECORD1", "A_INT_RECORD1"],
    ["A_INT_RECORD1", "A_INT_B_INT_RECORD1"],
    ["A_DINT_RECORD1", "A_INT_B_INT_RECORD1"],
    ["A_INT_B_DINT_RECORD1", "A_INT_RECORD1"],
    ["A_DINT_B_DINT_RECORD1", "EMPTY_RECORD1"],
    ["A_DINT_B_DINT_RECORD1", "A_INT_RECORD1"],
    ["A_INT_B_INT_RECORD1", "A_DINT_B_DINT_RECORD1"],
    ["INT_LIST_RECORD", "INT_LIST_RECORD"],
    ["LONG_LIST_RECORD", "LONG_LIST_RECORD"],
    ["LONG_LIST_RECORD", "INT_LIST_RECORD"],
    ["NULL", "NULL"],
    ["ENUM_AB_ENUM_DEFAULT_A_RECORD", "ENUM_ABC_ENUM_DEFAULT_A_RECORD"],
    [
      "ENUM_AB_FIELD_DEFAULT_A_ENUM_DEFAULT_B_RECORD",
      "ENUM_ABC_FIELD_DEFAULT_B_ENUM_DEFAULT_A_RECORD",
    ],
    // Inner records in different namespaces: names match unqualified (spec; Java ≥ 1.10).
    ["NS_RECORD1", "NS_RECORD2"],
    ["WITHOUT_NAMESPACE_RECORD", "WITH_NAMESPACE_RECORD"],
    ["NULL_INT_ARRAY_UNION", "NULL_INT_ARRAY_UNION"],
    ["NULL_INT_MAP_UNION", "NULL_INT_MAP_UNION"],
  ];
  it.each(cases)("reader %s reads writer %s", (reader, writer) => {
    expect(check(reader, writer)).toEqual({ compatible: true, errors: [] });
  });
});

type Case = [Name, Name, IncompatibilityType, string, string];

function expectOnly(
  reader: Name,
  writer: Name,
  type: IncompatibilityType,
  message: string,
  path: string,
) {
  const result = check(reader, writer);
  expect(result.compatible).toBe(false);
  expect(result.errors).toEqual<Incompatibility[]>([{ type, path, message }]);
}

describe("TYPE_MISMATCH (Java TestSchemaCompatibilityTypeMismatch, Python type_mismatch)", () => {
  const t = "TYPE_MISMATCH";
  const cases: Case[] = [
    ["NULL", "INT", t, "reader type: NULL not compatible with writer type: INT", "/"],
    ["NULL", "LONG", t, "reader type: NULL not compatible with writer type: LONG", "/"],
    ["BOOLEAN", "INT", t, "reader type: BOOLEAN not compatible with writer type: INT", "/"],
    ["INT", "NULL", t, "reader type: INT not compatible with writer type: NULL", "/"],
    ["INT", "BOOLEAN", t, "reader type: INT not compatible with writer type: BOOLEAN", "/"],
    ["INT", "LONG", t, "reader type: INT not compatible with writer type: LONG", "/"],
    ["INT", "FLOAT", t, "reader type: INT not compatible with writer type: FLOAT", "/"],
    ["INT", "DOUBLE", t, "reader type: INT not compatible with writer type: DOUBLE", "/"],
    ["LONG", "FLOAT", t, "reader type: LONG not compatible with writer type: FLOAT", "/"],
    ["LONG", "DOUBLE", t, "reader type: LONG not compatible with writer type: DOUBLE", "/"],
    ["FLOAT", "DOUBLE", t, "reader type: FLOAT not compatible with writer type: DOUBLE", "/"],
    ["DOUBLE", "STRING", t, "reader type: DOUBLE not compatible with writer type: STRING", "/"],
    [
      "FIXED_4_BYTES",
      "STRING",
      t,
      "reader type: FIXED not compatible with writer type: STRING",
      "/",
    ],
    ["STRING", "BOOLEAN", t, "reader type: STRING not compatible with writer type: BOOLEAN", "/"],
    ["STRING", "INT", t, "reader type: STRING not compatible with writer type: INT", "/"],
    ["BYTES", "NULL", t, "reader type: BYTES not compatible with writer type: NULL", "/"],
    ["BYTES", "INT", t, "reader type: BYTES not compatible with writer type: INT", "/"],
    ["A_INT_RECORD1", "INT", t, "reader type: RECORD not compatible with writer type: INT", "/"],
    [
      "INT_ARRAY",
      "LONG_ARRAY",
      t,
      "reader type: INT not compatible with writer type: LONG",
      "/items",
    ],
    ["INT_MAP", "INT_ARRAY", t, "reader type: MAP not compatible with writer type: ARRAY", "/"],
    ["INT_ARRAY", "INT_MAP", t, "reader type: ARRAY not compatible with writer type: MAP", "/"],
    ["INT_MAP", "LONG_MAP", t, "reader type: INT not compatible with writer type: LONG", "/values"],
    ["INT", "ENUM2_AB", t, "reader type: INT not compatible with writer type: ENUM", "/"],
    ["ENUM2_AB", "INT", t, "reader type: ENUM not compatible with writer type: INT", "/"],
    [
      "FLOAT",
      "INT_LONG_FLOAT_DOUBLE_UNION",
      t,
      "reader type: FLOAT not compatible with writer type: DOUBLE",
      "/3",
    ],
    [
      "LONG",
      "INT_FLOAT_UNION",
      t,
      "reader type: LONG not compatible with writer type: FLOAT",
      "/1",
    ],
    ["INT", "INT_FLOAT_UNION", t, "reader type: INT not compatible with writer type: FLOAT", "/1"],
    [
      "INT_LIST_RECORD",
      "LONG_LIST_RECORD",
      t,
      "reader type: INT not compatible with writer type: LONG",
      "/fields/0/type",
    ],
    [
      "INT",
      "INT_STRING_UNION",
      t,
      "reader type: INT not compatible with writer type: STRING",
      "/1",
    ],
    [
      "A_DINT_RECORD1",
      "A_DINT_OPTIONAL_RECORD1",
      t,
      "reader type: INT not compatible with writer type: NULL",
      "/fields/0/type/0",
    ],
    [
      "STRING_MAP",
      "STRING_ARRAY",
      t,
      "reader type: MAP not compatible with writer type: ARRAY",
      "/",
    ],
  ];
  it.each(cases)("reader %s, writer %s", (reader, writer, type, message, path) =>
    expectOnly(reader, writer, type, message, path),
  );
});

describe("MISSING_UNION_BRANCH (Java TestSchemaCompatibilityMissingUnionBranch, Python)", () => {
  const u = "MISSING_UNION_BRANCH";
  const cases: Case[] = [
    ["INT_UNION", "INT_STRING_UNION", u, "reader union lacking writer type: STRING", "/1"],
    ["STRING_UNION", "INT_STRING_UNION", u, "reader union lacking writer type: INT", "/0"],
    ["INT_UNION", "UNION_INT_RECORD1", u, "reader union lacking writer type: RECORD", "/1"],
    ["INT_UNION", "UNION_INT_RECORD2", u, "reader union lacking writer type: RECORD", "/1"],
    ["UNION_INT_RECORD1", "UNION_INT_RECORD2", u, "reader union lacking writer type: RECORD", "/1"],
    ["INT_UNION", "UNION_INT_ENUM1_AB", u, "reader union lacking writer type: ENUM", "/1"],
    ["INT_UNION", "UNION_INT_FIXED_4_BYTES", u, "reader union lacking writer type: FIXED", "/1"],
    ["INT_UNION", "UNION_INT_BOOLEAN", u, "reader union lacking writer type: BOOLEAN", "/1"],
    ["INT_UNION", "LONG_UNION", u, "reader union lacking writer type: LONG", "/0"],
    ["INT_UNION", "FLOAT_UNION", u, "reader union lacking writer type: FLOAT", "/0"],
    ["INT_UNION", "DOUBLE_UNION", u, "reader union lacking writer type: DOUBLE", "/0"],
    ["INT_UNION", "BYTES_UNION", u, "reader union lacking writer type: BYTES", "/0"],
    ["INT_UNION", "UNION_INT_ARRAY_INT", u, "reader union lacking writer type: ARRAY", "/1"],
    ["INT_UNION", "UNION_INT_MAP_INT", u, "reader union lacking writer type: MAP", "/1"],
    ["INT_UNION", "UNION_INT_NULL", u, "reader union lacking writer type: NULL", "/1"],
    [
      "A_DINT_B_DINT_UNION_RECORD1",
      "A_DINT_B_DINT_STRING_UNION_RECORD1",
      u,
      "reader union lacking writer type: STRING",
      "/fields/1/type/1",
    ],
  ];
  it.each(cases)("reader %s, writer %s", (reader, writer, type, message, path) =>
    expectOnly(reader, writer, type, message, path),
  );

  it("reports each writer branch the reader union lacks (INT_UNION reading INT_LONG_FLOAT_DOUBLE_UNION)", () => {
    expect(check("INT_UNION", "INT_LONG_FLOAT_DOUBLE_UNION").errors).toEqual([
      { type: u, path: "/1", message: "reader union lacking writer type: LONG" },
      { type: u, path: "/2", message: "reader union lacking writer type: FLOAT" },
      { type: u, path: "/3", message: "reader union lacking writer type: DOUBLE" },
    ]);
  });

  it("a union reader that reads some writer branches is not compatible (testUnionReaderWriterSubsetIncompatibility)", () => {
    const result = checkCompatibility(avro(["int", "string"]), avro(["int", "string", "long"]));
    expect(result.compatible).toBe(false);
    expect(result.errors).toEqual([
      { type: u, path: "/2", message: "reader union lacking writer type: LONG" },
    ]);
  });
});

describe("NAME_MISMATCH (Java TestSchemaCompatibilityNameMismatch, Python)", () => {
  const n = "NAME_MISMATCH";
  const cases: Case[] = [
    ["ENUM1_AB", "ENUM2_AB", n, "expected: Enum2", "/name"],
    ["EMPTY_RECORD2", "EMPTY_RECORD1", n, "expected: Record1", "/name"],
    ["FIXED_4_BYTES", "FIXED_4_ANOTHER_NAME", n, "expected: AnotherName", "/name"],
    [
      "A_DINT_B_DENUM_1_RECORD1",
      "A_DINT_B_DENUM_2_RECORD1",
      n,
      "expected: Enum2",
      "/fields/1/type/name",
    ],
  ];
  it.each(cases)("reader %s, writer %s", (reader, writer, type, message, path) =>
    expectOnly(reader, writer, type, message, path),
  );
});

describe("FIXED_SIZE_MISMATCH (Java TestSchemaCompatibilityFixedSizeMismatch, Python)", () => {
  const f = "FIXED_SIZE_MISMATCH";
  const cases: Case[] = [
    ["FIXED_4_BYTES", "FIXED_8_BYTES", f, "expected: 8, found: 4", "/size"],
    ["FIXED_8_BYTES", "FIXED_4_BYTES", f, "expected: 4, found: 8", "/size"],
    [
      "A_DINT_B_DFIXED_8_BYTES_RECORD1",
      "A_DINT_B_DFIXED_4_BYTES_RECORD1",
      f,
      "expected: 4, found: 8",
      "/fields/1/type/size",
    ],
    [
      "A_DINT_B_DFIXED_4_BYTES_RECORD1",
      "A_DINT_B_DFIXED_8_BYTES_RECORD1",
      f,
      "expected: 8, found: 4",
      "/fields/1/type/size",
    ],
  ];
  it.each(cases)("reader %s, writer %s", (reader, writer, type, message, path) =>
    expectOnly(reader, writer, type, message, path),
  );
});

describe("MISSING_ENUM_SYMBOLS (Java TestSchemaCompatibilityMissingEnumSymbols, Python)", () => {
  const e = "MISSING_ENUM_SYMBOLS";
  const cases: Case[] = [
    ["ENUM1_AB", "ENUM1_ABC", e, "[C]", "/symbols"],
    ["ENUM1_BC", "ENUM1_ABC", e, "[A]", "/symbols"],
    ["RECORD1_WITH_ENUM_AB", "RECORD1_WITH_ENUM_ABC", e, "[C]", "/fields/0/type/symbols"],
  ];
  it.each(cases)("reader %s, writer %s", (reader, writer, type, message, path) =>
    expectOnly(reader, writer, type, message, path),
  );
});

describe("READER_FIELD_MISSING_DEFAULT_VALUE (Java TestSchemaCompatibilityReaderFieldMissingDefaultValue, Python)", () => {
  const d = "READER_FIELD_MISSING_DEFAULT_VALUE";
  const cases: Case[] = [
    ["A_INT_RECORD1", "EMPTY_RECORD1", d, "a", "/fields/0"],
    ["A_INT_B_DINT_RECORD1", "EMPTY_RECORD1", d, "a", "/fields/0"],
  ];
  it.each(cases)("reader %s, writer %s", (reader, writer, type, message, path) =>
    expectOnly(reader, writer, type, message, path),
  );

  it("a new reader field without a default (Java testValidateSchemaNewField)", () => {
    const writer = avro({
      type: "record",
      name: "Record",
      fields: [
        { name: "oldfield1", type: "int" },
        { name: "oldfield2", type: "string" },
      ],
    });
    const reader = avro({
      type: "record",
      name: "Record",
      fields: [
        { name: "oldfield1", type: "int" },
        { name: "newfield1", type: "int" },
      ],
    });
    expect(checkCompatibility(reader, writer).errors).toEqual([
      { type: d, path: "/fields/1", message: "newfield1" },
    ]);
  });
});

describe("Java testValidateSchemaPair* and Python test_simple_schema_promotion", () => {
  const writer = {
    type: "record",
    name: "Record",
    fields: [
      { name: "oldfield1", type: "int" },
      { name: "oldfield2", type: "string" },
    ],
  };
  const reader = (...fields: object[]) => avro({ type: "record", name: "Record", fields });

  it.each([
    ["omitting the second field", [{ name: "oldfield1", type: "int" }]],
    ["omitting the first field", [{ name: "oldfield2", type: "string" }]],
    [
      "all fields",
      [
        { name: "oldfield1", type: "int" },
        { name: "oldfield2", type: "string" },
      ],
    ],
    [
      "a new field with a default",
      [
        { name: "oldfield1", type: "int" },
        { name: "newfield1", type: "int", default: 42 },
      ],
    ],
  ])("compatible: %s", (_title, fields) => {
    expect(checkCompatibility(reader(...fields), avro(writer)).compatible).toBe(true);
  });

  const pythonWriter = {
    name: "foo",
    type: "record",
    fields: [
      { type: "int", name: "f1" },
      { type: "string", name: "f2" },
    ],
  };
  it("a reader field alias names the writer field", () => {
    const fieldAlias = {
      name: "foo",
      type: "record",
      fields: [{ type: "int", name: "bar", aliases: ["f1"] }],
    };
    expect(checkCompatibility(avro(fieldAlias), avro(pythonWriter)).errors).toEqual([]);
  });
  it("a reader record alias names the writer record", () => {
    const recordAlias = {
      name: "other",
      type: "record",
      fields: [{ type: "int", name: "f1" }],
      aliases: ["foo"],
    };
    expect(checkCompatibility(avro(recordAlias), avro(pythonWriter)).errors).toEqual([]);
  });
});

describe("many errors at once (Java TestSchemaCompatibilityMultiple)", () => {
  const reader = {
    type: "record",
    name: "base",
    fields: [
      {
        name: "check_enum_symbols_field",
        type: { type: "enum", name: "check_enum_symbols_type", symbols: ["A", "C"] },
      },
      {
        name: "check_enum_name_field",
        type: { type: "enum", name: "check_enum_name_type", symbols: ["A", "B", "C", "D"] },
      },
      { name: "type_mismatch_field", type: "string" },
      {
        name: "sub_record",
        type: {
          type: "record",
          name: "sub_record_type",
          fields: [
            { name: "identical_1_field", type: "long", default: 42 },
            { name: "extra_no_default_field", type: "long" },
            {
              name: "fixed_length_mismatch_field",
              type: { type: "fixed", name: "fixed_length_mismatch_type", size: 4 },
            },
            { name: "union_missing_branches_field", type: ["boolean"] },
            { name: "reader_union_does_not_support_type_field", type: ["boolean"] },
            {
              name: "record_fqn_mismatch_field",
              type: {
                type: "record",
                name: "recordA",
                namespace: "not_nsA",
                fields: [
                  { name: "A_field_0", type: "boolean", default: true },
                  { name: "array_type_mismatch_field", type: { type: "array", items: "string" } },
                ],
              },
            },
          ],
        },
      },
    ],
  };
  const writer = {
    type: "record",
    name: "base",
    fields: [
      {
        name: "check_enum_symbols_field",
        type: { type: "enum", name: "check_enum_symbols_type", symbols: ["A", "B", "C", "D"] },
      },
      {
        name: "check_enum_name_field",
        type: { type: "enum", name: "check_enum_name_type_ERR", symbols: ["A", "B", "C", "D"] },
      },
      { name: "type_mismatch_field", type: "long" },
      {
        name: "sub_record",
        type: {
          type: "record",
          name: "sub_record_type",
          fields: [
            { name: "identical_1_field", type: "long", default: 42 },
            {
              name: "fixed_length_mismatch_field",
              type: { type: "fixed", name: "fixed_length_mismatch_type", size: 8 },
            },
            { name: "union_missing_branches_field", type: ["boolean", "double", "string"] },
            { name: "reader_union_does_not_support_type_field", type: "long" },
            {
              name: "record_fqn_mismatch_field",
              type: {
                type: "record",
                name: "recordA",
                namespace: "nsA",
                fields: [
                  { name: "A_field_0", type: "boolean", default: true },
                  { name: "array_type_mismatch_field", type: { type: "array", items: "boolean" } },
                ],
              },
            },
          ],
        },
      },
    ],
  };

  it("lists all nine, in schema order, with Java's paths", () => {
    expect(checkCompatibility(avro(reader), avro(writer))).toEqual({
      compatible: false,
      errors: [
        { type: "MISSING_ENUM_SYMBOLS", path: "/fields/0/type/symbols", message: "[B, D]" },
        {
          type: "NAME_MISMATCH",
          path: "/fields/1/type/name",
          message: "expected: check_enum_name_type_ERR",
        },
        {
          type: "TYPE_MISMATCH",
          path: "/fields/2/type",
          message: "reader type: STRING not compatible with writer type: LONG",
        },
        {
          type: "READER_FIELD_MISSING_DEFAULT_VALUE",
          path: "/fields/3/type/fields/1",
          message: "extra_no_default_field",
        },
        {
          type: "FIXED_SIZE_MISMATCH",
          path: "/fields/3/type/fields/2/type/size",
          message: "expected: 8, found: 4",
        },
        {
          type: "MISSING_UNION_BRANCH",
          path: "/fields/3/type/fields/3/type/1",
          message: "reader union lacking writer type: DOUBLE",
        },
        {
          type: "MISSING_UNION_BRANCH",
          path: "/fields/3/type/fields/3/type/2",
          message: "reader union lacking writer type: STRING",
        },
        {
          type: "MISSING_UNION_BRANCH",
          path: "/fields/3/type/fields/4/type",
          message: "reader union lacking writer type: LONG",
        },
        {
          type: "TYPE_MISMATCH",
          path: "/fields/3/type/fields/5/type/fields/1/type/items",
          message: "reader type: STRING not compatible with writer type: BOOLEAN",
        },
      ],
    });
  });
});
