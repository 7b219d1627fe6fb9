import { IDENTITY_PLUGINS as CATALOG_IDENTITY_PLUGINS } from "../catalog";
import type { Entity } from "./entities";
import { isObject, strings } from "./entities";
import type { EntityRisk, Json, JsonObject } from "./model";
import { parsePluginConfig } from "./plugin-config";
import { Whole, type Presented } from "./present";

/**
 * What a change risks. Tightening something clients reach today (a removal, an identity, ACL,
 * limit or validation put in front of an EXISTING route, a route that stops matching) breaks
 * them; weakening a protection (identity, ACL, validation removed, a plugin disabled) breaks no
 * client but is what a reviewer must see first. The same plugins on a route that did not exist
 * before break nobody: no client calls it yet.
 */

/** The catalogue's identity plugins: each refuses a request without its credential. */
const IDENTITY_PLUGINS: ReadonlySet<string> = new Set(CATALOG_IDENTITY_PLUGINS);

const REMOVAL: Readonly<Record<string, string>> = {
  kong_route: "route removed: requests it matched are no longer routed",
  kong_service: "service removed: its routes stop proxying",
  kong_upstream: "upstream removed: services that name it stop proxying",
  kong_consumer: "consumer removed: its credentials stop working",
  kong_consumer_key_auth: "key-auth credential removed: clients using it are refused",
  kong_consumer_jwt_auth: "JWT credential removed: tokens it verified are refused",
  kong_consumer_basic_auth: "basic-auth credential removed: clients using it are refused",
  kong_consumer_oauth2: "OAuth2 application removed: its clients are refused",
  kong_consumer_acl: "ACL group removed from a consumer: routes allowing only that group refuse it",
  kong_certificate: "certificate removed: TLS clients of its SNIs fail",
};

/** Risk kinds that break clients working today: an entity with one is destructive. */
export const BREAKING: ReadonlySet<EntityRisk["kind"]> = new Set([
  "removed",
  "destructive",
  "rate-limit",
  "new-state",
]);

/** Route lists where an empty list matches anything (so emptying one widens the route). */
const ROUTE_MATCHES = ["paths", "hosts", "methods", "snis"];
/** Route lists a request must match one entry of. */
const ROUTE_LISTS = [...ROUTE_MATCHES, "protocols"];
/** The rate-limiting plugin's windows, shortest first. */
const WINDOWS = ["second", "minute", "hour", "day", "month", "year"];

function missing(before: Json | undefined, after: Json | undefined): string[] {
  const now = new Set(strings(after));
  return strings(before).filter((v) => !now.has(v));
}

function isEmpty(value: Json | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

function pluginConfig(entity: Entity): JsonObject | undefined {
  if (typeof entity.body.config_json !== "string") return undefined;
  const parsed = parsePluginConfig(entity.body.config_json);
  return isObject(parsed) ? parsed : undefined;
}

function pluginName(entity: Entity): string | undefined {
  return entity.type === "kong_plugin" && typeof entity.body.name === "string"
    ? entity.body.name
    : undefined;
}

/** What a plugin is on, as people name it. */
function target(entity: Entity): string {
  return entity.label.replace(/^.* on /, "");
}

function enabled(entity: Entity): boolean {
  return entity.body.enabled !== false;
}

/** The validation contract a validator chunk of this plugin enforces, if any. */
function validation(entity: Entity): JsonObject | undefined {
  if (pluginName(entity) === "request-validator")
    return { validates: "request", subject: "a JSON Schema" };
  const config = entity.presented.config_json;
  const found: JsonObject[] = [];
  const walk = (value: Presented | undefined): void => {
    if (value instanceof Whole) {
      if (
        isObject(value.value) &&
        typeof value.value.validates === "string" &&
        value.value.validates !== "request-log"
      )
        found.push(value.value);
    } else if (Array.isArray(value)) (value as readonly Presented[]).forEach(walk);
    else if (value !== null && typeof value === "object")
      Object.values(value as Readonly<Record<string, Presented>>).forEach(walk);
  };
  walk(config);
  return found[0];
}

function validationPhrase(v: JsonObject): string {
  return typeof v.version === "number"
    ? `${String(v.validates)} against ${String(v.subject)} v${v.version}`
    : `${String(v.validates)} against ${String(v.subject)}`;
}

function limits(entity: Entity): Map<string, number> {
  const config = pluginConfig(entity);
  const out = new Map<string, number>();
  for (const w of WINDOWS) {
    const v = config?.[w];
    if (typeof v === "number") out.set(w, v);
  }
  return out;
}

function limitPhrase(entity: Entity): string {
  return [...limits(entity)].map(([w, n]) => `${n}/${w}`).join(", ") || "no window set";
}

/** Whether the plugin's owner (route, service, consumer; the environment for a global one) is in `side`. */
export type Presence = (address: string | undefined) => boolean;

/** The risks of an entity that exists only in the head. */
export function additionRisks(
  entity: Entity,
  owner: string | undefined,
  existed: Presence,
): EntityRisk[] {
  const name = pluginName(entity);
  // A plugin on something new (or a new environment) meets no client yet.
  if (!name || !enabled(entity) || !existed(owner)) return [];
  const on = target(entity);
  const tightened = (message: string): EntityRisk[] => [{ kind: "destructive", message }];
  if (IDENTITY_PLUGINS.has(name))
    return tightened(
      `identity ${name} added on existing ${on}: requests without its credentials are refused (before: no ${name}; after: ${name} required)`,
    );
  if (name === "acl")
    return tightened(
      `ACL added on existing ${on}: consumers outside ${strings(pluginConfig(entity)?.allow).join(", ") || "its groups"} are refused (before: no ACL)`,
    );
  if (name === "rate-limiting")
    return tightened(
      `rate limit added on existing ${on}: ${limitPhrase(entity)} (before: unlimited)`,
    );
  const v = validation(entity);
  if (v)
    return tightened(
      `validation added on existing ${on}: ${validationPhrase(v)}; requests that do not conform are refused (before: not validated)`,
    );
  return [];
}

/** The risks of an entity that exists only in the base; `remains` says whether its owner stays. */
export function removalRisks(
  entity: Entity,
  owner: string | undefined,
  remains: Presence,
): EntityRisk[] {
  const why = REMOVAL[entity.type];
  if (why) {
    if (entity.type === "kong_route") {
      const what = [...strings(entity.body.methods), ...strings(entity.body.paths)].join(" ");
      return [{ kind: "removed", message: what ? `${why} (${what})` : why }];
    }
    return [{ kind: "removed", message: why }];
  }
  const name = pluginName(entity);
  // A plugin leaving with its route is part of that route's removal.
  if (!name || !enabled(entity) || !remains(owner)) return [];
  const on = target(entity);
  if (IDENTITY_PLUGINS.has(name))
    return [
      {
        kind: "weakened",
        message: `identity ${name} removed from ${on}: requests are no longer authenticated by it (before: ${name} required; after: none)`,
      },
    ];
  if (name === "acl")
    return [
      {
        kind: "weakened",
        message: `ACL removed from ${on}: any consumer is let through (before: only ${strings(pluginConfig(entity)?.allow).join(", ") || "its groups"})`,
      },
    ];
  if (name === "rate-limiting")
    return [
      {
        kind: "weakened",
        message: `rate limit removed from ${on} (before: ${limitPhrase(entity)}; after: unlimited)`,
      },
    ];
  const v = validation(entity);
  if (v)
    return [
      {
        kind: "weakened",
        message: `validation removed from ${on} (before: ${validationPhrase(v)}; after: not validated)`,
      },
    ];
  return [];
}

function percent(from: number, to: number): string {
  return from === 0 ? "" : ` (−${Math.round(((from - to) / from) * 100)}%)`;
}

/** The risks of an entity in both revisions. */
export function changeRisks(before: Entity, after: Entity): EntityRisk[] {
  const out: EntityRisk[] = [];
  const tightened = (message: string) => out.push({ kind: "destructive", message });
  const weakened = (message: string) => out.push({ kind: "weakened", message });
  if (after.type === "kong_route") {
    for (const attribute of ROUTE_LISTS) {
      const gone = missing(before.body[attribute], after.body[attribute]);
      const widened = ROUTE_MATCHES.includes(attribute) && isEmpty(after.body[attribute]);
      if (gone.length > 0 && !widened)
        tightened(`${attribute} no longer matched: ${gone.join(", ")}`);
    }
    for (const attribute of [...ROUTE_MATCHES, "header"]) {
      if (isEmpty(before.body[attribute]) && !isEmpty(after.body[attribute]))
        tightened(
          `${attribute} restricted: the route matched any and now only ${describe(after.body[attribute])}`,
        );
    }
  }
  const name = pluginName(after);
  if (!name) return out;
  const on = target(after);
  if (enabled(before) && !enabled(after)) {
    out.push({ kind: "plugin-disabled", message: `plugin ${name} disabled on ${on}` });
    return out;
  }
  if (!enabled(before) && enabled(after)) {
    const risks = additionRisks(after, undefined, () => true);
    out.push(
      ...risks.map((r) => ({
        ...r,
        message: r.message.replace(" added on existing ", " enabled on existing "),
      })),
    );
    return out;
  }
  if (name === "acl") {
    const a = pluginConfig(before);
    const b = pluginConfig(after);
    const gone = missing(a?.allow, b?.allow);
    if (gone.length > 0 && !isEmpty(b?.allow))
      tightened(
        `ACL on ${on} no longer allows: ${gone.join(", ")} (before: ${strings(a?.allow).join(", ")}; after: ${strings(b?.allow).join(", ")})`,
      );
    const denied = missing(b?.deny, a?.deny);
    if (denied.length > 0) tightened(`ACL on ${on} now denies: ${denied.join(", ")}`);
    const allowed = missing(b?.allow, a?.allow);
    if (allowed.length > 0 && !isEmpty(a?.allow))
      weakened(
        `ACL on ${on} now also allows: ${allowed.join(", ")} (before: ${strings(a?.allow).join(", ")})`,
      );
    const undenied = missing(a?.deny, b?.deny);
    if (undenied.length > 0) weakened(`ACL on ${on} no longer denies: ${undenied.join(", ")}`);
  }
  if (before.body.name !== after.body.name && IDENTITY_PLUGINS.has(name))
    tightened(`identity changed to ${name}: clients' current credentials are refused`);
  if (IDENTITY_PLUGINS.has(name))
    for (const field of ["key_names", "header_names", "uri_param_names", "cookie_names"]) {
      const gone = missing(pluginConfig(before)?.[field], pluginConfig(after)?.[field]);
      if (gone.length > 0)
        tightened(`${name} no longer reads credentials from ${field}: ${gone.join(", ")}`);
    }
  if (name === "rate-limiting") {
    const a = limits(before);
    const b = limits(after);
    for (const [window, to] of b) {
      const from = a.get(window);
      if (from === undefined)
        tightened(`rate limit on ${on}: a ${window} window added, ${to}/${window} (before: none)`);
      else if (to < from)
        out.push({
          kind: "rate-limit",
          message: `rate limit on ${on} lowered by ${from - to}${percent(from, to)}: ${from}/${window} → ${to}/${window}`,
        });
    }
  }
  const va = validation(before);
  const vb = validation(after);
  if (va && !vb)
    weakened(
      `validation removed from ${on} (before: ${validationPhrase(va)}; after: not validated)`,
    );
  if (!va && vb)
    tightened(
      `validation added on existing ${on}: ${validationPhrase(vb)} (before: not validated)`,
    );
  if (va && vb) {
    if (va.mode === "enforce" && vb.mode !== "enforce")
      weakened(
        `validation on ${on} no longer enforced (before: enforce; after: ${String(vb.mode)})`,
      );
    if (va.unknownFields === "rejected" && vb.unknownFields === "allowed")
      weakened(`validation on ${on} now lets unknown fields through (before: rejected)`);
    if (va.mode !== "enforce" && vb.mode === "enforce")
      tightened(
        `validation on ${on} now enforced: requests that do not conform are refused (before: ${String(va.mode)})`,
      );
  }
  return out;
}

function describe(value: Json | undefined): string {
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return strings(value).join(", ");
  if (isObject(value)) return Object.keys(value).join(", ");
  return JSON.stringify(value);
}
