import type { JsonKind } from "../shared-rules";

/** Short descriptions of JSON values for error messages: enough to spot the value, never all of it. */

const MAX_SHOWN = 40;

/** The JSON kind of a decoded value. */
export function jsonKind(value: unknown): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonKind;
}

export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string": {
      const shown = value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) + "…" : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case "number":
      return Number.isFinite(value) ? String(value) : `the number ${String(value)}`;
    case "boolean":
      return String(value);
    default:
      return jsonKind(value);
  }
}
