import type { AvroSchema, RecordSchema } from "../../avro";

/** Records that can contain themselves: only they need the depth guard. */
export function recursiveRecords(root: AvroSchema): Set<RecordSchema> {
  const records = new Set<RecordSchema>();
  const collect = (schema: AvroSchema, seen: Set<AvroSchema>): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (schema.kind === "record") {
      records.add(schema);
      for (const field of schema.fields) collect(field.type, seen);
    } else if (schema.kind === "array") collect(schema.items, seen);
    else if (schema.kind === "map") collect(schema.values, seen);
    else if (schema.kind === "union") for (const b of schema.branches) collect(b, seen);
  };
  collect(root, new Set());
  const reaches = (from: AvroSchema, target: RecordSchema, seen: Set<AvroSchema>): boolean => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    switch (from.kind) {
      case "record":
        return from.fields.some((f) => reaches(f.type, target, seen));
      case "array":
        return reaches(from.items, target, seen);
      case "map":
        return reaches(from.values, target, seen);
      case "union":
        return from.branches.some((b) => reaches(b, target, seen));
      default:
        return false;
    }
  };
  const cyclic = new Set<RecordSchema>();
  for (const record of records) {
    const seen = new Set<AvroSchema>();
    if (record.fields.some((f) => reaches(f.type, record, seen))) cyclic.add(record);
  }
  return cyclic;
}
