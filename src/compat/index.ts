/**
 * Schema compatibility: the Avro specification's schema-resolution rules between a reader and a
 * writer schema, and Confluent's compatibility levels over a subject's version history.
 */
export { checkCompatibility } from "./check";
export { checkLevel, isCompatibilityLevel, COMPATIBILITY_LEVELS } from "./levels";
export type { CompatibilityLevel, LevelViolation } from "./levels";
export { formatIncompatibility } from "./format";
export { INCOMPATIBILITY_TYPES } from "./types";
export type { CompatibilityResult, Incompatibility, IncompatibilityType } from "./types";
export { diffSchemas } from "./diff";
export type { SchemaChange } from "./diff";
