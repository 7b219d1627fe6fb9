// The identity guardrail accepts any of the catalogue's identity plugins.
import { IDENTITY_PLUGINS } from "../catalog";
import {
  BODY_METHODS,
  defaultMaxTokenHours,
  RATE_LIMIT_PLUGINS,
  REQUEST_VALIDATION_PLUGINS,
  SECURE_PROTOCOLS,
  type ExemptibleRule,
} from "./rules";

/** What the guardrails judge a route by: the plugins Kong runs for it, not how they were added. */
export interface RouteFacts {
  readonly name: string;
  readonly methods: readonly string[];
  readonly protocols: readonly string[];
  /** The names of the plugins Kong runs for the route for every caller (its own, its service's, global). */
  readonly plugins: ReadonlySet<string>;
  /** The config of the jwt plugin Kong runs for it, when one runs; undefined when it cannot be read. */
  readonly jwtConfig?: unknown;
  /**
   * The identity plugins among `plugins` whose config sets `anonymous`: Kong lets a caller without
   * their credential through as that consumer. @default none
   */
  readonly anonymousIdentities?: ReadonlySet<string>;
  /** Whether the route's own `validate` option checks its request bodies (its pre-function runs as checked). */
  readonly validatesRequests: boolean;
}

/** What the environment holds its routes to. */
export interface RoutePolicy {
  readonly production: boolean;
  /** The longest JWT lifetime a route may accept, in seconds and as written for messages. */
  readonly maxTokenSeconds: number;
  readonly maxTokenShown: string;
}

/** The policy of an environment that keeps the default token lifetime. */
export function defaultRoutePolicy(production: boolean): RoutePolicy {
  const maxTokenSeconds = defaultMaxTokenHours(production) * 3600;
  return { production, maxTokenSeconds, maxTokenShown: describeSeconds(maxTokenSeconds) };
}

/** One guardrail a route breaks, and how. */
export interface RouteFinding {
  readonly rule: ExemptibleRule;
  readonly problem: string;
}

/** The guardrails a route breaks under a policy, in rule order; exemptions are the caller's. */
export function routeFindings(route: RouteFacts, policy: RoutePolicy): RouteFinding[] {
  const out: RouteFinding[] = [];
  const has = (names: readonly string[]) => names.some((n) => route.plugins.has(n));
  const identities = identitiesAmong(route.plugins);
  const anonymous = route.anonymousIdentities ?? new Set<string>();
  if (identities.length === 0)
    out.push({ rule: "identity", problem: "no identity plugin on the route or its service" });
  else if (identities.every((n) => anonymous.has(n)) && !route.plugins.has("acl"))
    out.push({
      rule: "identity",
      problem: `lets a caller without a credential through as the anonymous consumer (${identities.join(" and ")} set anonymous) and runs no acl; expected roles (an acl) that the anonymous consumer lacks, or no anonymous`,
    });
  if (!has(RATE_LIMIT_PLUGINS))
    out.push({ rule: "rate-limit", problem: "no rate limit on the route or its service" });
  const bodyMethods = route.methods.filter((m) => BODY_METHODS.includes(m));
  const takesBody = route.methods.length === 0 || bodyMethods.length > 0;
  if (takesBody && !route.validatesRequests && !has(REQUEST_VALIDATION_PLUGINS)) {
    const methods = route.methods.length ? bodyMethods.join(", ") : "every method";
    out.push({
      rule: "request-validation",
      problem: `accepts bodies (${methods}) without request validation`,
    });
  }
  const insecure = route.protocols.filter((p) => !SECURE_PROTOCOLS.includes(p));
  if (policy.production && insecure.length > 0) {
    out.push({
      rule: "https-only",
      problem: `accepts ${insecure.join(", ")}; production routes are HTTPS only`,
    });
  }
  if (route.plugins.has("jwt")) {
    const lifetime = jwtLifetimeSeconds(route.jwtConfig);
    const limit = policy.maxTokenShown;
    if (lifetime === undefined)
      out.push({
        rule: "jwt-expiry",
        problem: `accepts JWTs of unlimited lifetime; expected at most ${limit}`,
      });
    else if (lifetime > policy.maxTokenSeconds)
      out.push({
        rule: "jwt-expiry",
        problem: `accepts JWTs living ${describeSeconds(lifetime)}; expected at most ${limit}`,
      });
  }
  return out;
}

/**
 * The identity plugins Kong would demand together for a route, an error whatever the environment.
 * Kong demands every identity plugin that does not set `anonymous`; when each sets it, a caller
 * needs any one credential (Kong's "either one" setup), so several are fine. Where only some set
 * it, those are optional beside the required ones: a half-done setup, refused as well.
 */
export function conflictingIdentities(
  plugins: ReadonlySet<string>,
  anonymousIdentities: ReadonlySet<string> = new Set(),
): string[] {
  const identities = identitiesAmong(plugins);
  if (identities.length < 2 || identities.every((n) => anonymousIdentities.has(n))) return [];
  return identities;
}

/** The catalogue's identity plugins among a route's, in the route's order. */
function identitiesAmong(plugins: ReadonlySet<string>): string[] {
  return [...plugins].filter((n) => IDENTITY_PLUGINS.includes(n));
}

/**
 * The identity plugins among a route's whose config sets `anonymous`. Only their configs are read:
 * reading one may parse it, and a route's other configs (a validator chunk) can be large.
 */
export function anonymousIdentities(
  plugins: ReadonlySet<string>,
  configOf: (name: string) => unknown,
): ReadonlySet<string> {
  return new Set(identitiesAmong(plugins).filter((name) => setsAnonymous(configOf(name))));
}

/**
 * Whether an identity plugin's config lets a caller without its credential through: Kong's
 * `anonymous` names the consumer to run as (unset, `null` or empty: refuse with 401).
 */
export function setsAnonymous(config: unknown): boolean {
  if (typeof config !== "object" || config === null) return false;
  const anonymous = (config as { anonymous?: unknown }).anonymous;
  return anonymous !== undefined && anonymous !== null && anonymous !== "";
}

/** The longest token lifetime a jwt plugin lets through; undefined when it sets no bound. */
function jwtLifetimeSeconds(config: unknown): number | undefined {
  // Kong checks maximum_expiration only when it verifies "exp"; 0 switches the check off. A
  // config that cannot be read (an expression, not JSON) bounds nothing that can be shown.
  const jwt = (typeof config === "object" && config !== null ? config : {}) as {
    claims_to_verify?: unknown;
    maximum_expiration?: unknown;
  };
  const claims = jwt.claims_to_verify;
  const verifiesExp = Array.isArray(claims) && claims.includes("exp");
  const maximum = jwt.maximum_expiration ?? 0;
  return verifiesExp && typeof maximum === "number" && maximum > 0 ? maximum : undefined;
}

/** Seconds in the largest of hours, minutes and seconds that divides them: 28800 → 8 hours. */
function describeSeconds(seconds: number): string {
  const [amount, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, "hour"]
      : seconds % 60 === 0
        ? [seconds / 60, "minute"]
        : [seconds, "second"];
  return `${amount} ${unit}${amount === 1 ? "" : "s"}`;
}
