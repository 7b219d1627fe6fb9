import type { AvroSchema, LogicalType, RecordField } from "./model";

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The whole schema as one JSON document: every attribute a reader depends on (defaults,
 * aliases, order, doc, logical types), shared named types written in full at their first use
 * and by full name afterwards, keys in a fixed order. Hashing it detects any edit to a pinned
 * version, including an edit to a shared type it uses, while reformatting the file does not
 * count. It parses back to the same schema.
 */
export function resolvedJson(schema: AvroSchema): string {
  const written = new Set<string>();
  const write = (s: AvroSchema): JsonValue => {
    switch (s.kind) {
      case "primitive":
        return s.logicalType ? { type: s.type, ...logical(s.logicalType) } : s.type;
      case "array":
        return { type: "array", items: write(s.items) };
      case "map":
        return { type: "map", values: write(s.values) };
      case "union":
        return s.branches.map(write);
      case "record":
      case "enum":
      case "fixed": {
        if (written.has(s.name)) return s.name;
        written.add(s.name);
        const head: { [key: string]: JsonValue } = {
          type: s.kind === "record" ? s.recordType : s.kind,
          name: s.name,
        };
        // A name without dots would otherwise take the enclosing namespace when read back.
        if (s.namespace === "") head.namespace = "";
        if (s.doc !== undefined) head.doc = s.doc;
        if (s.aliases.length > 0) head.aliases = [...s.aliases];
        if (s.kind === "fixed") {
          return { ...head, size: s.size, ...(s.logicalType ? logical(s.logicalType) : {}) };
        }
        if (s.kind === "enum") {
          return {
            ...head,
            symbols: [...s.symbols],
            ...(s.default !== undefined ? { default: s.default } : {}),
          };
        }
        return { ...head, fields: s.fields.map(field) };
      }
    }
  };
  const field = (f: RecordField): JsonValue => {
    const out: { [key: string]: JsonValue } = { name: f.name, type: write(f.type) };
    if (f.doc !== undefined) out.doc = f.doc;
    if (f.aliases.length > 0) out.aliases = [...f.aliases];
    if (f.order !== undefined) out.order = f.order;
    if (f.hasDefault) out.default = sortKeys(f.default);
    return out;
  };
  return JSON.stringify(write(schema));
}

function logical(type: LogicalType): { [key: string]: JsonValue } {
  return type.name === "decimal"
    ? { logicalType: "decimal", precision: type.precision, scale: type.scale }
    : { logicalType: type.name };
}

/** Default values with object keys sorted, so that their written order does not matter. */
function sortKeys(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value as JsonValue;
}
