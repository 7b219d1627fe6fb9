export type { Dialect, PayloadError, ValidationOptions } from "./options";
export { DIALECTS, resolveOptions } from "./options";
export {
  FLOAT_MAX,
  INT32_MAX,
  INT32_MIN,
  INT64_LIMIT,
  INT64_MIN,
  MAX_NESTING_DEPTH,
} from "./ranges";
export { assertCompilableTopLevel } from "./top-level";
export {
  validatePayload,
  validatePayloadText,
  isValidPayload,
  MAX_REPORTED_ERRORS,
} from "./reference";
export type { BodyEncoding, WriterSchema } from "./binary";
export { BODY_ENCODINGS, BINARY_MEDIA_TYPES, validateBinary, validateSingleObject } from "./binary";
export { compileJsonSchema, formatJsonSchema, DRAFT_04, LATIN1_PATTERN } from "./json-schema";
export type { JsonSchemaDocument, JsonSchemaNode, JsonSchemaType } from "./json-schema";
export {
  compileLuaValidator,
  compileLuaResponseValidator,
  compileLuaCheck,
  compileLuaContractLogger,
  LUA_ENABLE_BUFFERING_CHUNK,
  SERIALIZE_KEY_REQUEST,
  SERIALIZE_KEY_RESPONSE,
  RESPONSE_MODES,
  KONG_SANDBOX_GLOBALS,
  DEFAULT_MAX_BODY_BYTES,
  MAX_BODY_BYTES_CEILING,
  checkMaxBodyBytes,
  readChunkContract,
  trustedChunk,
  requestChunkAtPin,
  responseChunkAtPin,
  logChunkAtPin,
} from "./lua";
export type {
  ChunkContract,
  TrustedChunk,
  PinnedContract,
  PinnedContracts,
  RequestChunkSettings,
  ResponseChunkSettings,
  LuaCompileOptions,
  LuaResponseCompileOptions,
  ResponseMode,
} from "./lua";
