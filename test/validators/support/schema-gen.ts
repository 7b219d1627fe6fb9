import type {
  AvroSchema,
  EnumSchema,
  FixedSchema,
  LogicalType,
  NamedSchema,
  PrimitiveSchema,
  PrimitiveType,
  RecordField,
  RecordSchema,
} from "../../../src/avro";
import { branchName, PRIMITIVE_TYPES } from "../../../src/avro";
import type { Rng } from "./prng";

/**
 * Random Avro schemas covering every type: primitives, logical types, enum, fixed, array, map,
 * unions with and without null, nested records, reuse of named types, recursion (always through
 * a union with null, an array or a map, so that finite payloads exist) and field defaults.
 * Every named type has a namespace, so references by full name are never ambiguous.
 */

const LOGICAL: ReadonlyArray<readonly [PrimitiveType, LogicalType]> = [
  ["int", { name: "date" }],
  ["int", { name: "time-millis" }],
  ["long", { name: "time-micros" }],
  ["long", { name: "timestamp-millis" }],
  ["long", { name: "timestamp-micros" }],
  ["long", { name: "local-timestamp-millis" }],
  ["long", { name: "local-timestamp-micros" }],
  ["string", { name: "uuid" }],
  ["bytes", { name: "decimal", precision: 9, scale: 2 }],
];

const NAMESPACES = ["a", "a.b", "shop.orders", "x_1"];

/** Field names, including keys that mean something to JS objects or Lua tables. */
const FIELD_NAMES = [
  "id",
  "name",
  "value",
  "items",
  "count",
  "amount",
  "note",
  "tags",
  "child",
  "next",
  "createdAt",
  "kind",
  "n0",
  "_",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "__index",
  "__newindex",
  "length",
  "nil",
  "end",
];

const SYMBOLS = [
  "A",
  "B",
  "C",
  "RED",
  "GREEN",
  "BLUE",
  "ON",
  "OFF",
  "_x",
  "__index",
  "constructor",
];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Context {
  readonly rng: Rng;
  /** Named types already complete: may be reused anywhere. */
  readonly named: NamedSchema[];
  /** Records whose fields are still being generated: only reachable through a guard. */
  readonly open: RecordSchema[];
  counter: number;
}

const MAX_SCHEMA_DEPTH = 4;

export function generateSchema(rng: Rng): RecordSchema {
  const ctx: Context = { rng, named: [], open: [], counter: 0 };
  return newRecord(ctx, 0);
}

function fullName(ctx: Context, prefix: string): { name: string; namespace: string } {
  const namespace = ctx.rng.pick(NAMESPACES);
  return { name: `${namespace}.${prefix}${++ctx.counter}`, namespace };
}

function newRecord(ctx: Context, depth: number): RecordSchema {
  const record: Mutable<RecordSchema> = {
    kind: "record",
    ...fullName(ctx, "R"),
    aliases: [],
    recordType: "record",
    fields: [],
  };
  ctx.open.push(record);
  const fields: RecordField[] = [];
  const names = ctx.rng
    .shuffle(FIELD_NAMES)
    .slice(0, ctx.rng.int(depth === 0 ? 1 : 0, depth === 0 ? 6 : 4));
  for (const name of names) {
    const type = genType(ctx, depth + 1);
    const dflt = ctx.rng.chance(0.35) ? defaultFor(ctx.rng, type) : undefined;
    fields.push(
      dflt === undefined
        ? { name, type, hasDefault: false, aliases: [] }
        : { name, type, hasDefault: true, default: dflt.value, aliases: [] },
    );
  }
  record.fields = fields;
  ctx.open.pop();
  ctx.named.push(record);
  return record;
}

function newEnum(ctx: Context): EnumSchema {
  const symbols = ctx.rng.shuffle(SYMBOLS).slice(0, ctx.rng.int(1, 5));
  const schema: EnumSchema = { kind: "enum", ...fullName(ctx, "E"), aliases: [], symbols };
  ctx.named.push(schema);
  return schema;
}

function newFixed(ctx: Context): FixedSchema {
  const logical = ctx.rng.weighted<LogicalType | undefined>([
    [6, undefined],
    [1, { name: "decimal", precision: 4, scale: 1 }],
    [1, { name: "duration" }],
  ]);
  const size =
    logical?.name === "duration"
      ? 12
      : logical?.name === "decimal"
        ? 3
        : ctx.rng.pick([1, 2, 4, 8, 16]);
  const schema: FixedSchema = {
    kind: "fixed",
    ...fullName(ctx, "F"),
    aliases: [],
    size,
    ...(logical ? { logicalType: logical } : {}),
  };
  ctx.named.push(schema);
  return schema;
}

function primitive(type: PrimitiveType, logicalType?: LogicalType): PrimitiveSchema {
  return logicalType ? { kind: "primitive", type, logicalType } : { kind: "primitive", type };
}

type Choice =
  | "primitive"
  | "logical"
  | "enum"
  | "fixed"
  | "array"
  | "map"
  | "union"
  | "record"
  | "reuse"
  | "recursion";

function genType(ctx: Context, depth: number, inUnion = false): AvroSchema {
  const { rng } = ctx;
  const deep = depth >= MAX_SCHEMA_DEPTH;
  const choice = rng.weighted<Choice>([
    [10, "primitive"],
    [2, "logical"],
    [2, "enum"],
    [2, "fixed"],
    [deep ? 0 : 3, "array"],
    [deep ? 0 : 3, "map"],
    [deep || inUnion ? 0 : 4, "union"],
    [deep ? 0 : 3, "record"],
    [ctx.named.length > 0 ? 3 : 0, "reuse"],
    [ctx.open.length > 0 && !inUnion ? 2 : 0, "recursion"],
  ]);
  switch (choice) {
    case "primitive":
      return primitive(
        rng.pick(inUnion ? PRIMITIVE_TYPES.filter((p) => p !== "null") : PRIMITIVE_TYPES),
      );
    case "logical": {
      const [type, logical] = rng.pick(LOGICAL);
      return primitive(type, logical);
    }
    case "enum":
      return newEnum(ctx);
    case "fixed":
      return newFixed(ctx);
    case "array":
      return { kind: "array", items: genType(ctx, depth + 1) };
    case "map":
      return { kind: "map", values: genType(ctx, depth + 1) };
    case "union":
      return genUnion(ctx, depth);
    case "record":
      return newRecord(ctx, depth);
    case "reuse":
      return rng.pick(ctx.named);
    case "recursion": {
      // A reference back to a record still being built: only behind a guard, so it may stop.
      const target = rng.pick(ctx.open);
      return rng.weighted<AvroSchema>([
        [
          2,
          {
            kind: "union",
            branches: rng.chance(0.5) ? [primitive("null"), target] : [target, primitive("null")],
          },
        ],
        [1, { kind: "array", items: target }],
        [1, { kind: "map", values: target }],
      ]);
    }
  }
}

function genUnion(ctx: Context, depth: number): AvroSchema {
  const { rng } = ctx;
  const branches: AvroSchema[] = [];
  const seen = new Set<string>();
  const add = (b: AvroSchema): void => {
    const name = branchName(b);
    if (!seen.has(name)) {
      seen.add(name);
      branches.push(b);
    }
  };
  const withNull = rng.chance(0.6);
  if (withNull && rng.chance(0.7)) add(primitive("null"));
  const count = rng.int(1, 4);
  for (let i = 0; i < count * 2 && branches.length < count + (withNull ? 1 : 0); i++)
    add(genType(ctx, depth + 1, true));
  if (withNull) add(primitive("null"));
  return { kind: "union", branches };
}

/** A default for a field of this type (Avro JSON form: a union's default belongs to its first branch). */
function defaultFor(rng: Rng, type: AvroSchema): { value: unknown } | undefined {
  switch (type.kind) {
    case "primitive":
      switch (type.type) {
        case "null":
          return { value: null };
        case "boolean":
          return { value: rng.chance(0.5) };
        case "int":
        case "long":
          return { value: rng.int(-5, 5) };
        case "float":
        case "double":
          return { value: 1.5 };
        case "bytes":
          return { value: "\u00ff\u0000" };
        case "string":
          return { value: "dflt" };
      }
      break;
    case "enum":
      return { value: type.symbols[0] };
    case "fixed":
      return { value: "x".repeat(type.size) };
    case "array":
      return { value: [] };
    case "map":
      return { value: {} };
    case "union":
      return type.branches[0].kind === "union" ? undefined : defaultFor(rng, type.branches[0]);
    case "record":
      return undefined;
  }
}

/** The schema as Avro JSON: each named type defined at its first use, referred to by full name after. */
export function schemaToJson(schema: AvroSchema, defined = new Set<string>()): unknown {
  switch (schema.kind) {
    case "primitive":
      if (!schema.logicalType) return schema.type;
      return { type: schema.type, ...logicalJson(schema.logicalType) };
    case "array":
      return { type: "array", items: schemaToJson(schema.items, defined) };
    case "map":
      return { type: "map", values: schemaToJson(schema.values, defined) };
    case "union":
      return schema.branches.map((b) => schemaToJson(b, defined));
    default:
      break;
  }
  if (defined.has(schema.name)) return schema.name;
  defined.add(schema.name);
  const head = {
    type: schema.kind,
    name: schema.name.slice(schema.namespace.length + 1),
    namespace: schema.namespace,
  };
  switch (schema.kind) {
    case "enum":
      return { ...head, symbols: [...schema.symbols] };
    case "fixed":
      return {
        ...head,
        size: schema.size,
        ...(schema.logicalType ? logicalJson(schema.logicalType) : {}),
      };
    case "record":
      return {
        ...head,
        fields: schema.fields.map((f) => ({
          name: f.name,
          type: schemaToJson(f.type, defined),
          ...(f.hasDefault ? { default: f.default } : {}),
        })),
      };
  }
}

function logicalJson(logical: LogicalType): Record<string, unknown> {
  return logical.name === "decimal"
    ? { logicalType: "decimal", precision: logical.precision, scale: logical.scale }
    : { logicalType: logical.name };
}
