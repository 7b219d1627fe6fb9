import fc from "fast-check";
import {
  MAX_JSON_DEPTH,
  depthProblem,
  parseSchema,
  resolvedJson,
  writtenDepth,
  type AvroSchema,
  type DepthMemo,
  type NamedSchema,
  type RecordSchema,
} from "../../src/avro";
import { isObject } from "../../src/common";
import { propertyRuns } from "../support/properties";
import { parsed, schemaJson } from "../support/schema-arbitraries";

/** How deep arrays and objects nest in a JSON value (recursive: test values are shallow). */
function jsonDepth(value: unknown): number {
  const inner = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : undefined;
  return inner === undefined ? 0 : 1 + Math.max(0, ...inner.map(jsonDepth));
}

const depthOf = (json: unknown): number => writtenDepth(parseSchema(json)).depth;

/** A record `name` with one field `f` of `type`. */
const holder = (name: string, type: AvroSchema): RecordSchema => ({
  kind: "record",
  name,
  namespace: "",
  aliases: [],
  recordType: "record",
  fields: [{ name: "f", type, hasDefault: false, aliases: [] }],
});

describe("writtenDepth", () => {
  it("counts the JSON levels of the schema as written: 3 per record field, 1 per array, map and union", () => {
    expect(depthOf("int")).toBe(0);
    expect(depthOf({ type: "int", logicalType: "date" })).toBe(1);
    expect(depthOf({ type: "array", items: "int" })).toBe(1);
    expect(depthOf({ type: "map", values: ["null", "int"] })).toBe(2);
    expect(depthOf({ type: "enum", name: "E", symbols: ["A"] })).toBe(2);
    expect(depthOf({ type: "fixed", name: "F", size: 2 })).toBe(1);
    expect(depthOf({ type: "record", name: "R", fields: [] })).toBe(2);
    expect(depthOf({ type: "record", name: "R", fields: [{ name: "a", type: "int" }] })).toBe(3);
    expect(
      depthOf({
        type: "record",
        name: "R",
        fields: [{ name: "a", type: { type: "array", items: { type: "map", values: "int" } } }],
      }),
    ).toBe(5);
  });

  it("counts a field's default and aliases where they nest, inside the field object", () => {
    const field = { name: "a", type: { type: "map", values: "int" }, default: { k: 1 } };
    expect(depthOf({ type: "record", name: "R", fields: [field] })).toBe(4);
    const deepDefault = { name: "a", type: ["null", "string"], default: null, aliases: ["b"] };
    expect(depthOf({ type: "record", name: "R", fields: [deepDefault] })).toBe(4);
    const listDefault = { name: "a", type: { type: "array", items: "int" }, default: [[]] };
    expect(
      depthOf({
        type: "record",
        name: "R",
        fields: [
          { ...listDefault, type: { type: "array", items: { type: "array", items: "int" } } },
        ],
      }),
    ).toBe(5);
  });

  it("counts a named type in full at its first occurrence and as a name afterwards", () => {
    const money = { type: "record", name: "Money", fields: [{ name: "cents", type: "long" }] };
    const json = {
      type: "record",
      name: "Order",
      fields: [
        { name: "total", type: money },
        { name: "lines", type: { type: "array", items: { type: "array", items: "Money" } } },
        { name: "parent", type: ["null", "Order"] },
      ],
    };
    expect(depthOf(json)).toBe(6); // total: 3 + 3; lines: 3 + 2 + a name
  });

  it("equals the depth of the resolved JSON, and never exceeds the file's depth", () => {
    fc.assert(
      fc.property(schemaJson, (json) => {
        const schema = parsed(json);
        const { depth } = writtenDepth(schema);
        expect(depth).toBe(jsonDepth(JSON.parse(resolvedJson(schema))));
        expect(depth).toBeLessThanOrEqual(jsonDepth(json));
      }),
      propertyRuns(200),
    );
  });

  it("measures the deepest schemas a file may hold at most MAX_JSON_DEPTH", () => {
    const nest = (depth: number, wrap: (inner: unknown, level: number) => unknown): unknown => {
      let json: unknown = "int";
      for (let level = depth; level >= 1; level--) json = wrap(json, level);
      return json;
    };
    const arrays = nest(MAX_JSON_DEPTH, (items) => ({ type: "array", items }));
    const records = nest(333, (type, level) => ({
      type: "record",
      name: `R${level}`,
      fields: [{ name: "f", type }],
    }));
    expect(depthOf(arrays)).toBe(MAX_JSON_DEPTH);
    expect(depthOf(records)).toBe(999);
  });

  it("walks without recursion: 200,000 nested arrays measure without exhausting the stack", () => {
    let schema: AvroSchema = { kind: "primitive", type: "int" };
    for (let i = 0; i < 200_000; i++) schema = { kind: "array", items: schema };
    expect(writtenDepth(schema).depth).toBe(200_000);
  });

  it("takes a type in the memo as a leaf of its measured depth, and names the deepest path", () => {
    const memo: DepthMemo = new WeakMap();
    const leaf = holder("C", { kind: "primitive", type: "int" });
    const middle = holder("B", { kind: "array", items: leaf });
    expect(writtenDepth(middle, memo)).toEqual({ depth: 7, through: [middle, leaf] });
    const top = holder("A", {
      kind: "union",
      branches: [{ kind: "primitive", type: "null" }, middle],
    });
    expect(writtenDepth(top, memo)).toEqual({ depth: 11, through: [top, middle, leaf] });
  });

  it("trusts the memo: a measured type is not walked again", () => {
    const memo: DepthMemo = new WeakMap();
    const shared = holder("Shared", { kind: "primitive", type: "int" });
    memo.set(shared, { depth: 500 }); // as if it held 500 levels of types from further files
    expect(writtenDepth(holder("User", shared), memo)).toEqual({
      depth: 503,
      through: [expect.objectContaining({ name: "User" }), shared],
    });
  });
});

describe("depthProblem", () => {
  const chain = (length: number): { memo: DepthMemo; top: NamedSchema; types: NamedSchema[] } => {
    const memo: DepthMemo = new WeakMap();
    const types: NamedSchema[] = [holder("shop.T0", { kind: "primitive", type: "int" })];
    writtenDepth(types[0], memo);
    for (let i = 1; i < length; i++) {
      types.unshift(holder(`shop.T${i}`, types[0]));
      writtenDepth(types[0], memo);
    }
    return { memo, top: types[0], types };
  };

  it("accepts MAX_JSON_DEPTH levels and refuses one more, naming the depth and the shared types on the path", () => {
    const { memo, top } = chain(332); // 996 levels
    const user = (arrays: number): RecordSchema => {
      let type: AvroSchema = top;
      for (let i = 0; i < arrays; i++) type = { kind: "array", items: type };
      return holder("shop.User", type);
    };
    expect(writtenDepth(user(1), memo).depth).toBe(MAX_JSON_DEPTH);
    expect(depthProblem(user(1), memo, () => true)).toBeUndefined();
    expect(depthProblem(user(2), memo, () => true)).toEqual({
      pointer: "",
      message:
        "written out with its shared types in place, this schema would nest 1,001 levels deep " +
        "(through shop.T331 → shop.T330 → shop.T329 → … → shop.T0, 332 shared types), " +
        "more than the 1,000 levels one file may have.",
    });
  });

  it("lists a short path in full and leaves out types the file defines itself", () => {
    const { memo, top } = chain(331); // 993 levels
    const local = holder("shop.Local", { kind: "map", values: { kind: "map", values: top } });
    const user = holder("shop.User", local);
    const shared = (t: NamedSchema): boolean => t.name === "shop.T330" || t.name === "shop.T329";
    expect(depthProblem(user, memo, shared)?.message).toBe(
      "written out with its shared types in place, this schema would nest 1,001 levels deep " +
        "(through shop.T330 → shop.T329), more than the 1,000 levels one file may have.",
    );
  });
});
