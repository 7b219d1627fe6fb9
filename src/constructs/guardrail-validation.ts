import { Annotations, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { checkSecretsInStack } from "../conformance";
import {
  conflictingIdentities,
  routeFindings,
  anonymousIdentities,
  type GuardrailRule,
} from "../guardrails";
import { credentialView } from "../secrets";
import { StackPluginIndex, type StackPlugin } from "./attached-plugins";
import { trustedIn } from "./contracts";
import { Consumer } from "./consumer";
import type { Environment } from "./environment";
import { KongPlugin } from "./plugin";
import { refuseAtSynth } from "./refusal";
import { Route } from "./route";
import { Service } from "./service";

/**
 * Has the guardrails of `environment` judge `stack` when it is synthesized: a validation of the
 * stack, so that they hold whatever runs the app (the project's runner, a plain `app.synth()`,
 * `Testing.synth(stack, true)`), read once per synth instead of an aspect visiting every construct.
 * cdktf validates the tree top-down, so the refusals this adds to the stack's routes and plugins
 * (`refuseAtSynth`) are validated after it, in the same pass.
 */
export function applyGuardrails(stack: TerraformStack, environment: Environment): void {
  stack.node.addValidation({
    validate: () => {
      new StackGuardrails(stack, environment).judge();
      return [];
    },
  });
}

/**
 * Applies the guardrails (src/guardrails) to each route of the stack, and checks every credential
 * in it. In an environment whose guardrails are `enforce` a violation is an error (synth fails);
 * otherwise a warning. Routes are judged by the plugins Kong will run for them, however they were
 * added (an option, `addPlugin` on the route or on its service, or a raw `plugin.Plugin` anywhere
 * in the stack), attributed by the route, service or consumer their resource refers to, never by
 * construct options or tree position. Two plugins of a name on the same entities are refused.
 */
class StackGuardrails {
  private readonly index: StackPluginIndex;

  constructor(
    private readonly stack: TerraformStack,
    private readonly environment: Environment,
  ) {
    this.index = new StackPluginIndex(stack);
  }

  judge(): void {
    this.checkDuplicates(this.stack, this.index);
    this.checkSecrets(this.stack);
    for (const node of this.stack.node.findAll()) {
      if (node instanceof Route) this.checkRoute(node);
    }
  }

  private checkRoute(route: Route): void {
    const plugins = this.index.effectivePlugins(route);
    const names = new Set(plugins.keys());
    const anonymous = anonymousIdentities(names, (name) => plugins.get(name)?.config());
    const identities = conflictingIdentities(names, anonymous);
    if (identities.length > 0) {
      refuseAtSynth(
        route,
        `Route ${route.name} has identity plugins ${identities.join(" and ")} (its own, service ${route.service.name}'s or global ones), and Kong would demand all of them; expected one identity, or anonymous set on each for Kong's either-one setup.`,
      );
    }
    const findings = routeFindings(
      {
        name: route.name,
        methods: route.methods,
        protocols: route.protocols,
        plugins: names,
        jwtConfig: plugins.get("jwt")?.config(),
        anonymousIdentities: anonymous,
        validatesRequests: validatesRequests(route, plugins),
      },
      {
        production: this.environment.production,
        maxTokenSeconds: this.environment.maxTokenLifetime.toSeconds(),
        maxTokenShown: String(this.environment.maxTokenLifetime),
      },
    );
    const subject = `Route ${route.name}`;
    for (const { rule, problem } of findings) {
      const own = route._exemptions.reasonFor(rule);
      const reason = own ?? route.service._exemptions.reasonFor(rule);
      if (reason === undefined) {
        this.report(route, subject, rule, problem);
        continue;
      }
      // An exemption is shown at every synth, with its reason, so that it is never forgotten.
      const by = own !== undefined ? "" : ` (through service ${route.service.name})`;
      Annotations.of(route).addWarning(
        `${subject} is exempt from guardrail "${rule}" in ${this.environment.name}${by}: ${reason} (otherwise: ${problem}).`,
      );
    }
  }

  /** Kong refuses a second plugin of a name on the same route, service and consumer (or global). */
  private checkDuplicates(stack: TerraformStack, index: StackPluginIndex): void {
    const duplicates = index.duplicates();
    if (duplicates.length === 0) return;
    const names = entityNames(stack, index);
    for (const [first, second] of duplicates) {
      const on = [second.routeId, second.serviceId, second.consumerId]
        .filter((ref): ref is string => ref !== undefined)
        .map((ref) => names.get(ref) ?? ref);
      refuseAtSynth(
        second.resource,
        `Plugin ${second.name} at ${second.resource.node.path} is a second ${second.name} ${on.length ? `on ${on.join(" and ")}` : "global plugin"} beside ${first.resource.node.path}, and Kong runs at most one of a name there; expected one, added through addPlugin.`,
      );
    }
  }

  /** Reads the stack as Terraform will see it: every credential a variable or a vault reference. */
  private checkSecrets(stack: TerraformStack): void {
    // Only what can hold a credential is read, element by element: synthesizing the whole stack
    // here would double the cost of synth.
    const view = credentialView(stack, isCheckedPlugin);
    for (const problem of checkSecretsInStack(view, undefined, trustedIn(this.environment))) {
      this.report(stack, problem.address, "no-secret-literals", problem.message.replace(/\.$/, ""));
    }
  }

  private report(scope: IConstruct, subject: string, rule: GuardrailRule, problem: string): void {
    const message = `${subject} breaks guardrail "${rule}" in ${this.environment.name}: ${problem}.`;
    // A literal credential is an error in every environment: dev's state and plans leak too.
    const isError = this.environment.guardrails === "enforce" || rule === "no-secret-literals";
    if (isError) refuseAtSynth(scope, message);
    else Annotations.of(scope).addWarning(message);
  }
}

/** A plugin resource made by `KongPlugin` whose config is still the one checked when it was made. */
function isCheckedPlugin(resource: TerraformResource): boolean {
  const owner = resource.node.scope;
  return owner instanceof KongPlugin && owner.resource === resource && owner._isConfigAsChecked;
}

/**
 * Whether the route's own request validation runs: the pre-function plugin its `validate`
 * option attached is the one Kong runs for the route, switched on, with its config as checked.
 */
function validatesRequests(route: Route, plugins: ReadonlyMap<string, StackPlugin>): boolean {
  if (!route.validation?.request || route.validation.engine !== "lua") return false;
  const construct = plugins.get("pre-function")?.construct;
  return construct !== undefined && construct.node.scope === route && construct._isConfigAsChecked;
}

/** What each route, service and consumer of the stack is called in messages, by reference. */
function entityNames(stack: TerraformStack, index: StackPluginIndex): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of stack.node.findAll()) {
    if (node instanceof Route) names.set(index.reference(node.resource.id), `route ${node.name}`);
    if (node instanceof Service)
      names.set(index.reference(node.resource.id), `service ${node.name}`);
    if (node instanceof Consumer)
      names.set(index.reference(node.resource.id), `consumer ${node.name}`);
  }
  return names;
}
