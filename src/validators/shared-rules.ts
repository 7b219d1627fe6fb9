import type { AvroSchema } from "../avro";

// Rules every engine (reference, Lua, JSON Schema) shares, so that their verdicts and messages agree.

/** The kinds of value a JSON decoder gives. */
export type JsonKind = "null" | "boolean" | "number" | "string" | "array" | "object";

export const JSON_KINDS: readonly JsonKind[] = [
  "null",
  "boolean",
  "number",
  "string",
  "array",
  "object",
];

/**
 * Whether `schema` can accept a value of `kind` at all. Every engine uses it to pick the branch
 * a plain-dialect union value meant, so that all three report the same first error.
 */
export function acceptsJsonKind(schema: AvroSchema, kind: JsonKind): boolean {
  switch (schema.kind) {
    case "primitive":
      switch (schema.type) {
        case "int":
        case "long":
        case "float":
        case "double":
          return kind === "number";
        case "bytes":
        case "string":
          return kind === "string";
        default:
          return kind === schema.type;
      }
    case "enum":
    case "fixed":
      return kind === "string";
    case "array":
      return kind === "array";
    case "record":
    case "map":
      return kind === "object";
    case "union":
      return schema.branches.some((b) => acceptsJsonKind(b, kind));
  }
}

/** How a type is named in messages, the same in every engine: `int`, `record shop.Order`, `array`. */
export function typeLabel(schema: AvroSchema): string {
  switch (schema.kind) {
    case "primitive":
      return schema.type;
    case "record":
    case "enum":
    case "fixed":
      return `${schema.kind} ${schema.name}`;
    default:
      return schema.kind;
  }
}

/**
 * The error for a key repeated in one JSON object, at the pointer of its later occurrence. The
 * reference reads it in the text (src/avro/json-text.ts), the Lua chunks in the raw body
 * (lua/duplicate-keys.ts), since JSON.parse and cjson keep the last value and say nothing.
 */
export const DUPLICATE_KEY_MESSAGE =
  "key repeated in this object; a JSON object must not repeat a key (decoders differ on which value they keep)";
