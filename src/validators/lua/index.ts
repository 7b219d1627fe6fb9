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
export { DEFAULT_MAX_BODY_BYTES, checkMaxBodyBytes } from "./options";
export { readChunkContract } from "./header";
export { KONG_SANDBOX_GLOBALS } from "./sandbox";
export { trustedChunk, requestChunkAtPin, responseChunkAtPin, logChunkAtPin } from "./trusted";
export type { PinnedContract, PinnedContracts } from "./trusted";
