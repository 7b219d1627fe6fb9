import type { IConstruct } from "constructs";
import { ValidationError } from "../common";
import type { Gateway } from "./gateway";

/**
 * The mark a Gateway carries, so that the constructs inside one find it (`gatewayOf`) without
 * importing the Gateway class, which imports them: the aws-cdk `Stack.of` way, with no import cycle.
 */
const GATEWAY_MARK = Symbol.for("avro-kong.Gateway");

/** Called once by the Gateway's constructor. */
export function markGateway(gateway: Gateway): void {
  Object.defineProperty(gateway, GATEWAY_MARK, { value: true });
}

/** Whether a construct is a Gateway (of this or another copy of the package). */
function isGateway(construct: IConstruct): construct is Gateway {
  return GATEWAY_MARK in construct;
}

/** The innermost Gateway a construct is inside. */
export function gatewayOf(construct: IConstruct): Gateway {
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
