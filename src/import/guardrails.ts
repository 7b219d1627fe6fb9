import {
  BODY_METHODS,
  IDENTITY_PLUGINS as IDENTITY,
  RATE_LIMIT_PLUGINS as RATE_LIMIT,
  REQUEST_VALIDATION_PLUGINS as REQUEST_VALIDATION,
  SECURE_PROTOCOLS as SECURE,
} from "../guardrails";
import type { GuardrailFinding } from "./report";

/** A route the module declares, with what guardrails judge it by. */
export interface DeclaredRoute {
  readonly name: string;
  readonly methods: readonly string[];
  readonly protocols: readonly string[];
  /** Plugin name → config, of the route's own plugins. */
  readonly plugins: ReadonlyMap<string, unknown>;
  /** Plugin name → config, of its service's plugins. */
  readonly servicePlugins: ReadonlyMap<string, unknown>;
}

// Environment's maxTokenLifetime defaults: 1 hour in production, 24 hours elsewhere.
const PRODUCTION_TOKEN_SECONDS = 3600;
const OTHER_TOKEN_SECONDS = 86400;

const EVERY_ENVIRONMENT = "every environment";
const PRODUCTION = "production environments";

/**
 * The guardrails each declared route breaks, judged as synth judges it (the plugins Kong runs
 * for it: its own, else its service's, else global ones), with the environments where it does
 * (the Environment defaults): an error where guardrails are enforced, a warning elsewhere.
 */
export function guardrailFindings(
  routes: readonly DeclaredRoute[],
  globalPlugins: ReadonlyMap<string, unknown>,
): GuardrailFinding[] {
  const out: GuardrailFinding[] = [];
  for (const route of routes) {
    const config = (name: string) =>
      route.plugins.get(name) ?? route.servicePlugins.get(name) ?? globalPlugins.get(name);
    const has = (names: readonly string[]) => names.some((n) => config(n) !== undefined);
    const add = (rule: string, problem: string, where = EVERY_ENVIRONMENT) =>
      out.push({ route: route.name, rule, problem, where });
    if (!has(IDENTITY)) add("identity", "no identity plugin on the route or its service");
    if (!has(RATE_LIMIT)) add("rate-limit", "no rate limit on the route or its service");
    const takesBody =
      route.methods.length === 0 || route.methods.some((m) => BODY_METHODS.includes(m));
    if (takesBody && !has(REQUEST_VALIDATION))
      add("request-validation", "accepts bodies without request validation");
    const insecure = route.protocols.filter((p) => !SECURE.includes(p));
    if (insecure.length) add("https-only", `accepts ${insecure.join(", ")}`, PRODUCTION);
    const jwt = config("jwt") as
      { claims_to_verify?: unknown; maximum_expiration?: unknown } | undefined;
    if (jwt) {
      const claims = jwt.claims_to_verify;
      const verifiesExp = Array.isArray(claims) && claims.includes("exp");
      const maximum = typeof jwt.maximum_expiration === "number" ? jwt.maximum_expiration : 0;
      if (!verifiesExp || maximum <= 0) add("jwt-expiry", "accepts JWTs of unlimited lifetime");
      else if (maximum > OTHER_TOKEN_SECONDS)
        add("jwt-expiry", `accepts JWTs living ${maximum} s, more than 24 hours`);
      else if (maximum > PRODUCTION_TOKEN_SECONDS)
        add("jwt-expiry", `accepts JWTs living ${maximum} s, more than 1 hour`, PRODUCTION);
    }
  }
  return out;
}
