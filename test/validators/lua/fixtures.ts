import { parseSchema } from "../../../src/avro";

/** A schema that uses every type the compiler handles, recursion and named-type reuse. */
export const KITCHEN_SINK = parseSchema({
  type: "record",
  name: "Sink",
  namespace: "test.lua",
  fields: [
    { name: "n", type: "null" },
    { name: "b", type: "boolean" },
    { name: "i", type: "int" },
    { name: "l", type: "long" },
    { name: "f", type: "float" },
    { name: "d", type: "double" },
    { name: "by", type: "bytes" },
    { name: "s", type: "string" },
    { name: "fx", type: { type: "fixed", name: "Four", size: 4 } },
    { name: "e", type: { type: "enum", name: "Colour", symbols: ["RED", "GREEN"] } },
    { name: "a", type: { type: "array", items: "test.lua.Four" }, default: [] },
    { name: "m", type: { type: "map", values: ["null", "int", "test.lua.Colour"] }, default: {} },
    {
      name: "u",
      type: [
        "null",
        "string",
        { type: "array", items: "long" },
        { type: "map", values: "boolean" },
      ],
      default: null,
    },
    { name: "next", type: ["null", "test.lua.Sink"], default: null },
    {
      name: "children",
      type: { type: "array", items: "test.lua.Sink" },
      default: [],
    },
  ],
});

/** A list node: the smallest recursive record. */
export const LIST = parseSchema({
  type: "record",
  name: "Node",
  fields: [
    { name: "value", type: "int" },
    { name: "next", type: ["null", "Node"], default: null },
  ],
});

/** A valid Sink payload in the plain dialect. */
export const SINK_VALUE = {
  n: null,
  b: true,
  i: -7,
  l: 9007199254740994,
  f: 1.5,
  d: -0.25,
  by: "\u0000\u00ff",
  s: "hé",
  fx: "ab\u00e9d",
  e: "GREEN",
  a: ["abcd"],
  m: { x: 1, y: null, z: "RED" },
  u: [1, 2],
  next: { n: null, b: false, i: 0, l: 0, f: 0, d: 0, by: "", s: "", fx: "wxyz", e: "RED" },
};
