/**
 * Schemas of the Avro project's compatibility tests (Java `TestSchemas`, Python
 * `test_compatibility.py`), written out as Avro JSON. Names follow those tests so that each
 * case below can be checked against its source.
 */

export const NULL = "null";
export const BOOLEAN = "boolean";
export const INT = "int";
export const LONG = "long";
export const FLOAT = "float";
export const DOUBLE = "double";
export const STRING = "string";
export const BYTES = "bytes";

export const INT_ARRAY = { type: "array", items: "int" };
export const LONG_ARRAY = { type: "array", items: "long" };
export const STRING_ARRAY = { type: "array", items: "string" };
export const INT_MAP = { type: "map", values: "int" };
export const LONG_MAP = { type: "map", values: "long" };
export const STRING_MAP = { type: "map", values: "string" };

export const ENUM1_AB = { type: "enum", name: "Enum1", symbols: ["A", "B"] };
export const ENUM1_ABC = { type: "enum", name: "Enum1", symbols: ["A", "B", "C"] };
export const ENUM1_BC = { type: "enum", name: "Enum1", symbols: ["B", "C"] };
export const ENUM2_AB = { type: "enum", name: "Enum2", symbols: ["A", "B"] };
export const ENUM_ABC_ENUM_DEFAULT_A = {
  type: "enum",
  name: "Enum",
  symbols: ["A", "B", "C"],
  default: "A",
};
export const ENUM_AB_ENUM_DEFAULT_A = {
  type: "enum",
  name: "Enum",
  symbols: ["A", "B"],
  default: "A",
};

function enumRecord(symbols: string[], enumDefault: string, fieldDefault?: string): object {
  const field: Record<string, unknown> = {
    name: "Field",
    type: { type: "enum", name: "Enum", symbols, default: enumDefault },
  };
  if (fieldDefault !== undefined) field.default = fieldDefault;
  return { type: "record", name: "Record", fields: [field] };
}
export const ENUM_ABC_ENUM_DEFAULT_A_RECORD = enumRecord(["A", "B", "C"], "A");
export const ENUM_AB_ENUM_DEFAULT_A_RECORD = enumRecord(["A", "B"], "A");
export const ENUM_ABC_FIELD_DEFAULT_B_ENUM_DEFAULT_A_RECORD = enumRecord(["A", "B", "C"], "A", "B");
export const ENUM_AB_FIELD_DEFAULT_A_ENUM_DEFAULT_B_RECORD = enumRecord(["A", "B"], "B", "A");

export const EMPTY_UNION: string[] = [];
export const NULL_UNION = ["null"];
export const INT_UNION = ["int"];
export const LONG_UNION = ["long"];
export const FLOAT_UNION = ["float"];
export const DOUBLE_UNION = ["double"];
export const STRING_UNION = ["string"];
export const BYTES_UNION = ["bytes"];
export const INT_STRING_UNION = ["int", "string"];
export const STRING_INT_UNION = ["string", "int"];
export const INT_FLOAT_UNION = ["int", "float"];
export const INT_LONG_UNION = ["int", "long"];
export const INT_LONG_FLOAT_DOUBLE_UNION = ["int", "long", "float", "double"];
export const NULL_INT_ARRAY_UNION = ["null", INT_ARRAY];
export const NULL_INT_MAP_UNION = ["null", INT_MAP];

function record1(...fields: object[]): object {
  return { type: "record", name: "Record1", fields };
}
export const FIXED_4_BYTES = { type: "fixed", name: "Fixed", size: 4 };
export const FIXED_8_BYTES = { type: "fixed", name: "Fixed", size: 8 };
export const FIXED_4_ANOTHER_NAME = { type: "fixed", name: "AnotherName", size: 4 };

export const EMPTY_RECORD1 = record1();
export const EMPTY_RECORD2 = { type: "record", name: "Record2", fields: [] };
export const A_INT_RECORD1 = record1({ name: "a", type: "int" });
export const A_LONG_RECORD1 = record1({ name: "a", type: "long" });
export const A_INT_B_INT_RECORD1 = record1({ name: "a", type: "int" }, { name: "b", type: "int" });
export const A_DINT_RECORD1 = record1({ name: "a", type: "int", default: 0 });
export const A_DINT_OPTIONAL_RECORD1 = record1({ name: "a", type: ["null", "int"], default: null });
export const A_INT_B_DINT_RECORD1 = record1(
  { name: "a", type: "int" },
  { name: "b", type: "int", default: 0 },
);
export const A_DINT_B_DINT_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: "int", default: 0 },
);
export const A_DINT_B_DFIXED_4_BYTES_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: FIXED_4_BYTES },
);
export const A_DINT_B_DFIXED_8_BYTES_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: FIXED_8_BYTES },
);
export const A_DINT_B_DINT_STRING_UNION_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: ["int", "string"], default: 0 },
);
export const A_DINT_B_DINT_UNION_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: ["int"], default: 0 },
);
export const A_DINT_B_DENUM_1_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: ENUM1_AB },
);
export const A_DINT_B_DENUM_2_RECORD1 = record1(
  { name: "a", type: "int", default: 0 },
  { name: "b", type: ENUM2_AB },
);

function nsRecord(namespace: string): object {
  const inner = {
    type: "record",
    name: "InnerRecord1",
    namespace,
    fields: [{ name: "a", type: "int" }],
  };
  return record1({ name: "f1", type: ["null", { type: "array", items: inner }] });
}
export const NS_RECORD1 = nsRecord("ns1");
export const NS_RECORD2 = nsRecord("ns2");
export const WITHOUT_NAMESPACE_RECORD = {
  type: "record",
  name: "Record",
  fields: [{ name: "f1", type: "int" }],
};
export const WITH_NAMESPACE_RECORD = {
  type: "record",
  name: "ns.Record",
  fields: [{ name: "f1", type: "int" }],
};

/** Recursive records: `List { head, tail: List }`. */
export const INT_LIST_RECORD = {
  type: "record",
  name: "List",
  fields: [
    { name: "head", type: "int" },
    { name: "tail", type: "List" },
  ],
};
export const LONG_LIST_RECORD = {
  type: "record",
  name: "List",
  fields: [
    { name: "head", type: "long" },
    { name: "tail", type: "List" },
  ],
};

const RECORD1_WITH_INT = {
  type: "record",
  name: "Record1",
  fields: [{ name: "field1", type: "int" }],
};
const RECORD2_WITH_INT = {
  type: "record",
  name: "Record2",
  fields: [{ name: "field1", type: "int" }],
};
export const UNION_INT_RECORD1 = ["int", RECORD1_WITH_INT];
export const UNION_INT_RECORD2 = ["int", RECORD2_WITH_INT];
export const UNION_INT_ENUM1_AB = ["int", ENUM1_AB];
export const UNION_INT_FIXED_4_BYTES = ["int", FIXED_4_BYTES];
export const UNION_INT_BOOLEAN = ["int", "boolean"];
export const UNION_INT_ARRAY_INT = ["int", INT_ARRAY];
export const UNION_INT_MAP_INT = ["int", INT_MAP];
export const UNION_INT_NULL = ["int", "null"];

export const RECORD1_WITH_ENUM_AB = {
  type: "record",
  name: "Record1",
  fields: [{ name: "field1", type: ENUM1_AB }],
};
export const RECORD1_WITH_ENUM_ABC = {
  type: "record",
  name: "Record1",
  fields: [{ name: "field1", type: ENUM1_ABC }],
};
