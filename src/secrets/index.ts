/**
 * Credential scanning: which places of a plugin config must hold a `Secret` (`pluginSecrets`),
 * credentials with a shape of their own in any free text (`findCredentialShape`), literals given
 * under a credential's name in Lua source (`findLuaCredential`), the config-level check built on
 * them (`checkPluginCredentials`), and the view of a stack the guardrail reads
 * (`credentialView`). The plugin checker and the conformance scan both use this folder.
 */
export {
  pluginSecrets,
  isCredentialName,
  urlCredentials,
  acceptsSecret,
  requiresSecret,
} from "./plugin-secrets";
export { findCredentialShape, isLiteralCredentialValue } from "./credential-shapes";
export { findLuaCredential, isLuaCredentialName } from "./lua-literals";
export { literalCredentials, literalPlace } from "./literals";
export { checkPluginCredentials } from "./credentials";
export { credentialExpression, isAdminCredentialVariable } from "./credential-expressions";
export { credentialView } from "./credential-view";
export { CREDENTIAL_ATTRIBUTES, isKongEntityType } from "./resource-types";
