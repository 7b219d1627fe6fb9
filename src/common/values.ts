/** Whether `value` is a JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An empty object to index data by names that come from input (subjects, environments, fields):
 * without a prototype, so that "constructor", "toString" or "__proto__" are names like any other,
 * never Object.prototype's members.
 */
export function nameIndex<T>(entries?: Readonly<Record<string, T>>): Record<string, T> {
  const index = Object.create(null) as Record<string, T>;
  if (entries !== undefined) for (const key of Object.keys(entries)) index[key] = entries[key];
  return index;
}

/**
 * A value as messages show it: its JSON text cut to `max` characters, a number JSON cannot write
 * (Infinity, NaN) by name, and "missing" for undefined.
 */
export function showValue(value: unknown, max = 80): string {
  if (value === undefined) return "missing";
  const text =
    typeof value === "number" && !Number.isFinite(value)
      ? String(value)
      : (JSON.stringify(value) ?? String(value));
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}
