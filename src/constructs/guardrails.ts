import { Annotations, TerraformProvider, TerraformResource, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import type { Environment } from "./environment";
import { JwtIdentity } from "./identity";
import { Route } from "./route";

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
const VAULT_REFERENCE = /^\{vault:\/\/[^{}\s]+\}$/;
/** Attributes that hold credentials, per Terraform type (the provider's own names). */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  kong: ["kong_admin_token", "kong_api_key", "kong_admin_password"],
  kong_consumer_jwt_auth: ["secret"],
  kong_consumer_key_auth: ["key"],
  kong_consumer_basic_auth: ["password"],
  kong_consumer_oauth2: ["client_secret"],
  kong_certificate: ["private_key"],
};
/** Plugin config fields that hold credentials, at any depth. */
const SECRET_CONFIG_KEY = /(secret|password|passwd|token|api_?key|private_key)$/i;

/**
 * Checks each route and each credential when the stack is synthesized. In an environment
 * whose guardrails are `enforce` a violation is an error (synth fails); otherwise a warning.
 */
export class Guardrails implements IAspect {
  constructor(private readonly environment: Environment) {}

  visit(node: IConstruct): void {
    if (node instanceof Route) this.checkRoute(node);
    if (node instanceof TerraformResource || node instanceof TerraformProvider)
      this.checkSecrets(node);
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

  private checkSecrets(node: TerraformResource | TerraformProvider): void {
    const type =
      node instanceof TerraformResource ? node.terraformResourceType : node.terraformResourceType;
    const attributes = node.toTerraform() as { resource?: unknown; provider?: unknown };
    const body = firstBody(attributes, type);
    if (!body) return;
    for (const name of SECRET_ATTRIBUTES[type] ?? []) {
      if (isLiteralSecret(body[name])) {
        this.report(
          node,
          `${type} ${node.node.id}`,
          "no-secret-literals",
          `${name} is a literal; expected a sensitive variable or a vault reference`,
        );
      }
    }
    if (type === "kong_plugin" && typeof body.config_json === "string") {
      for (const path of literalSecretsInConfig(JSON.parse(body.config_json), "config")) {
        this.report(
          node,
          `Plugin ${String(body.name)} (${node.node.path})`,
          "no-secret-literals",
          `${path} is a literal; expected a sensitive variable or a vault reference`,
        );
      }
    }
  }

  private report(scope: IConstruct, subject: string, rule: GuardrailRule, problem: string): void {
    const message = `${subject} breaks guardrail "${rule}" in ${this.environment.name}: ${problem}.`;
    if (this.environment.guardrails === "enforce") Annotations.of(scope).addError(message);
    else Annotations.of(scope).addWarning(message);
  }
}

function firstBody(
  synth: { resource?: unknown; provider?: unknown },
  type: string,
): Record<string, unknown> | undefined {
  const section = (synth.resource ?? synth.provider) as Record<string, unknown> | undefined;
  const byType = section?.[type];
  if (Array.isArray(byType)) return byType[0] as Record<string, unknown>;
  if (byType && typeof byType === "object")
    return Object.values(byType as Record<string, Record<string, unknown>>)[0];
  return undefined;
}

/** A literal is anything but an unresolved Terraform reference or a Kong vault reference. */
function isLiteralSecret(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== "string") return true;
  return !value.includes("${") && !VAULT_REFERENCE.test(value);
}

function literalSecretsInConfig(value: unknown, path: string): string[] {
  if (Array.isArray(value))
    return value.flatMap((v, i) => literalSecretsInConfig(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = `${path}.${key}`;
    if (SECRET_CONFIG_KEY.test(key)) {
      const values = Array.isArray(v) ? v : [v];
      return values.some(isLiteralSecret) ? [here] : [];
    }
    return literalSecretsInConfig(v, here);
  });
}
