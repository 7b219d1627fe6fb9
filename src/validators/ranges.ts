import { MAX_JSON_DEPTH } from "../avro";

export { FLOAT_MAX, INT32_MAX, INT32_MIN, INT64_LIMIT, INT64_MIN } from "../avro";

/**
 * Kong's JSON decoder (lua-cjson, `decode_max_depth` 1000) refuses a body whose arrays and
 * objects nest deeper than this, so no deeper payload can ever be valid at the gateway. It is the
 * limit of every JSON text avro-kong reads, `MAX_JSON_DEPTH`.
 */
export const MAX_NESTING_DEPTH = MAX_JSON_DEPTH;
