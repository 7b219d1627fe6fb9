import { Token } from "cdktf";
import { Construct } from "constructs";
import type { ExemptibleRule } from "../guardrails";
import { exemptionsOf } from "./exemptions";
import { ValidationError } from "../common";
import { urlCredentials } from "../secrets";
import { service as kongService } from "../provider";
import {
  KONG_PROTOCOLS,
  type ServiceProtocol,
  assertIntegerInRange,
  assertName,
  assertOneOf,
} from "./checks";
import { Certificate } from "./certificate";
import { Duration } from "./duration";
import { assertIdFree, gatewayOf, type IGateway } from "./gateway-scope";
import { assertNoPluginNamed, KongPlugin } from "./plugin";
import { UncheckedPlugin, type UncheckedPluginConfig } from "./unchecked-plugin";
import type { PluginConfigs, PluginName } from "../plugins";
import { Route, type IService, type RouteOptions } from "./route";
import { Upstream, type UpstreamOptions } from "./upstream";
import { Identity } from "./identity";
import { Logging } from "./logging";
import { attachRateLimit, type RateLimit } from "./rate-limit";
import { refuseAdminCredential, terraformLiterals } from "./terraform-literals";
import { formerIdOf, keepInPlace } from "./renames";

/** Protocols Kong 3.9 accepts for a service. */
export const SERVICE_PROTOCOLS = KONG_PROTOCOLS;
export type { ServiceProtocol };

const DEFAULT_PORTS: Partial<Record<ServiceProtocol, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
};

export interface ServiceOptions {
  /**
   * Where Kong proxies to, e.g. `http://orders.internal:8080/api`. Give either `url` or `upstream`.
   * @default none
   */
  readonly url?: string;
  /**
   * Load-balance over targets instead of one `url`: the service's own upstream, or one shared
   * by services (`gateway.addUpstream`). @default none
   */
  readonly upstream?: UpstreamOptions | Upstream;
  /** @default 60 seconds (Kong's default) */
  readonly connectTimeout?: Duration;
  /** @default 60 seconds */
  readonly readTimeout?: Duration;
  /** @default 60 seconds */
  readonly writeTimeout?: Duration;
  /** @default 5 */
  readonly retries?: number;
  /** Tags after the ownership tags. @default none */
  readonly tags?: readonly string[];
  /** How callers of every route authenticate; a route may set its own. @default none */
  readonly identity?: Identity;
  /** A limit shared by all routes of the service. @default none */
  readonly rateLimit?: RateLimit;
  /** Request logging for every route. @default none */
  readonly logging?: Logging;
  /**
   * The certificate Kong presents to the upstream (mutual TLS); Kong allows it only on an
   * https, wss or tls service. @default none
   */
  readonly clientCertificate?: Certificate;
  /**
   * The name this service had before, when renaming it: Terraform then updates it (and its
   * plugins, routes and upstream) in place through `moved` blocks, instead of destroying it and creating it
   * again, which leaves a moment without it. Remove the option once the rename is deployed
   * everywhere. @default none (a new service)
   */
  readonly renamedFrom?: string;
}

/** The protocols on which Kong lets a service present a client certificate. */
const CLIENT_CERTIFICATE_PROTOCOLS: readonly ServiceProtocol[] = ["https", "wss", "tls"];

interface Endpoint {
  readonly protocol: ServiceProtocol;
  readonly host: string;
  readonly port: number;
  readonly path?: string;
}

/** A Kong service: where requests go, with its routes. */
export class Service extends Construct implements IService {
  readonly name: string;
  readonly gateway: IGateway;
  readonly upstream?: Upstream;
  readonly identity?: Identity;
  readonly rateLimit?: RateLimit;
  private cachedId?: string;
  /** @internal The guardrails this service is exempt from, with their reasons. */
  readonly _exemptions = exemptionsOf(this, `Service ${this.node.id}`);
  /** The L1 resource, for escape hatches. */
  readonly resource: kongService.Service;

  constructor(scope: Construct, id: string, options: ServiceOptions) {
    // As in aws-cdk: the service joins the tree first, so that every refusal carries its path; a
    // refusal ends the app, which never synthesizes the half-built service.
    // Only the name is checked and claimed first, naming the gateway: the tree would refuse a bad
    // or taken one itself, in words of its own.
    const gateway = gatewayOf(scope);
    assertName(scope, "Service name", id);
    gateway._names.claimService(id);
    assertIdFree(scope, "Service", id);
    super(scope, id);
    keepInPlace(this, formerIdOf(`Service ${id}`, id, options.renamedFrom, this), `Service ${id}`);
    checkServiceOptions(this, id, options);
    this.name = id;
    this.gateway = gateway;
    let endpoint: Endpoint;
    if (options.upstream) {
      this.upstream =
        options.upstream instanceof Upstream
          ? options.upstream
          : new Upstream(this, "upstream", {
              ...options.upstream,
              name: `${id}.upstream`,
              where: `Service ${id} upstream`,
              ownerTags: [`service:${id}`],
            });
      endpoint = this.upstream.endpoint;
    } else endpoint = parseServiceUrl(this, id, options.url as string);
    if (options.clientCertificate && !CLIENT_CERTIFICATE_PROTOCOLS.includes(endpoint.protocol)) {
      throw new ValidationError(
        `Service ${id} presents client certificate ${options.clientCertificate.name} over ${endpoint.protocol}; expected an https, wss or tls service, as Kong allows a client certificate only there.`,
        this,
      );
    }
    this.resource = new kongService.Service(
      this,
      "service",
      terraformLiterals(this, `Service ${id}`, {
        name: id,
        protocol: endpoint.protocol,
        host: endpoint.host,
        port: endpoint.port,
        path: endpoint.path,
        connectTimeout: timeoutMs(this, "connectTimeout", options.connectTimeout),
        readTimeout: timeoutMs(this, "readTimeout", options.readTimeout),
        writeTimeout: timeoutMs(this, "writeTimeout", options.writeTimeout),
        retries: options.retries,
        clientCertificateId: options.clientCertificate?.certificateId,
        tags: this.gateway.tags([`service:${id}`, ...(options.tags ?? [])]),
      }),
    );
    const target = { serviceId: this.serviceId, on: `service ${id}`, tags: [`service:${id}`] };
    this.identity = options.identity;
    options.identity?._attach(this, target);
    this.rateLimit = options.rateLimit;
    if (options.rateLimit) attachRateLimit(this, target, options.rateLimit);
    options.logging?._attach(this, target);
  }

  /**
   * Exempts this service from one guardrail, with the reason in words (required): the routes of the service is
   * then never refused for that rule, and every synth shows the exemption and its reason; the
   * review reads it from the resource's `"//"` comment. `no-secret-literals` is never exempt.
   * Returns the service.
   */
  exempt(rule: ExemptibleRule, reason: string): this {
    this._exemptions.add(rule, reason);
    return this;
  }

  /** Kong's id of this service, resolved at apply time. */
  get serviceId(): string {
    // One token for every use: each read of `resource.id` makes a new one, with a stack trace.
    return (this.cachedId ??= this.resource.id);
  }

  /**
   * Adds any Kong plugin to every route of this service, its config checked against Kong's
   * schema; the guardrails count it for each route that has no plugin of that name itself.
   */
  addPlugin<N extends PluginName>(name: N, config: PluginConfigs[N]): KongPlugin<N> {
    assertNoPluginNamed(this, name, `service ${this.name}`);
    return new KongPlugin(this, name, {
      name,
      config,
      serviceId: this.serviceId,
      on: `service ${this.name}`,
    });
  }

  /**
   * Adds a plugin outside Kong's catalogue (a custom plugin your team deploys) to every route of
   * this service, unchecked: its config goes to Kong as given, and synth warns, naming it.
   */
  addUncheckedPlugin(name: string, config: UncheckedPluginConfig): UncheckedPlugin {
    assertNoPluginNamed(this, name, `service ${this.name}`);
    return new UncheckedPlugin(this, name, {
      name,
      config,
      serviceId: this.serviceId,
      on: `service ${this.name}`,
    });
  }

  addRoute(name: string, options: RouteOptions): Route {
    return new Route(this, name, options);
  }

  get routes(): Route[] {
    return this.node.children.filter((c): c is Route => c instanceof Route);
  }
}

/** The props' types (JavaScript callers can pass anything) and what needs no construct. */
function checkServiceOptions(service: Service, id: string, options: ServiceOptions): void {
  const where = `Service ${id}`;
  if ((options.url === undefined) === (options.upstream === undefined)) {
    throw new ValidationError(
      `${where} needs exactly one of url or upstream; got ${options.url !== undefined ? "both" : "neither"}.`,
      service,
    );
  }
  if (options.url !== undefined) parseServiceUrl(service, id, options.url);
  if (options.retries !== undefined)
    assertIntegerInRange(service, `${where} retries`, options.retries, 0, 32767);
}

function parseServiceUrl(construct: Service, service: string, url: string): Endpoint {
  if (typeof url === "string" && Token.isUnresolved(url)) {
    // A reference cannot be checked as a URL, and `new URL` would percent-encode it into text.
    refuseAdminCredential(url, `Service ${service} url`, construct);
    throw new ValidationError(
      `Service ${service} url holds a Terraform reference (a cdktf token); expected a literal URL, which synth checks and splits into protocol, host, port and path.`,
      construct,
    );
  }
  // Checked before anything that echoes the URL, so that a credential never reaches a message.
  const credentials = typeof url === "string" ? urlCredentials(url) : undefined;
  if (credentials) {
    throw new ValidationError(
      `Service ${service} url carries credentials (${credentials}); expected a URL without credentials.`,
      construct,
    );
  }
  const explicitPort = /^[a-z]+:\/\/[^/:]+:(\d+)/i.exec(url)?.[1];
  if (explicitPort !== undefined)
    assertIntegerInRange(construct, `Service ${service} port`, Number(explicitPort), 1, 65535);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(
      `Service ${service} url "${url}" is not a URL; expected e.g. http://orders.internal:8080.`,
      construct,
    );
  }
  const protocol = parsed.protocol.replace(/:$/, "");
  assertOneOf(construct, `Service ${service} protocol`, protocol, SERVICE_PROTOCOLS);
  if (parsed.search || parsed.hash) {
    throw new ValidationError(
      `Service ${service} url "${url}" has a query or fragment; expected protocol, host, port and path only (a Kong service has no query).`,
      construct,
    );
  }
  const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[protocol];
  if (port === undefined) {
    throw new ValidationError(
      `Service ${service} url "${url}" has no port; expected an explicit port for ${protocol}.`,
      construct,
    );
  }
  assertIntegerInRange(construct, `Service ${service} port`, port, 1, 65535);
  const urlPath = parsed.pathname && parsed.pathname !== "/" ? parsed.pathname : undefined;
  return { protocol, host: parsed.hostname, port, path: urlPath };
}

function timeoutMs(
  service: Service,
  what: string,
  duration: Duration | undefined,
): number | undefined {
  if (duration === undefined) return undefined;
  const ms = duration.toMilliseconds();
  assertIntegerInRange(
    service,
    `Service ${service.node.id} ${what} in milliseconds`,
    ms,
    1,
    2147483646,
  );
  return ms;
}
