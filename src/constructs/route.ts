import { Construct } from "constructs";
import { route as kongRoute } from "../provider";
import { assertIntegerInRange, assertOneOf, assertUnique } from "./checks";
import type { Service } from "./service";

/** Protocols Kong 3.9 accepts on a route. */
export const ROUTE_PROTOCOLS = [
  "grpc",
  "grpcs",
  "http",
  "https",
  "tcp",
  "tls",
  "tls_passthrough",
  "udp",
  "ws",
  "wss",
] as const;
export type RouteProtocol = (typeof ROUTE_PROTOCOLS)[number];

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
}

/** A Kong route: which requests reach a service. */
export class Route extends Construct {
  readonly name: string;
  readonly service: Service;
  readonly protocols: readonly RouteProtocol[];
  readonly methods: readonly HttpMethod[];
  readonly paths: readonly string[];
  /** The L1 resource, for escape hatches. */
  readonly resource: kongRoute.Route;

  constructor(scope: Service, id: string, options: RouteOptions) {
    scope.gateway.registerRoute(id, scope.name);
    super(scope, id);
    this.name = id;
    this.service = scope;
    const where = `Route ${id}`;

    this.paths = [...(options.paths ?? [])];
    const hosts = [...(options.hosts ?? [])];
    if (this.paths.length === 0 && hosts.length === 0) {
      throw new Error(
        `${where} has no paths and no hosts; expected at least one path (e.g. "/orders") or host.`,
      );
    }
    for (const path of this.paths) {
      if (!path.startsWith("/") && !path.startsWith("~/")) {
        throw new Error(
          `${where} path "${path}" is invalid; expected a prefix starting with "/" or a regex starting with "~/".`,
        );
      }
    }
    for (const host of hosts) {
      if (!HOST_PATTERN.test(host))
        throw new Error(
          `${where} host "${host}" is not a host name; expected e.g. api.example.com or *.example.com.`,
        );
    }
    this.methods = [...(options.methods ?? [])];
    for (const method of this.methods) assertOneOf(`${where} method`, method, HTTP_METHODS);
    this.protocols = [
      ...(options.protocols ??
        (scope.gateway.environment.production ? ["https"] : ["http", "https"])),
    ];
    if (this.protocols.length === 0)
      throw new Error(`${where} has no protocols; expected at least one, e.g. "https".`);
    for (const protocol of this.protocols)
      assertOneOf(`${where} protocol`, protocol, ROUTE_PROTOCOLS);
    assertUnique(`${where} paths`, this.paths);
    assertUnique(`${where} methods`, this.methods);
    assertUnique(`${where} protocols`, this.protocols);
    const redirect = options.httpsRedirectStatusCode;
    if (redirect !== undefined && !REDIRECT_CODES.includes(redirect)) {
      throw new Error(
        `${where} httpsRedirectStatusCode ${redirect} is not supported; expected one of: ${REDIRECT_CODES.join(", ")}.`,
      );
    }
    if (redirect !== undefined)
      assertIntegerInRange(`${where} httpsRedirectStatusCode`, redirect, 300, 499);

    this.resource = new kongRoute.Route(this, "route", {
      name: id,
      serviceId: scope.serviceId,
      protocols: [...this.protocols],
      paths: this.paths.length ? [...this.paths] : undefined,
      hosts: hosts.length ? hosts : undefined,
      methods: this.methods.length ? [...this.methods] : undefined,
      stripPath: options.stripPath ?? true,
      preserveHost: options.preserveHost ?? false,
      httpsRedirectStatusCode: redirect,
      tags: scope.gateway.tags([`service:${scope.name}`, `route:${id}`, ...(options.tags ?? [])]),
    });
  }

  /** Kong's id of this route, resolved at apply time. */
  get routeId(): string {
    return this.resource.id;
  }
}
