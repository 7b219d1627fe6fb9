import type { EnumSchema, RecordField, RecordSchema } from "./model";

/**
 * Constant-time lookups into a schema's lists, built once per schema object: every part that
 * asks "is this a symbol of the enum?" or "which field has this name?" in a loop uses these, so
 * no check is quadratic in the number of symbols or fields.
 */

const symbolSets = new WeakMap<EnumSchema, ReadonlySet<string>>();
const fieldMaps = new WeakMap<RecordSchema, ReadonlyMap<string, RecordField>>();

/** The symbols of an enum as a set. */
export function symbolSet(schema: EnumSchema): ReadonlySet<string> {
  let set = symbolSets.get(schema);
  if (!set) symbolSets.set(schema, (set = new Set(schema.symbols)));
  return set;
}

/** A record's fields by name. */
export function fieldsByName(schema: RecordSchema): ReadonlyMap<string, RecordField> {
  let map = fieldMaps.get(schema);
  if (!map) fieldMaps.set(schema, (map = new Map(schema.fields.map((f) => [f.name, f]))));
  return map;
}
