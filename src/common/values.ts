/** Whether `value` is a JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
