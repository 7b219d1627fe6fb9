import { symbolSet } from "../avro";
import type { AvroSchema, EnumSchema, FixedSchema, LogicalType, NamedSchema } from "../avro";
import { namesMatch } from "./names";
import type { IncompatibilityType } from "./types";

/**
 * The single checks of schema resolution, each giving its incompatibilities with a location
 * relative to the schemas it compares. Messages are Java's, word for word (the decimal check,
 * which Java lacks, words its own the same way), so that output
 * can be compared with `SchemaCompatibility`'s.
 */

/** An incompatibility whose location is still relative to the pair being checked. */
export interface Found {
  readonly type: IncompatibilityType;
  readonly tokens: readonly string[];
  readonly message: string;
}

/** Java's `Schema.Type` name, which its messages use. */
function typeName(schema: AvroSchema): string {
  return (schema.kind === "primitive" ? schema.type : schema.kind).toUpperCase();
}

export function typeMismatch(reader: AvroSchema, writer: AvroSchema): Found {
  return {
    type: "TYPE_MISMATCH",
    tokens: [],
    message: `reader type: ${typeName(reader)} not compatible with writer type: ${typeName(writer)}`,
  };
}

export function missingBranch(tokens: readonly string[], writer: AvroSchema): Found {
  return {
    type: "MISSING_UNION_BRANCH",
    tokens,
    message: `reader union lacking writer type: ${typeName(writer)}`,
  };
}

export function nameMismatch(reader: NamedSchema, writer: NamedSchema): Found[] {
  if (namesMatch(reader, writer)) return [];
  return [{ type: "NAME_MISMATCH", tokens: ["name"], message: `expected: ${writer.name}` }];
}

export function sizeMismatch(reader: FixedSchema, writer: FixedSchema): Found[] {
  if (reader.size === writer.size) return [];
  return [
    {
      type: "FIXED_SIZE_MISMATCH",
      tokens: ["size"],
      message: `expected: ${writer.size}, found: ${reader.size}`,
    },
  ];
}

export function missingSymbols(reader: EnumSchema, writer: EnumSchema): Found[] {
  const known = symbolSet(reader);
  const missing = [...new Set(writer.symbols.filter((s) => !known.has(s)))].sort();
  if (missing.length === 0) return [];
  // The spec: an unknown writer symbol resolves to the reader enum's default, when it has one.
  if (reader.default !== undefined && known.has(reader.default)) return [];
  return [
    { type: "MISSING_ENUM_SYMBOLS", tokens: ["symbols"], message: `[${missing.join(", ")}]` },
  ];
}

/**
 * The spec: "two schemas that are decimal logical types match if their scales and precisions
 * match". Java's `SchemaCompatibility` ignores logical types (the patch that added a
 * DECIMAL_SCALE_OR_PRECISION_MISMATCH type, AVRO-2078, was never merged), so this follows the
 * spec and reports the difference as a TYPE_MISMATCH at the reader's decimal. A decimal on only
 * one side is an annotation the other side does not make; the bytes still resolve.
 */
export function decimalMismatch(
  reader: LogicalType | undefined,
  writer: LogicalType | undefined,
): Found[] {
  if (reader?.name !== "decimal" || writer?.name !== "decimal") return unitMismatch(reader, writer);
  if (reader.precision === writer.precision && reader.scale === writer.scale) return [];
  return [
    {
      type: "TYPE_MISMATCH",
      tokens: [],
      message:
        `reader type: decimal(${reader.precision},${reader.scale}) not compatible with ` +
        `writer type: decimal(${writer.precision},${writer.scale})`,
    },
  ];
}

/**
 * Logical types that give the same number another meaning: a `long` read as
 * `timestamp-micros` when it was written as `timestamp-millis` is a date a thousand times off,
 * though the bytes resolve. When both sides name a logical type and the names differ, the data
 * changes meaning: a TYPE_MISMATCH. One side unannotated stays compatible (the number is the
 * same number; the spec falls back to the underlying type).
 */
function unitMismatch(reader: LogicalType | undefined, writer: LogicalType | undefined): Found[] {
  if (reader === undefined || writer === undefined || reader.name === writer.name) return [];
  if (reader.name === "decimal" || writer.name === "decimal") return [];
  return [
    {
      type: "TYPE_MISMATCH",
      tokens: [],
      message: `reader type: ${reader.name} not compatible with writer type: ${writer.name}`,
    },
  ];
}
