import { UserError } from "../common";
import { Construct } from "constructs";
import { target as kongTarget, upstream as kongUpstream } from "../provider";
import {
  assertIntegerInRange,
  assertObject,
  assertOneOf,
  assertOptionalString,
  assertString,
  assertUnique,
  kindOf,
} from "./checks";
import { Gateway } from "./gateway";
import { SERVICE_PROTOCOLS, type ServiceProtocol } from "./service";

export interface UpstreamTarget {
  /** `host:port` or `ip:port` of one instance. */
  readonly target: string;
  /** Share of traffic, 0 (drained) to 65535. @default 100 */
  readonly weight?: number;
}

export interface UpstreamOptions {
  /** The instances behind the service. At least one. */
  readonly targets: readonly UpstreamTarget[];
  /** @default "http" */
  readonly protocol?: ServiceProtocol;
  /** Path prefix on the targets. @default none */
  readonly path?: string;
  /** Consistent hashing input. @default "none" (round robin) */
  readonly hashOn?: "none" | "consumer" | "ip" | "header" | "cookie" | "path";
  /** Header to hash on when hashOn is "header". @default none */
  readonly hashOnHeader?: string;
}

const HASH_ON = ["none", "consumer", "ip", "header", "cookie", "path"] as const;

/** The options' types (JavaScript callers can pass anything), checked before anything is built. */
export function checkUpstreamOptions(service: string, options: UpstreamOptions): void {
  const where = `Service ${service} upstream`;
  assertObject(where, options);
  const targets: unknown = options.targets;
  if (!Array.isArray(targets))
    throw new UserError(
      `${where} targets is ${kindOf(targets)}; expected an array of { target: "host:port" }.`,
    );
  targets.forEach((t: unknown, index) => {
    assertObject(`${where} targets[${index}]`, t);
    assertString(`${where} targets[${index}] target`, (t as UpstreamTarget).target);
  });
  if (options.protocol !== undefined)
    assertOneOf(`${where} protocol`, options.protocol, SERVICE_PROTOCOLS);
  assertOptionalString(`${where} path`, options.path);
  if (options.hashOn !== undefined) assertOneOf(`${where} hashOn`, options.hashOn, HASH_ON);
  assertOptionalString(`${where} hashOnHeader`, options.hashOnHeader);
}

/** A load-balanced upstream and its targets, named `<service>.upstream`. */
export class Upstream extends Construct {
  readonly name: string;
  readonly resource: kongUpstream.Upstream;
  private readonly protocol: ServiceProtocol;
  private readonly path?: string;

  constructor(
    scope: Construct,
    id: string,
    options: UpstreamOptions & { readonly serviceName: string },
  ) {
    checkUpstreamOptions(options.serviceName, options);
    super(scope, id);
    const service = options.serviceName;
    this.name = `${service}.upstream`;
    this.protocol = options.protocol ?? "http";
    this.path = options.path;
    assertOneOf(`Service ${service} upstream protocol`, this.protocol, SERVICE_PROTOCOLS);
    if (options.targets.length === 0) {
      throw new UserError(
        `Service ${service} upstream has no targets; expected at least one host:port.`,
      );
    }
    assertUnique(
      `Service ${service} upstream targets`,
      options.targets.map((t) => t.target),
    );
    if (options.hashOn === "header" && !options.hashOnHeader) {
      throw new UserError(
        `Service ${service} upstream hashes on a header but names none; expected hashOnHeader.`,
      );
    }
    const gateway = Gateway.of(this);
    this.resource = new kongUpstream.Upstream(this, "upstream", {
      name: this.name,
      hashOn: options.hashOn,
      hashOnHeader: options.hashOnHeader,
      tags: gateway.tags([`service:${service}`]),
    });
    for (const t of options.targets) {
      if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(t.target)) {
        throw new UserError(
          `Service ${service} upstream target "${t.target}" is not host:port; expected e.g. orders-1.internal:8080.`,
        );
      }
      const weight = t.weight ?? 100;
      assertIntegerInRange(
        `Service ${service} upstream target ${t.target} weight`,
        weight,
        0,
        65535,
      );
      new kongTarget.Target(this, `target-${t.target}`, {
        upstreamId: this.resource.id,
        target: t.target,
        weight,
        tags: gateway.tags([`service:${service}`]),
      });
    }
  }

  /** Where the service points: the upstream's virtual host. */
  get endpoint(): { protocol: ServiceProtocol; host: string; port: number; path?: string } {
    return {
      protocol: this.protocol,
      host: this.name,
      port: this.protocol === "https" ? 443 : 80,
      path: this.path,
    };
  }
}
