import { Construct } from "constructs";
import type { ExemptibleRule, Exemptions } from "../guardrails";
import { exemptionsOf } from "./exemptions";
import type { PluginConfigs, PluginName } from "../plugins";
import { ValidationError } from "../common";
import { route as kongRoute } from "../provider";
import { checkRouteRegex, type RouteMatch } from "../router";
import { KONG_PROTOCOLS, type KongProtocol, assertName, assertUnique, shown } from "./checks";
import { Identity, type PluginTarget } from "./identity";
import { Logging } from "./logging";
import { assertNoPluginNamed, KongPlugin } from "./plugin";
import { UncheckedPlugin, type UncheckedPluginConfig } from "./unchecked-plugin";
import { attachRateLimit, type RateLimit } from "./rate-limit";
import type { IGateway } from "./gateway-scope";
import { attachValidation, type ResolvedValidation, type RouteValidation } from "./validation";
import { terraformLiterals } from "./terraform-literals";
import { formerIdOf, keepInPlace } from "./renames";

/** Protocols Kong 3.9 accepts on a route. */
export const ROUTE_PROTOCOLS = KONG_PROTOCOLS;
export type RouteProtocol = KongProtocol;

export const HTTP_METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  "TRACE",
  "CONNECT",
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Methods whose requests carry no body: request validation would refuse every one. */
const NO_BODY_METHODS: readonly string[] = ["GET", "HEAD", "OPTIONS", "DELETE"];
const REDIRECT_CODES = [301, 302, 307, 308, 426];
const HOST_PATTERN =
  /^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.\*)?(:\d{1,5})?$/;

export interface RouteOptions {
  /** Path prefixes (`/orders`) or regexes (`~/orders/\d+$`). Give paths, hosts or both. @default none */
  readonly paths?: readonly string[];
  /** Host names, one wildcard label allowed at either end. @default none */
  readonly hosts?: readonly string[];
  /** @default every method */
  readonly methods?: readonly HttpMethod[];
  /** @default ["https"] in production environments, ["http", "https"] elsewhere */
  readonly protocols?: readonly RouteProtocol[];
  /** Remove the matched path prefix before proxying. @default true (Kong's default) */
  readonly stripPath?: boolean;
  /** Send the client's Host header upstream. @default false */
  readonly preserveHost?: boolean;
  /** Status for plain-HTTP requests to an HTTPS-only route. @default 426 */
  readonly httpsRedirectStatusCode?: number;
  /** Tags after the ownership tags. @default none */
  readonly tags?: readonly string[];
  /** How callers authenticate. @default the service's identity */
  readonly identity?: Identity;
  /** Roles (ACL groups) allowed to call the route; needs an identity. @default any authenticated caller */
  readonly roles?: readonly string[];
  /** @default the service's limit, if any */
  readonly rateLimit?: RateLimit;
  /** Validate request and response bodies against contracts pinned in the environment. @default none */
  readonly validate?: RouteValidation;
  /** Request logging for this route. @default the service's logging */
  readonly logging?: Logging;
  /**
   * The name this route had before, when renaming it: Terraform then updates it (and its
   * plugins) in place through `moved` blocks, instead of destroying it and creating it
   * again, which leaves a moment without it. Remove the option once the rename is deployed
   * everywhere. @default none (a new route)
   */
  readonly renamedFrom?: string;
}

/**
 * What a route needs of its service: `Service` implements it, and route.ts imports this
 * interface instead of the Service class, which imports the Route class.
 */
export interface IService extends Construct {
  readonly name: string;
  readonly gateway: IGateway;
  /** Kong's id of the service, resolved at apply time. */
  readonly serviceId: string;
  /** The service's identity, which its routes inherit. */
  readonly identity?: Identity;
  /** The limit shared by all routes of the service. */
  readonly rateLimit?: RateLimit;
  /** @internal The guardrails the service is exempt from, with their reasons. */
  readonly _exemptions: Exemptions;
  addRoute(name: string, options: RouteOptions): Route;
}

/** A Kong route: which requests reach a service. */
export class Route extends Construct {
  readonly name: string;
  readonly service: IService;
  readonly protocols: readonly RouteProtocol[];
  readonly methods: readonly HttpMethod[];
  readonly paths: readonly string[];
  private cachedId?: string;
  /** @internal The guardrails this route is exempt from, with their reasons. */
  readonly _exemptions = exemptionsOf(this, `Route ${this.node.id}`);
  /** The L1 resource, for escape hatches. */
  readonly resource: kongRoute.Route;
  /** The identity in force: the route's own or its service's. */
  readonly identity?: Identity;
  readonly roles: readonly string[];
  /** The rate limit in force: the route's own or its service's. */
  readonly rateLimit?: RateLimit;
  /** What the route validates, with the pinned versions. */
  readonly validation?: ResolvedValidation;
  /** The tags that name this route and its service on each of its entities, plugins included. */
  private readonly ownerTags: readonly string[];

  constructor(scope: IService, id: string, options: RouteOptions) {
    // As in aws-cdk: the route joins the tree first, so that every refusal carries its path; a
    // refusal ends the app, which never synthesizes the half-built route.
    // Only the name is checked and claimed first, naming the gateway: the tree would refuse a bad
    // one itself.
    assertName(scope, "Route name", id);
    scope.gateway._names.claimRouteName(id, scope.name);
    super(scope, id);
    keepInPlace(this, formerIdOf(`Route ${id}`, id, options.renamedFrom, this), `Route ${id}`);
    const match = routeMatchOf(this, scope, id, options);
    scope.gateway._names.claimRouteMatch(this, match);
    this.name = id;
    this.service = scope;
    this.paths = match.paths;
    this.methods = match.methods as readonly HttpMethod[];
    this.protocols = match.protocols as readonly RouteProtocol[];
    this.ownerTags = [`service:${scope.name}`, `route:${id}`];
    this.resource = new kongRoute.Route(
      this,
      "route",
      terraformLiterals(this, `Route ${id}`, {
        name: id,
        serviceId: scope.serviceId,
        protocols: [...this.protocols],
        paths: this.paths.length ? [...this.paths] : undefined,
        hosts: match.hosts.length ? [...match.hosts] : undefined,
        methods: this.methods.length ? [...this.methods] : undefined,
        stripPath: options.stripPath ?? true,
        preserveHost: options.preserveHost ?? false,
        httpsRedirectStatusCode: options.httpsRedirectStatusCode,
        tags: scope.gateway.tags([...this.ownerTags, ...(options.tags ?? [])]),
      }),
    );
    const target = { routeId: this.routeId, on: `route ${id}`, tags: this.ownerTags };
    const inherited = scope.identity;
    if (options.identity && inherited && options.identity.plugin !== inherited.plugin) {
      // A route-level plugin replaces only a service-level plugin of the same name.
      throw new ValidationError(
        `Route ${id} sets identity ${options.identity.plugin} but service ${scope.name} uses ${inherited.plugin}, and Kong would demand both; expected the service's identity or none on the service.`,
        this,
      );
    }
    this.identity = options.identity ?? inherited;
    options.identity?._attach(this, target);
    this.roles = [...(options.roles ?? [])];
    if (this.roles.length > 0) this.attachRoles(target);
    this.rateLimit = options.rateLimit ?? scope.rateLimit;
    if (options.rateLimit) attachRateLimit(this, target, options.rateLimit);
    if (options.validate)
      this.validation = attachValidation(this, target, scope.gateway.environment, options.validate);
    options.logging?._attach(this, target);
  }

  /**
   * Adds any Kong plugin to this route, its config checked against Kong's schema. The guardrails
   * judge it like the options' plugins: a `key-auth` added here is the route's identity.
   */
  addPlugin<N extends PluginName>(name: N, config: PluginConfigs[N]): KongPlugin<N> {
    assertNoPluginNamed(this, name, `route ${this.name}`);
    return new KongPlugin(this, name, {
      name,
      config,
      routeId: this.routeId,
      on: `route ${this.name}`,
      tags: this.ownerTags,
    });
  }

  /**
   * Adds a plugin outside Kong's catalogue (a custom plugin your team deploys) to this route,
   * unchecked: its config goes to Kong as given, and synth warns, naming it.
   */
  addUncheckedPlugin(name: string, config: UncheckedPluginConfig): UncheckedPlugin {
    assertNoPluginNamed(this, name, `route ${this.name}`);
    return new UncheckedPlugin(this, name, {
      name,
      config,
      routeId: this.routeId,
      on: `route ${this.name}`,
      tags: this.ownerTags,
    });
  }

  private attachRoles(target: PluginTarget): void {
    const where = `Route ${this.name}`;
    if (!this.identity) {
      throw new ValidationError(
        `${where} allows roles ${this.roles.join(", ")} but has no identity; expected an identity on the route or its service.`,
        this,
      );
    }
    assertUnique(this, `${where} roles`, this.roles);
    const _roleMap = this.service.gateway._roleMap;
    _roleMap.assertKnown(this, where, this.roles);
    // Token-based identities carry the IdP's groups; consumers carry role names as ACLs.
    const allow = this.identity.groupsFromToken ? _roleMap.idpGroups(this.roles) : [...this.roles];
    new KongPlugin(this, "acl", {
      ...target,
      name: "acl",
      config: {
        allow,
        hide_groups_header: true,
        always_use_authenticated_groups: this.identity.groupsFromToken,
      },
    });
  }

  /**
   * Exempts this route from one guardrail, with the reason in words (required): the route is
   * then never refused for that rule, and every synth shows the exemption and its reason; the
   * review reads it from the resource's `"//"` comment. `no-secret-literals` is never exempt.
   * Returns the route.
   */
  exempt(rule: ExemptibleRule, reason: string): this {
    this._exemptions.add(rule, reason);
    return this;
  }

  /** Kong's id of this route, resolved at apply time. */
  get routeId(): string {
    // One token for every use: each read of `resource.id` makes a new one, with a stack trace.
    return (this.cachedId ??= this.resource.id);
  }
}

/**
 * The route's matching attributes, checked: its name, the props' types (JavaScript callers can
 * pass anything) and values. Nothing is registered or created; a refusal names the route.
 */
function routeMatchOf(
  route: Route,
  scope: IService,
  id: string,
  options: RouteOptions,
): RouteMatch {
  const where = `Route ${id}`;

  const paths = [...(options.paths ?? [])];
  const hosts = [...(options.hosts ?? [])];
  if (paths.length === 0 && hosts.length === 0) {
    throw new ValidationError(
      `${where} has no paths and no hosts; expected at least one path (e.g. "/orders") or host.`,
      route,
    );
  }
  for (const path of paths) {
    if (!path.startsWith("/") && !path.startsWith("~/")) {
      throw new ValidationError(
        `${where} path "${path}" is invalid; expected a prefix starting with "/" or a regex starting with "~/".`,
        route,
      );
    }
    const problem = path.startsWith("~") ? checkRouteRegex(path.slice(1)) : undefined;
    if (problem) {
      throw new ValidationError(
        `${where} path "${path}" is not a regex Kong accepts: at offset ${problem.index} of the regex, ${problem.message}.`,
        route,
      );
    }
  }
  for (const host of hosts) {
    if (!HOST_PATTERN.test(host))
      throw new ValidationError(
        `${where} host "${host}" is not a host name; expected e.g. api.example.com or *.example.com.`,
        route,
      );
  }
  const methods = [...(options.methods ?? [])];
  if (
    options.validate?.request !== undefined &&
    methods.length > 0 &&
    methods.every((m) => NO_BODY_METHODS.includes(m))
  ) {
    // Every request would fail validation of its missing body: Kong would answer 400 to all.
    throw new ValidationError(
      `${where} validates request bodies but accepts only ${methods.join(", ")}, which carry none; expected a method that takes a body (POST, PUT or PATCH) or no request validation.`,
      route,
    );
  }
  const protocols = [
    ...(options.protocols ??
      (scope.gateway.environment.production ? ["https"] : ["http", "https"])),
  ];
  if (protocols.length === 0)
    throw new ValidationError(
      `${where} has no protocols; expected at least one, e.g. "https".`,
      route,
    );
  assertUnique(route, `${where} paths`, paths);
  assertUnique(route, `${where} methods`, methods);
  assertUnique(route, `${where} protocols`, protocols);
  const redirect: unknown = options.httpsRedirectStatusCode;
  if (redirect !== undefined && !REDIRECT_CODES.includes(redirect as number)) {
    throw new ValidationError(
      `${where} httpsRedirectStatusCode ${shown(redirect)} is not supported; expected one of: ${REDIRECT_CODES.join(", ")}.`,
      route,
    );
  }
  return { name: id, service: scope.name, protocols, methods, hosts, paths };
}
