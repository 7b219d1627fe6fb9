/**
 * Numeric bounds of Avro's integer types, as IEEE doubles. Every JSON decoder on the path (JS
 * `JSON.parse`, Kong's lua-cjson) yields doubles, so the bounds are compared as doubles too.
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

/**
 * Kong's JSON decoder (lua-cjson, `decode_max_depth` 1000) refuses a body whose arrays and
 * objects nest deeper than this, so no deeper payload can ever be valid at the gateway.
 */
export const MAX_NESTING_DEPTH = 1000;
