export {
  compileLuaValidator,
  compileLuaResponseValidator,
  compileLuaCheck,
  compileLuaContractLogger,
  LUA_ENABLE_BUFFERING_CHUNK,
  SERIALIZE_KEY_REQUEST,
  SERIALIZE_KEY_RESPONSE,
} from "./chunks";
export type { LuaCompileOptions, LuaResponseCompileOptions, ResponseMode } from "./options";
export {
  RESPONSE_MODES,
  DEFAULT_MAX_BODY_BYTES,
  MAX_BODY_BYTES_CEILING,
  checkMaxBodyBytes,
} from "./options";
export { readChunkContract, formatChunkHeader } from "./header";
export type { ChunkContract } from "./header";
export { KONG_SANDBOX_GLOBALS } from "./sandbox";
export { trustedChunk, requestChunkAtPin, responseChunkAtPin, logChunkAtPin } from "./trusted";
export type {
  TrustedChunk,
  PinnedContract,
  PinnedContracts,
  RequestChunkSettings,
  ResponseChunkSettings,
} from "./trusted";
