import { Annotations, TerraformStack, type IAspect } from "cdktf";
import { checkSecretsInStack } from "../conformance";
import type { IConstruct } from "constructs";
import type { PluginConfigs, PluginName } from "../plugins";
import { Duration } from "./duration";
import type { Environment } from "./environment";
import {
  effectivePlugins,
  IDENTITY_PLUGINS,
  RATE_LIMIT_PLUGINS,
  REQUEST_VALIDATION_PLUGINS,
} from "./attached-plugins";
import type { KongPlugin } from "./plugin";
import { Route } from "./route";
import { credentialView } from "./secret-scan";

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

const BODY_METHODS = ["POST", "PUT", "PATCH"];
const SECURE_PROTOCOLS = ["https", "grpcs", "wss", "tls", "tls_passthrough"];

/**
 * Checks each route, and every credential in the stack, when the stack is synthesized. In an environment
 * whose guardrails are `enforce` a violation is an error (synth fails); otherwise a warning.
 * Routes are judged by the plugins Kong will run for them, however they were added (an option,
 * `addPlugin` on the route or on its service), not by the options alone.
 */
export class Guardrails implements IAspect {
  constructor(private readonly environment: Environment) {}

  visit(node: IConstruct): void {
    if (node instanceof Route) this.checkRoute(node);
    if (node instanceof TerraformStack) this.checkSecrets(node);
  }

  private checkRoute(route: Route): void {
    const report = (rule: GuardrailRule, problem: string) =>
      this.report(route, `Route ${route.name}`, rule, problem);
    const plugins = effectivePlugins(route);
    const has = (names: readonly PluginName[]) => names.some((n) => plugins.has(n));
    if (!has(IDENTITY_PLUGINS))
      report("identity", "no identity plugin on the route or its service");
    if (!has(RATE_LIMIT_PLUGINS)) report("rate-limit", "no rate limit on the route or its service");
    const takesBody =
      route.methods.length === 0 || route.methods.some((m) => BODY_METHODS.includes(m));
    if (takesBody && !route.validation?.request && !has(REQUEST_VALIDATION_PLUGINS)) {
      const methods = route.methods.length
        ? route.methods.filter((m) => BODY_METHODS.includes(m)).join(", ")
        : "every method";
      report("request-validation", `accepts bodies (${methods}) without request validation`);
    }
    const insecure = route.protocols.filter((p) => !SECURE_PROTOCOLS.includes(p));
    if (this.environment.production && insecure.length > 0) {
      report("https-only", `accepts ${insecure.join(", ")}; production routes are HTTPS only`);
    }
    const jwt = plugins.get("jwt") as KongPlugin<"jwt"> | undefined;
    if (jwt) {
      const limit = this.environment.maxTokenLifetime;
      const lifetime = jwtLifetimeSeconds(jwt.config);
      if (lifetime === undefined)
        report("jwt-expiry", `accepts JWTs of unlimited lifetime; expected at most ${limit}`);
      else if (lifetime > limit.toSeconds()) {
        report(
          "jwt-expiry",
          `accepts JWTs living ${describeSeconds(lifetime)}; expected at most ${limit}`,
        );
      }
    }
  }

  /** Reads the stack as Terraform will see it: every credential a variable or a vault reference. */
  private checkSecrets(stack: TerraformStack): void {
    // Only what can hold a credential is read, element by element: synthesizing the whole stack
    // here would double the cost of synth.
    for (const problem of checkSecretsInStack(credentialView(stack))) {
      this.report(stack, problem.address, "no-secret-literals", problem.message.replace(/\.$/, ""));
    }
  }

  private report(scope: IConstruct, subject: string, rule: GuardrailRule, problem: string): void {
    const message = `${subject} breaks guardrail "${rule}" in ${this.environment.name}: ${problem}.`;
    // A literal credential is an error in every environment: dev's state and plans leak too.
    const isError = this.environment.guardrails === "enforce" || rule === "no-secret-literals";
    if (isError) Annotations.of(scope).addError(message);
    else Annotations.of(scope).addWarning(message);
  }
}

/** The longest token lifetime a jwt plugin lets through; undefined when it sets no bound. */
function jwtLifetimeSeconds(config: PluginConfigs["jwt"]): number | undefined {
  // Kong checks maximum_expiration only when it verifies "exp"; 0 switches the check off.
  const verifiesExp = (config.claims_to_verify ?? []).includes("exp");
  const maximum = config.maximum_expiration ?? 0;
  return verifiesExp && maximum > 0 ? maximum : undefined;
}

/** Seconds in the largest of hours, minutes and seconds that divides them: 28800 → 8 hours. */
function describeSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return String(Duration.hours(seconds / 3600));
  if (seconds % 60 === 0) return String(Duration.minutes(seconds / 60));
  return String(Duration.seconds(seconds));
}
