/**
 * Kong 3.9's plugin catalogue as data: every plugin's schema (`schema/kong-plugins-3.9.json`),
 * its scopes, edition and protocols, the rules only a Kong node can decide, and the helpers for
 * reading config values. Both the plugin checker (`src/plugins`) and credential scanning
 * (`src/secrets`) read it; it imports neither.
 */
export {
  pluginNames,
  isPluginName,
  closestPluginName,
  unknownPluginReason,
  pluginSchema,
  pluginScopes,
  pluginScopeNames,
  pluginEdition,
  enterprisePluginNames,
  pluginProtocols,
} from "./catalog";
export type { KongField, KongPluginSchema, KongEdition } from "./catalog";
export { IDENTITY_PLUGINS } from "./identity";
export { uncheckedKongRules, uncheckedFieldValidators, uncheckedEntityChecks } from "./unchecked";
export {
  UnresolvedValue,
  hasInterpolation,
  isPlainObject,
  describeValue,
  childPath,
} from "./values";
