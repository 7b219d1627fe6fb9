/**
 * The numeric primitives' values, as IEEE doubles. Every JSON decoder on the path (JavaScript's
 * `JSON.parse`, Kong's lua-cjson) yields doubles, so the bounds are compared as doubles too. One
 * rule for payloads (every validator) and for field defaults (the schema parser).
 */

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

export const INT64_MIN = -(2 ** 63);
/**
 * The smallest double above every long. A long must be strictly below it: the literal
 * 9223372036854775807 (Long.MAX_VALUE) decodes to exactly 2^63, which is not a long, so that
 * literal is rejected. The largest accepted long is 2^63 − 1024, the double just below 2^63.
 */
export const INT64_LIMIT = 2 ** 63;

/** The largest finite 32-bit float, (2 − 2^−23) × 2^127: a float's magnitude is at most this. */
export const FLOAT_MAX = 3.4028234663852886e38;

export type NumericType = "int" | "long" | "float" | "double";

/**
 * Why a JSON number is not a value of `type` (" (not a whole number)", …), or undefined when
 * it is one. A number too large for a double (1e400) decodes to Infinity: no Avro value.
 */
export function numberMismatch(type: NumericType, value: number): string | undefined {
  if (!Number.isFinite(value)) return " (not a finite number)";
  switch (type) {
    case "int":
    case "long":
      if (!Number.isInteger(value)) return " (not a whole number)";
      if (
        type === "int"
          ? value >= INT32_MIN && value <= INT32_MAX
          : value >= INT64_MIN && value < INT64_LIMIT
      )
        return undefined;
      return ` (outside the ${type === "int" ? 32 : 64}-bit signed range)`;
    case "float":
      return Math.abs(value) <= FLOAT_MAX ? undefined : " (outside the float range)";
    case "double":
      return undefined;
  }
}
