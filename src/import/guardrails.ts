import type { GuardrailFinding } from "./report";

/** A route the module declares, with what guardrails judge it by. */
export interface DeclaredRoute {
  readonly name: string;
  readonly service: string;
  readonly methods: readonly string[];
  readonly protocols: readonly string[];
  /** Plugin name → config, of the route's own plugins. */
  readonly plugins: Map<string, unknown>;
}

// The plugins each guardrail looks for (src/constructs/attached-plugins.ts, docs/guides/guardrails.md).
const IDENTITY = ["jwt", "key-auth", "openid-connect"];
const RATE_LIMIT = ["rate-limiting"];
const REQUEST_VALIDATION = ["request-validator"];
const BODY_METHODS = ["POST", "PUT", "PATCH"];
const SECURE = ["https", "grpcs", "wss", "tls", "tls_passthrough"];

/**
 * The guardrails each declared route breaks, judged as synth will judge it (its own plugins and
 * its service's): an error where the environment enforces guardrails, a warning elsewhere.
 */
export function guardrailFindings(
  routes: readonly DeclaredRoute[],
  servicePlugins: ReadonlyMap<string, unknown>,
): GuardrailFinding[] {
  const out: GuardrailFinding[] = [];
  for (const route of routes) {
    const config = (name: string) =>
      route.plugins.get(name) ?? servicePlugins.get(`${route.service}/${name}`);
    const has = (names: readonly string[]) => names.some((n) => config(n) !== undefined);
    const add = (rule: string, problem: string, where = "every environment") =>
      out.push({ route: route.name, rule, problem, where });
    if (!has(IDENTITY)) add("identity", "no identity plugin on the route or its service");
    if (!has(RATE_LIMIT)) add("rate-limit", "no rate limit on the route or its service");
    const takesBody =
      route.methods.length === 0 || route.methods.some((m) => BODY_METHODS.includes(m));
    if (takesBody && !has(REQUEST_VALIDATION))
      add("request-validation", "accepts bodies without request validation");
    const insecure = route.protocols.filter((p) => !SECURE.includes(p));
    if (insecure.length)
      add("https-only", `accepts ${insecure.join(", ")}`, "production environments");
    const jwt = config("jwt") as
      { claims_to_verify?: unknown; maximum_expiration?: unknown } | undefined;
    if (jwt) {
      const claims = jwt.claims_to_verify;
      const verifiesExp = Array.isArray(claims) && claims.includes("exp");
      const maximum = typeof jwt.maximum_expiration === "number" ? jwt.maximum_expiration : 0;
      if (!verifiesExp || maximum <= 0) add("jwt-expiry", "accepts JWTs of unlimited lifetime");
    }
  }
  return out;
}
