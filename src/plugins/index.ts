/**
 * Kong 3.9 plugin configs, typed and checked. The types are generated from Kong's own plugin
 * schemas (`npm run gen:plugins`); `checkPluginConfig` compiles the same schemas (once per
 * plugin) into checks of Kong's rules, so a config Kong's Admin API would refuse fails at synth,
 * not at deploy. Rules only a Kong node can decide are listed by `uncheckedKongRules`.
 */
export type * from "./gen/plugin-configs";
export {
  pluginNames,
  isPluginName,
  closestPluginName,
  pluginSchema,
  pluginScopes,
  pluginScopeNames,
  pluginEdition,
  enterprisePluginNames,
  pluginProtocols,
} from "../catalog";
export type { KongField, KongEdition } from "../catalog";
export { checkPluginConfig, assertPluginConfig } from "./check";
export { uncheckedKongRules } from "../catalog";
export type { PluginScope } from "./check";
export { UnresolvedValue } from "../catalog";
export { luaPatternToRegExp } from "./lua-pattern";
