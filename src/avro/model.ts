/**
 * The parsed form of an Avro schema that every other part of avro-kong works on.
 *
 * Named types (record, enum, fixed) are objects shared by reference: a schema that uses
 * `shop.common.Money` twice, or a record that refers to itself, points at the same object
 * each time, so the graph may be cyclic. Walk it with a `Set`/`Map` of visited named types.
 */

export type PrimitiveType =
  "null" | "boolean" | "int" | "long" | "float" | "double" | "bytes" | "string";

/** Logical types the specification defines; an unknown one is ignored, as the spec says. */
export type LogicalType =
  | { readonly name: "decimal"; readonly precision: number; readonly scale: number }
  | { readonly name: "uuid" }
  | { readonly name: "date" }
  | { readonly name: "time-millis" }
  | { readonly name: "time-micros" }
  | { readonly name: "timestamp-millis" }
  | { readonly name: "timestamp-micros" }
  | { readonly name: "local-timestamp-millis" }
  | { readonly name: "local-timestamp-micros" }
  | { readonly name: "duration" };

export interface PrimitiveSchema {
  readonly kind: "primitive";
  readonly type: PrimitiveType;
  readonly logicalType?: LogicalType;
}

interface NamedBase {
  /** Full name, e.g. `shop.common.Money`. */
  readonly name: string;
  /** Namespace part of `name` ("" for the null namespace). */
  readonly namespace: string;
  /** Aliases as full names. */
  readonly aliases: readonly string[];
  readonly doc?: string;
}

export interface RecordField {
  readonly name: string;
  readonly type: AvroSchema;
  /** True when the field declares a `default` (which may itself be JSON null). */
  readonly hasDefault: boolean;
  /** The default as written in JSON (for a union: a value of the first branch). */
  readonly default?: unknown;
  readonly aliases: readonly string[];
  readonly order?: "ascending" | "descending" | "ignore";
  readonly doc?: string;
}

export interface RecordSchema extends NamedBase {
  readonly kind: "record";
  /** "record" or "error" as written. */
  readonly recordType: "record" | "error";
  readonly fields: readonly RecordField[];
}

export interface EnumSchema extends NamedBase {
  readonly kind: "enum";
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface FixedSchema extends NamedBase {
  readonly kind: "fixed";
  readonly size: number;
  readonly logicalType?: LogicalType;
}

export interface ArraySchema {
  readonly kind: "array";
  readonly items: AvroSchema;
}

export interface MapSchema {
  readonly kind: "map";
  readonly values: AvroSchema;
}

export interface UnionSchema {
  readonly kind: "union";
  readonly branches: readonly AvroSchema[];
}

export type NamedSchema = RecordSchema | EnumSchema | FixedSchema;

export type AvroSchema =
  PrimitiveSchema | RecordSchema | EnumSchema | FixedSchema | ArraySchema | MapSchema | UnionSchema;

export function isNamed(schema: AvroSchema): schema is NamedSchema {
  return schema.kind === "record" || schema.kind === "enum" || schema.kind === "fixed";
}

/** The unqualified part of a full name: `shop.common.Money` → `Money`. */
export function simpleName(fullName: string): string {
  const dot = fullName.lastIndexOf(".");
  return dot < 0 ? fullName : fullName.slice(dot + 1);
}

/**
 * The name a union branch is known by: the full name for named types, the type otherwise
 * (`"int"`, `"array"`, `"map"`). Used by the `avro-json` dialect and by union resolution.
 */
export function branchName(schema: AvroSchema): string {
  switch (schema.kind) {
    case "primitive":
      return schema.type;
    case "record":
    case "enum":
    case "fixed":
      return schema.name;
    case "array":
    case "map":
    case "union":
      return schema.kind;
  }
}
