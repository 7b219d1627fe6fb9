import type { IConstruct } from "constructs";
import { ValidationError } from "../common";
import type { RouteMatch } from "../router";
import type { EnvironmentStacks, EnvironmentWideName } from "./environment-stacks";

/** Where a gateway claims its names. */
export interface GatewayNamesProps {
  /** The environment's stacks, which hold each name once across them. */
  readonly environment: EnvironmentStacks;
  /** The stack of the gateway. */
  readonly stack: string;
  /** Whether that stack is the environment's shared stack (not a team's). */
  readonly shared: boolean;
}

/**
 * The names one gateway's entities hold in Kong, which holds each once per environment: a claim
 * throws when this gateway, or another stack of the environment, holds the name already, and
 * records it otherwise. Entities of the whole environment (consumers, global plugins) are
 * declared in its shared stack only. A refusal names the gateway (`scope`): the entity claiming
 * the name has not joined the tree yet.
 */
export class GatewayNames {
  /** Each name this gateway holds (kind and name) → what holds it (a service, a certificate). */
  private readonly holders = new Map<string, string>();

  constructor(
    private readonly scope: IConstruct,
    private readonly props: GatewayNamesProps,
  ) {}

  claimService(name: string): void {
    this.claim(
      { kind: "Service name", name },
      name,
      () =>
        `Service name "${name}" is used twice in the ${this.environmentName} gateway; expected unique service names.`,
    );
  }

  claimUpstream(name: string): void {
    this.claim(
      { kind: "Upstream name", name },
      name,
      () =>
        `Upstream name "${name}" is used twice in the ${this.environmentName} gateway; expected unique upstream names.`,
    );
  }

  /** Kong route names are unique across services. */
  claimRouteName(name: string, service: string): void {
    this.claim(
      { kind: "Route name", name },
      service,
      (owner) =>
        `Route name "${name}" is used twice (services ${owner} and ${service}); expected unique route names.`,
    );
  }

  /** A route's match: Kong could not tell two routes of the environment that match alike apart. */
  claimRouteMatch(route: IConstruct, match: RouteMatch): void {
    const collision = this.props.environment.routes.add(match);
    if (collision !== undefined) throw new ValidationError(collision, route);
  }

  /** A consumer twice in one gateway is the construct tree's to refuse (one id per parent). */
  claimConsumer(name: string): void {
    this.assertSharedStack(`Consumer ${name}`, "consumers");
    this.props.environment.claim(this.scope, { kind: "Consumer", name }, this.props.stack);
  }

  /** The server names a certificate holds; Kong presents one certificate per SNI. */
  claimSnis(certificate: string, snis: readonly string[]): void {
    for (const name of snis)
      this.claim(
        { kind: "Certificate SNI", name },
        certificate,
        (owner) =>
          `Certificate SNI "${name}" is used twice (certificates ${owner} and ${certificate}); expected each server name on one certificate.`,
      );
  }

  /** Throws unless this gateway is in the environment's shared stack, where `what` belongs. */
  assertSharedStack(what: string, kinds: "consumers" | "global plugins"): void {
    if (!this.props.shared)
      throw new ValidationError(
        `${what} is declared in stack ${this.props.stack}; expected it in the shared stack ${this.environmentName}, as ${kinds} belong to the whole environment.`,
        this.scope,
      );
  }

  private get environmentName(): string {
    return this.props.environment.environment;
  }

  /** Records `what` for `holder`; `twice` words the refusal when this gateway holds it already. */
  private claim(
    what: EnvironmentWideName,
    holder: string,
    twice: (holder: string) => string,
  ): void {
    const key = `${what.kind}\u0000${what.name}`;
    const previous = this.holders.get(key);
    if (previous !== undefined) throw new ValidationError(twice(previous), this.scope);
    this.props.environment.claim(this.scope, what, this.props.stack);
    this.holders.set(key, holder);
  }
}
