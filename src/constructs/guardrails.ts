import { Annotations, TerraformStack, type IAspect } from "cdktf";
import { checkSecretsInStack } from "../conformance";
import type { IConstruct } from "constructs";
import type { Environment } from "./environment";
import { JwtIdentity } from "./identity";
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
    if (!route.identity) report("identity", "no identity plugin on the route or its service");
    if (!route.rateLimit) report("rate-limit", "no rate limit on the route or its service");
    const takesBody =
      route.methods.length === 0 || route.methods.some((m) => BODY_METHODS.includes(m));
    if (takesBody && !route.validation?.request) {
      const methods = route.methods.length
        ? route.methods.filter((m) => BODY_METHODS.includes(m)).join(", ")
        : "every method";
      report("request-validation", `accepts bodies (${methods}) without request validation`);
    }
    const insecure = route.protocols.filter((p) => !SECURE_PROTOCOLS.includes(p));
    if (this.environment.production && insecure.length > 0) {
      report("https-only", `accepts ${insecure.join(", ")}; production routes are HTTPS only`);
    }
    if (route.identity instanceof JwtIdentity) {
      const limit = this.environment.maxTokenLifetime;
      const lifetime = route.identity.maxTokenLifetime;
      if (!lifetime)
        report("jwt-expiry", `accepts JWTs of unlimited lifetime; expected at most ${limit}`);
      else if (lifetime.toSeconds() > limit.toSeconds()) {
        report("jwt-expiry", `accepts JWTs living ${lifetime}; expected at most ${limit}`);
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
