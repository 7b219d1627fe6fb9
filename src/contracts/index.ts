/**
 * `avro-kong/contracts`: the contract work as a library, without cdktf. Parse an Avro schema,
 * take its canonical form and fingerprints, check two versions' compatibility, validate a JSON
 * payload, compile the gateway's validators, and plan or audit promotions over a repository.
 * A curated face over the flow's folders: what is exported here is public and semver-stable.
 */
export type { AvroSchema } from "../avro";
export { parseSchema, parseSchemaText, canonicalForm, fingerprint, resolvedJson } from "../avro";
export type { FingerprintAlgorithm, ParseOptions } from "../avro";
export { checkCompatibility, checkLevel, COMPATIBILITY_LEVELS } from "../compat";
export type {
  CompatibilityLevel,
  CompatibilityResult,
  Incompatibility,
  IncompatibilityType,
  LevelViolation,
} from "../compat";
export {
  validatePayload,
  isValidPayload,
  compileJsonSchema,
  compileLuaValidator,
  compileLuaResponseValidator,
  DIALECTS,
} from "../validators";
export type {
  Dialect,
  PayloadError,
  ValidationOptions,
  JsonSchemaDocument,
  LuaCompileOptions,
  LuaResponseCompileOptions,
  ResponseMode,
} from "../validators";
export {
  loadPromotionState,
  planPromotion,
  planPromotionFrom,
  applyPromotion,
  auditPins,
  readPromotionOrder,
} from "../promotion";
export type {
  PromotionState,
  PromotionPlan,
  PromotionChange,
  PromotionScope,
  Refusal,
} from "../promotion";
