import type { IConstruct } from "constructs";
import type { TerraformVariable } from "cdktf";
import { ValidationError } from "../common";
import type { KongEdition } from "../plugins";
import type { Environment } from "./environment";
import type { GatewayNames } from "./gateway-names";
import type { RoleMap } from "./roles";

/**
 * What the constructs inside a gateway need of it: `Gateway` implements it, and they import this
 * interface instead of the Gateway class, which imports them (`Gateway.of` gives the class).
 */
export interface IGateway extends IConstruct {
  readonly environment: Environment;
  /** The Kong edition this gateway runs, which decides the plugins it accepts. */
  readonly edition: KongEdition;
  /** The team whose stack this gateway is in; undefined in the environment's shared stack. */
  readonly team?: string;
  /** Tags for an entity of this gateway. */
  tags(extra?: readonly string[]): string[];
  /** @internal The roles consumers and routes may name. */
  readonly _roleMap: RoleMap;
  /** @internal The names this gateway's entities claim in Kong, before they join the tree. */
  readonly _names: GatewayNames;
  /** @internal The string variable `name` of this gateway's stack, created on first use. */
  _variable(name: string, description: string, sensitive: boolean): TerraformVariable;
}

/**
 * The mark a Gateway carries, so that the constructs inside one find it (`gatewayOf`) without
 * importing the Gateway class, which imports them: the aws-cdk `Stack.of` way, with no import cycle.
 */
const GATEWAY_MARK = Symbol.for("avro-kong.Gateway");

/** Called once by the Gateway's constructor. */
export function markGateway(gateway: IGateway): void {
  Object.defineProperty(gateway, GATEWAY_MARK, { value: true });
}

/** Whether a construct is a Gateway (of this or another copy of the package). */
function isGateway(construct: IConstruct): construct is IGateway {
  return GATEWAY_MARK in construct;
}

/** The innermost Gateway a construct is inside. */
export function gatewayOf(construct: IConstruct): IGateway {
  // Up the parents, allocating nothing: every plugin asks, several times (`node.scopes` would
  // build the path's array each time).
  for (let c: IConstruct | undefined = construct; c !== undefined; c = c.node.scope)
    if (isGateway(c)) return c;
  throw new ValidationError(
    `Scope ${construct.node.id || "(the app)"} is not inside a Gateway; expected services, consumers, upstreams and plugins inside one (gateway.addService, …).`,
    construct,
  );
}

/**
 * Throws, naming `scope` (the gateway), when a construct there has `id` already: a consumer and a
 * service share the gateway's construct ids, and the tree would refuse the second in a plain
 * Error of its own. `kind` starts the sentence ("Consumer", "Service").
 */
export function assertIdFree(scope: IConstruct, kind: string, id: string): void {
  const taken = scope.node.tryFindChild(id);
  if (taken !== undefined) {
    throw new ValidationError(
      `${kind} name "${id}" is used twice in the ${gatewayOf(scope).environment.name} gateway (a ${taken.constructor.name} has it); expected a name no other consumer or service there has.`,
      scope,
    );
  }
}
