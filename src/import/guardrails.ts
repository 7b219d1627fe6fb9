import {
  anonymousIdentities,
  defaultRoutePolicy,
  routeFindings,
  type RouteFacts,
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

const EVERY_ENVIRONMENT = "every environment";
const PRODUCTION = "production environments";

/**
 * The guardrails each declared route breaks, judged by the rules synth applies (src/guardrails)
 * to the plugins Kong runs for it (its own, its service's, global ones), under the Environment
 * defaults: where a route breaks a rule outside production it breaks it everywhere; the rest
 * only in production. An error where guardrails are enforced, a warning elsewhere.
 */
export function guardrailFindings(
  routes: readonly DeclaredRoute[],
  globalPlugins: ReadonlyMap<string, unknown>,
): GuardrailFinding[] {
  const elsewhere = defaultRoutePolicy(false);
  const production = defaultRoutePolicy(true);
  const out: GuardrailFinding[] = [];
  for (const route of routes) {
    // Kong runs the route's own plugin of a name, else its service's, else the global one.
    const effective = new Map([...globalPlugins, ...route.servicePlugins, ...route.plugins]);
    const facts: RouteFacts = {
      name: route.name,
      methods: route.methods,
      protocols: route.protocols,
      plugins: new Set(effective.keys()),
      jwtConfig: effective.get("jwt"),
      anonymousIdentities: anonymousIdentities(new Set(effective.keys()), (name) =>
        effective.get(name),
      ),
      // An imported route has no `validate` option: only a request-validator plugin validates.
      validatesRequests: false,
    };
    const everywhere = routeFindings(facts, elsewhere);
    for (const { rule, problem } of everywhere)
      out.push({ route: route.name, rule, problem, where: EVERY_ENVIRONMENT });
    for (const { rule, problem } of routeFindings(facts, production))
      if (!everywhere.some((finding) => finding.rule === rule))
        out.push({ route: route.name, rule, problem, where: PRODUCTION });
  }
  return out;
}
