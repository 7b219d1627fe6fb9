import { ValidationError } from "../common";
import type { IConstruct } from "constructs";
import { RouteIndex } from "../router";

/** What Kong (or Terraform) holds once per environment; `kind` starts the message. */
export interface EnvironmentWideName {
  readonly kind: "Service name" | "Route name" | "Consumer" | "Certificate SNI" | "Upstream name";
  readonly name: string;
}

/**
 * The stacks of one environment in one app, and what they must share or not repeat. An
 * environment may be split into several stacks (one per team), each with its own state; Kong
 * still sees one gateway, so entity names are unique across all of them, and every stack
 * configures the gateway (provider settings, roles) the same way.
 */
export class EnvironmentStacks {
  /** The registry of `environment` in the app that holds `scope`. */
  static of(scope: IConstruct, environment: string): EnvironmentStacks {
    const root = scope.node.root;
    let byEnvironment = registries.get(root);
    if (!byEnvironment) registries.set(root, (byEnvironment = new Map()));
    let stacks = byEnvironment.get(environment);
    if (!stacks) byEnvironment.set(environment, (stacks = new EnvironmentStacks(environment)));
    return stacks;
  }

  private readonly owners = new Map<string, string>();
  /** What every route of the environment matches: two Kong could not tell apart are refused. */
  readonly routes = new RouteIndex();
  private readonly stackNames: string[] = [];
  private gatewaySettings?: { readonly stack: string; readonly settings: GatewaySettings };

  private constructor(readonly environment: string) {}

  /** Every stack of the environment so far, in declaration order. */
  get stacks(): readonly string[] {
    return this.stackNames;
  }

  /** @internal Called by KongStack. */
  _addStack(stack: string): void {
    this.stackNames.push(stack);
  }

  /**
   * Records that `stack` declares `what`; throws, naming `gateway` (the gateway of `stack` that
   * claims it), when another stack of the environment already did. (Duplicates inside one stack
   * are the gateway's to report, with its own message.)
   */
  claim(gateway: IConstruct, what: EnvironmentWideName, stack: string): void {
    const owner = this.owners.get(`${what.kind}\u0000${what.name}`);
    if (owner !== undefined && owner !== stack) {
      throw new ValidationError(
        `${what.kind} "${what.name}" is declared in stacks ${owner} and ${stack} of environment ${this.environment}; expected it in one stack only (Kong holds one per environment).`,
        gateway,
      );
    }
    this.owners.set(`${what.kind}\u0000${what.name}`, stack);
  }

  /**
   * @internal Called by Gateway: every stack of an environment configures Kong alike; a refusal
   * names `gateway`, the gateway of `stack`.
   */
  _agreeOnGateway(gateway: IConstruct, stack: string, settings: GatewaySettings): void {
    const first = this.gatewaySettings;
    if (!first) {
      this.gatewaySettings = { stack, settings };
      return;
    }
    for (const key of Object.keys(settings) as (keyof GatewaySettings)[]) {
      if (JSON.stringify(settings[key]) !== JSON.stringify(first.settings[key])) {
        throw new ValidationError(
          `Gateway of stack ${stack} sets ${key} unlike stack ${first.stack} of environment ${this.environment}; expected the same ${key} in every stack of an environment.`,
          gateway,
        );
      }
    }
  }
}

/** What every gateway of an environment must agree on. */
export interface GatewaySettings {
  readonly adminAuth: string;
  readonly workspace?: string;
  readonly tags: readonly string[];
  readonly roles: unknown;
}

const registries = new WeakMap<IConstruct, Map<string, EnvironmentStacks>>();
const stateOwners = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records that `stack`, the construct `scope`, keeps its state at `location`; throws, naming
 * `scope`, when another stack of the app does.
 */
export function claimStateLocation(scope: IConstruct, location: string, stack: string): void {
  const root = scope.node.root;
  let owners = stateOwners.get(root);
  if (!owners) stateOwners.set(root, (owners = new Map()));
  const owner = owners.get(location);
  if (owner !== undefined) {
    throw new ValidationError(
      `Stacks ${owner} and ${stack} both keep their Terraform state at ${location}; expected each stack its own state location.`,
      scope,
    );
  }
  owners.set(location, stack);
}
