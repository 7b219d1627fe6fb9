/** Attributes of kevholditch/kong that hold credentials although the schema does not mark them sensitive. */
export const CREDENTIAL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  kong_consumer_jwt_auth: ["secret"],
  kong_consumer_basic_auth: ["password"],
  kong_consumer_oauth2: ["client_secret"],
  kong_consumer_key_auth: ["key"],
  kong_certificate: ["private_key"],
};
/** The resource types a literal credential can be written into: their credential attributes, and plugin configs. */
export const CREDENTIAL_RESOURCE_TYPES: readonly string[] = [
  ...Object.keys(CREDENTIAL_ATTRIBUTES),
  "kong_plugin",
];
/**
 * Whether a resource type is a Kong entity, which a literal credential can be written into: its
 * credential attributes, a plugin's config, free text (names, tags, `custom_id`).
 */
export function isKongEntityType(type: string): boolean {
  return type.startsWith("kong_");
}
