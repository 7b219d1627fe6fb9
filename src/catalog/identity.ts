/**
 * The catalogue's identity plugins: Kong 3.9's authentication plugins, each of which refuses a
 * request without its credential (unless given `anonymous`) and names the consumer it found.
 * One list for every part that asks "is this an identity?": the identity guardrail accepts any
 * of them and the review reports one added, removed or weakened. Not among them: `session`
 * (it keeps a login another plugin made and refuses nothing by itself) and `acl` (it authorizes
 * the consumer an identity plugin found). Enterprise's `mtls-auth` is not in the catalogue.
 */
export const IDENTITY_PLUGINS: readonly string[] = Object.freeze([
  "basic-auth",
  "hmac-auth",
  "jwt",
  "key-auth",
  "ldap-auth",
  "oauth2",
  "openid-connect",
]);
