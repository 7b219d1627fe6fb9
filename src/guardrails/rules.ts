/** The rules every route is held to; stricter (errors) where the environment enforces them. */
export const GUARDRAIL_RULES = [
  "identity",
  "rate-limit",
  "request-validation",
  "https-only",
  "jwt-expiry",
  "no-secret-literals",
] as const;
export type GuardrailRule = (typeof GUARDRAIL_RULES)[number];

/** The rules a route or service may be exempted from: a literal credential never is. */
export type ExemptibleRule = Exclude<GuardrailRule, "no-secret-literals">;

export const RATE_LIMIT_PLUGINS: readonly string[] = ["rate-limiting"];
/** Plugins that validate request bodies when added by hand (the `validate` option adds its own). */
export const REQUEST_VALIDATION_PLUGINS: readonly string[] = ["request-validator"];

/**
 * The longest JWT lifetime an environment accepts when it sets none (Environment's
 * `maxTokenLifetime`), in hours: an hour in production, a day elsewhere.
 */
export function defaultMaxTokenHours(production: boolean): number {
  return production ? 1 : 24;
}

/** The methods that carry a body, which request validation must then check. */
export const BODY_METHODS: readonly string[] = ["POST", "PUT", "PATCH"];
/** The protocols a production route may accept. */
export const SECURE_PROTOCOLS: readonly string[] = [
  "https",
  "grpcs",
  "wss",
  "tls",
  "tls_passthrough",
];
