import { ValidationError } from "../common";
import { Construct } from "constructs";
import { target as kongTarget, upstream as kongUpstream } from "../provider";
import { assertIntegerInRange, assertUnique, type ServiceProtocol } from "./checks";
import type { Duration } from "./duration";
import { gatewayOf } from "./gateway-scope";
import { terraformLiterals } from "./terraform-literals";

export interface UpstreamTarget {
  /** `host:port` or `ip:port` of one instance. */
  readonly target: string;
  /** Share of traffic, 0 (drained) to 65535. @default 100 */
  readonly weight?: number;
}

/** What Kong hashes on to pick a target consistently. */
export type UpstreamHashOn = "none" | "consumer" | "ip" | "header" | "cookie" | "path";
/** The protocols of Kong's health-check probes. */
export type HealthCheckType = "http" | "https" | "tcp" | "grpc" | "grpcs";

/** Kong probing each target on its own: a target is healthy or not by the probes' answers. */
export interface ActiveHealthCheck {
  /** @default "http" */
  readonly type?: HealthCheckType;
  /** @default "/" */
  readonly httpPath?: string;
  /** SNI of https probes. @default the target's host */
  readonly httpsSni?: string;
  /** @default true */
  readonly httpsVerifyCertificate?: boolean;
  /** @default 1 second */
  readonly timeout?: Duration;
  /** Probes in parallel. @default 10 */
  readonly concurrency?: number;
  /** Probing healthy targets; without an interval they are not probed. */
  readonly healthy?: {
    readonly interval?: Duration;
    readonly successes?: number;
    readonly httpStatuses?: readonly number[];
  };
  /** Probing unhealthy targets; without an interval they are not probed. */
  readonly unhealthy?: {
    readonly interval?: Duration;
    readonly httpFailures?: number;
    readonly tcpFailures?: number;
    readonly timeouts?: number;
    readonly httpStatuses?: readonly number[];
  };
}

/** Kong judging targets by the proxied traffic (circuit breaker). */
export interface PassiveHealthCheck {
  /** @default "http" */
  readonly type?: HealthCheckType;
  readonly healthy?: { readonly successes?: number; readonly httpStatuses?: readonly number[] };
  readonly unhealthy?: {
    readonly httpFailures?: number;
    readonly tcpFailures?: number;
    readonly timeouts?: number;
    readonly httpStatuses?: readonly number[];
  };
}

export interface UpstreamHealthChecks {
  /** @default none */
  readonly active?: ActiveHealthCheck;
  /** @default none */
  readonly passive?: PassiveHealthCheck;
}

export interface UpstreamOptions {
  /** The instances behind the service. At least one. */
  readonly targets: readonly UpstreamTarget[];
  /** @default "http" */
  readonly protocol?: ServiceProtocol;
  /** Path prefix on the targets. @default none */
  readonly path?: string;
  /** Consistent hashing input. @default "none" (round robin) */
  readonly hashOn?: UpstreamHashOn;
  /** Header to hash on when hashOn is "header". @default none */
  readonly hashOnHeader?: string;
  /** Cookie to hash on when hashOn or hashFallback is "cookie" (Kong sets it). @default none */
  readonly hashOnCookie?: string;
  /** Path of that cookie. @default "/" */
  readonly hashOnCookiePath?: string;
  /** What to hash on when hashOn's value is missing; "none" when hashing on a cookie. @default "none" */
  readonly hashFallback?: UpstreamHashOn;
  /** Header to fall back to when hashFallback is "header". @default none */
  readonly hashFallbackHeader?: string;
  /** Slots of the load balancer's ring, 10 to 65536. @default 10000 */
  readonly slots?: number;
  /** Host header sent to the targets. @default the target's host */
  readonly hostHeader?: string;
  /** Active and passive health checks of the targets. @default none */
  readonly healthChecks?: UpstreamHealthChecks;
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * Kong's value rules of an upstream (its schema's entity checks): what it hashes on must be named,
 * a cookie hash has no fallback, ranges of slots and of the health checks' counters. A refusal
 * carries the path of `upstream`.
 */
function checkUpstreamRules(upstream: Upstream, where: string, o: UpstreamOptions): void {
  const hashOn = o.hashOn ?? "none";
  const fallback = o.hashFallback ?? "none";
  const refuse = (problem: string): never => {
    throw new ValidationError(`${where} ${problem}.`, upstream);
  };
  if (hashOn === "header" && !o.hashOnHeader)
    refuse("hashes on a header but names none; expected hashOnHeader");
  if (fallback === "header" && !o.hashFallbackHeader)
    refuse("falls back to a header but names none; expected hashFallbackHeader");
  if ((hashOn === "cookie" || fallback === "cookie") && !o.hashOnCookie)
    refuse("hashes on a cookie but names none; expected hashOnCookie, the cookie Kong sets");
  if (hashOn === "none" && fallback !== "none")
    refuse(
      `falls back to ${fallback} without hashing; expected hashFallback "none" with hashOn "none"`,
    );
  if (hashOn === "cookie" && fallback !== "none")
    refuse(
      `falls back to ${fallback} from a cookie, which Kong always sets; expected hashFallback "none"`,
    );
  if (fallback !== "none" && fallback === hashOn && hashOn !== "header")
    refuse(`falls back to ${fallback}, what it hashes on already; expected another fallback`);
  if (hashOn === "header" && fallback === "header" && o.hashOnHeader === o.hashFallbackHeader)
    refuse(`falls back to header ${o.hashOnHeader}, the one it hashes on; expected another header`);
  if (o.slots !== undefined) assertIntegerInRange(upstream, `${where} slots`, o.slots, 10, 65536);
  if (o.hostHeader !== undefined && !HOST.test(o.hostHeader))
    refuse(`hostHeader "${o.hostHeader}" is not a host name; expected e.g. orders.internal`);
  const active = o.healthChecks?.active;
  const passive = o.healthChecks?.passive;
  for (const [name, check] of [
    ["active", active],
    ["passive", passive],
  ] as const) {
    const counters = { ...check?.healthy, ...check?.unhealthy } as Record<string, unknown>;
    for (const counter of ["successes", "httpFailures", "tcpFailures", "timeouts"]) {
      const value = counters[counter];
      if (value !== undefined)
        assertIntegerInRange(
          upstream,
          `${where} ${name} health check ${counter}`,
          value as number,
          0,
          255,
        );
    }
    for (const status of [
      ...(check?.healthy?.httpStatuses ?? []),
      ...(check?.unhealthy?.httpStatuses ?? []),
    ])
      assertIntegerInRange(upstream, `${where} ${name} health check HTTP status`, status, 100, 999);
  }
  if (active) {
    if (active.concurrency !== undefined)
      assertIntegerInRange(
        upstream,
        `${where} active health check concurrency`,
        active.concurrency,
        1,
        2 ** 31,
      );
    for (const interval of [active.healthy?.interval, active.unhealthy?.interval]) {
      if (interval !== undefined)
        assertIntegerInRange(
          upstream,
          `${where} active health check interval (seconds)`,
          interval.toSeconds(),
          0,
          65535,
        );
    }
    if (!active.healthy?.interval?.toSeconds() && !active.unhealthy?.interval?.toSeconds())
      refuse(
        "has an active health check without an interval, so Kong would never probe; expected healthy.interval or unhealthy.interval",
      );
  }
}

/** A shared upstream's options (`gateway.addUpstream`). */
export interface SharedUpstreamOptions extends UpstreamOptions {
  /**
   * The name this upstream had before, when renaming it: Terraform then updates it and its
   * targets in place through `moved` blocks, instead of destroying it and creating it again.
   * Remove the option once the rename is deployed everywhere. @default none (a new upstream)
   */
  readonly renamedFrom?: string;
}

export interface UpstreamProps extends UpstreamOptions {
  /** Kong's name of the upstream, the host services point to. */
  readonly name: string;
  /** What the upstream belongs to in messages, e.g. "Service orders upstream". */
  readonly where: string;
  /** Ownership tags after the environment's, e.g. `service:orders`. */
  readonly ownerTags: readonly string[];
}

/**
 * A load-balanced upstream and its targets: a service's own (`<service>.upstream`), or one a
 * gateway shares between services (`gateway.addUpstream`).
 */
export class Upstream extends Construct {
  readonly name: string;
  readonly resource: kongUpstream.Upstream;
  private readonly protocol: ServiceProtocol;
  private readonly path?: string;

  constructor(scope: Construct, id: string, props: UpstreamProps) {
    // As in aws-cdk: the upstream joins the tree first, so that every refusal carries its path.
    super(scope, id);
    const where = props.where;
    checkUpstreamRules(this, where, props);
    this.name = props.name;
    this.protocol = props.protocol ?? "http";
    this.path = props.path;
    if (props.targets.length === 0) {
      throw new ValidationError(`${where} has no targets; expected at least one host:port.`, this);
    }
    assertUnique(
      this,
      `${where} targets`,
      props.targets.map((t) => t.target),
    );
    const gateway = gatewayOf(this);
    const tags = gateway.tags([...props.ownerTags]);
    this.resource = new kongUpstream.Upstream(
      this,
      "upstream",
      terraformLiterals(this, where, {
        name: this.name,
        hashOn: props.hashOn,
        hashOnHeader: props.hashOnHeader,
        hashOnCookie: props.hashOnCookie,
        hashOnCookiePath: props.hashOnCookiePath,
        hashFallback: props.hashFallback,
        hashFallbackHeader: props.hashFallbackHeader,
        slots: props.slots,
        hostHeader: props.hostHeader,
        healthchecks: props.healthChecks && healthchecksOf(props.healthChecks),
        tags,
      }),
    );
    for (const t of props.targets) {
      if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(t.target)) {
        throw new ValidationError(
          `${where} target "${t.target}" is not host:port; expected e.g. orders-1.internal:8080.`,
          this,
        );
      }
      const weight = t.weight ?? 100;
      assertIntegerInRange(this, `${where} target ${t.target} weight`, weight, 0, 65535);
      new kongTarget.Target(
        this,
        `target-${t.target}`,
        terraformLiterals(this, `${where} target ${t.target}`, {
          upstreamId: this.resource.id,
          target: t.target,
          weight,
          tags,
        }),
      );
    }
  }

  /** Where a service points: the upstream's virtual host. */
  get endpoint(): { protocol: ServiceProtocol; host: string; port: number; path?: string } {
    return {
      protocol: this.protocol,
      host: this.name,
      port: this.protocol === "https" ? 443 : 80,
      path: this.path,
    };
  }
}

/** The provider's healthchecks block: durations in seconds, lists copied. */
function healthchecksOf(checks: UpstreamHealthChecks): kongUpstream.UpstreamHealthchecks {
  const { active, passive } = checks;
  const list = (statuses?: readonly number[]) => (statuses ? [...statuses] : undefined);
  return {
    active: active && {
      type: active.type,
      httpPath: active.httpPath,
      httpsSni: active.httpsSni,
      httpsVerifyCertificate: active.httpsVerifyCertificate,
      timeout: active.timeout?.toSeconds(),
      concurrency: active.concurrency,
      healthy: active.healthy && {
        interval: active.healthy.interval?.toSeconds(),
        successes: active.healthy.successes,
        httpStatuses: list(active.healthy.httpStatuses),
      },
      unhealthy: active.unhealthy && {
        interval: active.unhealthy.interval?.toSeconds(),
        httpFailures: active.unhealthy.httpFailures,
        tcpFailures: active.unhealthy.tcpFailures,
        timeouts: active.unhealthy.timeouts,
        httpStatuses: list(active.unhealthy.httpStatuses),
      },
    },
    passive: passive && {
      type: passive.type,
      healthy: passive.healthy && {
        successes: passive.healthy.successes,
        httpStatuses: list(passive.healthy.httpStatuses),
      },
      unhealthy: passive.unhealthy && {
        httpFailures: passive.unhealthy.httpFailures,
        tcpFailures: passive.unhealthy.tcpFailures,
        timeouts: passive.unhealthy.timeouts,
        httpStatuses: list(passive.unhealthy.httpStatuses),
      },
    },
  };
}
