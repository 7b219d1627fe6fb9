/**
 * Kong 3.9 plugin configs, typed and checked. The types are generated from Kong's own plugin
 * schemas (`npm run gen:plugins`); `checkPluginConfig` reads the same schemas at run time, so a
 * field Kong does not know or a value outside its range fails at synth, not at deploy.
 */
export type * from "./gen/plugin-configs";
export {
  kongVersion,
  pluginNames,
  isPluginName,
  closestPluginName,
  pluginSchema,
  pluginScopes,
  pluginEdition,
  pluginProtocols,
} from "./catalog";
export type {
  KongField,
  KongFieldType,
  KongPatternRule,
  KongPluginCatalog,
  KongPluginSchema,
  PluginScopes,
} from "./catalog";
export { checkPluginConfig, assertPluginConfig, definePluginConfig } from "./check";
export type { PluginConfigProblem, PluginScope, PluginCheckOptions } from "./check";
export { UnresolvedValue, hasInterpolation } from "./values";
export { pluginSecrets, isCredentialName, urlCredentials } from "./secrets";
export type { PluginSecret } from "./secrets";
export { luaPatternToRegExp } from "./lua-pattern";
export { findCredentialShape, isLiteralCredentialValue } from "./credential-shapes";
export type { ShapeMatch } from "./credential-shapes";
export { findLuaCredential, isLuaCredentialName } from "./lua-literals";
export type { LuaCredential } from "./lua-literals";
export { literalCredentials, literalPlace } from "./literals";
export type { LiteralCredential } from "./literals";
