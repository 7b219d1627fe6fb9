import type { IConstruct } from "constructs";
import { App, Testing, type TerraformStack } from "cdktf";
import {
  Environment,
  Gateway,
  KongStack,
  type EnvironmentProps,
  type GatewayProps,
} from "../../src/constructs";

type Json = Record<string, unknown>;

/** A synthesized stack, read the way a reviewer reads a plan: by resource type and properties. */
export class Template {
  static synth(stack: KongStack): Template {
    return new Template(Testing.synth(stack));
  }

  readonly json: Json;

  private constructor(readonly synthesized: string) {
    this.json = JSON.parse(synthesized) as Json;
  }

  /** Every resource of one Terraform type, by logical id. */
  resources(type: string): Record<string, Json> {
    const all = (this.json.resource ?? {}) as Record<string, Record<string, Json>>;
    return all[type] ?? {};
  }

  /** The resources of a type whose properties include `properties` (deep partial match). */
  findResources(type: string, properties: Json = {}): Json[] {
    return Object.values(this.resources(type)).filter((r) => matches(r, properties));
  }

  /** The one resource of `type` whose `name` is `name`. */
  resourceNamed(type: string, name: string): Json {
    const found = this.findResources(type, { name });
    if (found.length !== 1)
      throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
    return found[0];
  }
}

function matches(actual: unknown, expected: unknown): boolean {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object") return false;
    return Object.entries(expected).every(([k, v]) => matches((actual as Json)[k], v));
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** A fresh stack with a gateway for one environment, for construct tests. */
export function gatewayFixture(
  environment: Partial<EnvironmentProps> = {},
  gatewayProps: Partial<GatewayProps> = {},
): {
  app: App;
  stack: KongStack;
  gateway: Gateway;
} {
  const app = Testing.app();
  const env = new Environment({ name: "dev", ...environment });
  const stack = new KongStack(app, env.name, { environment: env });
  const gateway = new Gateway(stack, "kong", { environment: env, ...gatewayProps });
  return { app, stack, gateway };
}

/** Annotations of one level on `scope` and everything below it, as cdktf prints them at synth. */
export function annotations(scope: IConstruct, level: "info" | "warn" | "error"): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === `@cdktf/${level}`)
    .map((m) => String(m.data));
}

/**
 * Synthesizes `stack` as `app.synth()` does, aspects then validations (the guardrails are a
 * validation of the stack), and returns its `cdk.tf.json` text; a failed validation is left in
 * the annotations (`annotations(stack, "error")`) for the test to read instead of thrown.
 */
export function synthJudged(stack: TerraformStack): string {
  const synthesized = Testing.synth(stack);
  try {
    stack.runAllValidations();
  } catch (error) {
    if (!String(error).startsWith("Error: Validation failed")) throw error;
  }
  return synthesized;
}

/** The parsed `config_json` of every kong_plugin named `name`. */
export function pluginConfigs(template: Template, name: string): Record<string, unknown>[] {
  return template
    .findResources("kong_plugin", { name })
    .map((p) => JSON.parse(String(p.config_json)) as Record<string, unknown>);
}
