/**
 * The guardrails as pure rules: which rules exist, what a route breaks under an environment's
 * policy, and the exemptions a route or service records. The constructs apply them at synth
 * (src/constructs/guardrail-validation.ts); nothing here knows cdktf.
 */
export {
  GUARDRAIL_RULES,
  defaultMaxTokenHours,
  type ExemptibleRule,
  type GuardrailRule,
} from "./rules";
export {
  anonymousIdentities,
  conflictingIdentities,
  setsAnonymous,
  defaultRoutePolicy,
  routeFindings,
  type RouteFacts,
} from "./route-rules";
export { EXEMPTIONS_MARK, Exemptions } from "./exemptions";
