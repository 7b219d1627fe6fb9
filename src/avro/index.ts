export * from "./model";
export { parseSchema, lintSchema, parseSchemaText } from "./parse";
export type { ParseOptions } from "./parse";
export { formatProblem, problemError } from "./problems";
export type { SchemaProblem } from "./problems";
export {
  decodeUtf8,
  MAX_JSON_DEPTH,
  parseJsonText,
  readJsonPayload,
  readJsonText,
} from "./json-text";
export type { JsonTextProblem } from "./json-text";
export { isValidFullName, PRIMITIVE_TYPES } from "./names";
export { fieldsByName, symbolSet } from "./lookup";
export { FLOAT_MAX, INT32_MAX, INT32_MIN, INT64_LIMIT, INT64_MIN, numberMismatch } from "./numbers";
export { canonicalForm } from "./canonical";
export { fingerprint, fingerprintSigned64, crc64Avro, FINGERPRINT_ALGORITHMS } from "./fingerprint";
export type { FingerprintAlgorithm } from "./fingerprint";
export { resolvedJson } from "./resolved-json";
export { depthProblem, writtenDepth } from "./depth";
export type { DepthMemo } from "./depth";
