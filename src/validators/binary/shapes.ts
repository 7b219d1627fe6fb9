import type { AvroSchema } from "../../avro";

/**
 * Whether every value of `schema` encodes to zero bytes (null, fixed of size 0, records of such
 * fields). Any other type takes at least one byte per value, which is what bounds a walk by the
 * body's length: a block count larger than the bytes left is refused before it is looped over,
 * and a block of zero-byte items is checked once, not once per item.
 */
export function encodesEmpty(schema: AvroSchema, open = new Set<AvroSchema>()): boolean {
  switch (schema.kind) {
    case "primitive":
      return schema.type === "null";
    case "fixed":
      return schema.size === 0;
    case "record": {
      if (open.has(schema)) return false;
      open.add(schema);
      const empty = schema.fields.every((f) => encodesEmpty(f.type, open));
      open.delete(schema);
      return empty;
    }
    default:
      return false;
  }
}
