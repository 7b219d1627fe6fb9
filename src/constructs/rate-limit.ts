import { ValidationError } from "../common";
import { shown } from "./checks";
import type { Construct } from "constructs";
import type { PluginConfigs } from "../plugins";
import { KongPlugin } from "./plugin";
import type { PluginTarget } from "./identity";

type RateLimitingConfig = PluginConfigs["rate-limiting"];

export interface RateLimit {
  /** @default no per-second limit */
  readonly perSecond?: number;
  /** @default no per-minute limit */
  readonly perMinute?: number;
  /** @default no per-hour limit */
  readonly perHour?: number;
  /** @default no per-day limit */
  readonly perDay?: number;
  /** Whom a counter belongs to. @default "consumer" (Kong falls back to the client IP for anonymous calls) */
  readonly limitBy?: NonNullable<RateLimitingConfig["limit_by"]>;
  /** Where counters live. @default "local" (per node; no shared store needed) */
  readonly policy?: "local" | "cluster";
}

/** Adds a rate-limiting plugin for `limit` on `target`; a refusal carries the path of `scope`. */
export function attachRateLimit(
  scope: Construct,
  target: PluginTarget,
  limit: RateLimit,
): KongPlugin<"rate-limiting"> {
  const windows = {
    second: limit.perSecond,
    minute: limit.perMinute,
    hour: limit.perHour,
    day: limit.perDay,
  };
  if (Object.values(windows).every((v) => v === undefined)) {
    throw new ValidationError(
      `Rate limit on ${target.on} sets no window; expected at least one of perSecond, perMinute, perHour, perDay.`,
      scope,
    );
  }
  for (const [window, value] of Object.entries(windows)) {
    if (
      value !== undefined &&
      (typeof value !== "number" || !Number.isInteger(value) || value <= 0)
    ) {
      throw new ValidationError(
        `Rate limit on ${target.on} per ${window} is ${shown(value)}; expected a whole number above 0.`,
        scope,
      );
    }
  }
  return new KongPlugin(scope, "rate-limiting", {
    ...target,
    name: "rate-limiting",
    config: {
      ...windows,
      limit_by: limit.limitBy ?? "consumer",
      policy: limit.policy ?? "local",
      fault_tolerant: true,
    },
  });
}
