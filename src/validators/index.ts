export type { Dialect, PayloadError, ValidationOptions } from "./options";
export { DIALECTS } from "./options";
export { MAX_NESTING_DEPTH } from "./ranges";
export { assertCompilableTopLevel } from "./top-level";
export {
  validatePayload,
  validatePayloadText,
  isValidPayload,
  MAX_REPORTED_ERRORS,
} from "./reference";
export type { BodyEncoding } from "./binary";
export { BODY_ENCODINGS, validateBinary, validateSingleObject } from "./binary";
export { compileJsonSchema, formatJsonSchema, DRAFT_04 } from "./json-schema";
export type { JsonSchemaDocument } from "./json-schema";
export {
  compileLuaValidator,
  compileLuaResponseValidator,
  compileLuaCheck,
  compileLuaContractLogger,
  LUA_ENABLE_BUFFERING_CHUNK,
  KONG_SANDBOX_GLOBALS,
  DEFAULT_MAX_BODY_BYTES,
  checkMaxBodyBytes,
  readChunkContract,
  trustedChunk,
  requestChunkAtPin,
  responseChunkAtPin,
  logChunkAtPin,
} from "./lua";
export type {
  PinnedContract,
  PinnedContracts,
  LuaCompileOptions,
  LuaResponseCompileOptions,
  ResponseMode,
} from "./lua";
