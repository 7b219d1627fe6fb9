import type { Entity } from "./entities";
import { isObject, strings } from "./entities";
import type { Json } from "./model";
import { parsePluginConfig } from "./plugin-config";

/**
 * Which changes break clients that work today. A removal of something clients reach, a route
 * that stops matching a path, host, method or protocol it matched, and an identity (or ACL)
 * put in front of a route or service that had none.
 */

/** Plugins that refuse a request without credentials. */
export const IDENTITY_PLUGINS: ReadonlySet<string> = new Set([
  "basic-auth",
  "hmac-auth",
  "jwt",
  "key-auth",
  "ldap-auth",
  "mtls-auth",
  "oauth2",
  "openid-connect",
]);

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

/** Route lists where an empty list matches anything (so emptying one widens the route). */
const ROUTE_MATCHES = ["paths", "hosts", "methods", "snis"];
/** Route lists a request must match one entry of. */
const ROUTE_LISTS = [...ROUTE_MATCHES, "protocols"];

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

function pluginConfig(entity: Entity): Record<string, Json> | undefined {
  if (typeof entity.body.config_json !== "string") return undefined;
  const parsed = parsePluginConfig(entity.body.config_json);
  return isObject(parsed) ? parsed : undefined;
}

export function removalBreaks(entity: Entity): string[] {
  const why = REMOVAL[entity.type];
  if (!why) return [];
  if (entity.type === "kong_route") {
    const what = [...strings(entity.body.methods), ...strings(entity.body.paths)].join(" ");
    return [what ? `${why} (${what})` : why];
  }
  return [why];
}

export function additionBreaks(entity: Entity): string[] {
  if (entity.type !== "kong_plugin" || typeof entity.body.name !== "string") return [];
  const target = entity.label.replace(/^.* on /, "");
  if (IDENTITY_PLUGINS.has(entity.body.name))
    return [
      `identity ${entity.body.name} added on ${target}: requests without its credentials are refused`,
    ];
  if (entity.body.name === "acl")
    return [`ACL added on ${target}: consumers outside its groups are refused`];
  return [];
}

export function changeBreaks(before: Entity, after: Entity): string[] {
  const out: string[] = [];
  if (after.type === "kong_route") {
    for (const attribute of ROUTE_LISTS) {
      const gone = missing(before.body[attribute], after.body[attribute]);
      const widened = ROUTE_MATCHES.includes(attribute) && isEmpty(after.body[attribute]);
      if (gone.length > 0 && !widened)
        out.push(`${attribute} no longer matched: ${gone.join(", ")}`);
    }
    for (const attribute of [...ROUTE_MATCHES, "header"]) {
      if (isEmpty(before.body[attribute]) && !isEmpty(after.body[attribute]))
        out.push(
          `${attribute} restricted: the route matched any and now only ${describe(after.body[attribute])}`,
        );
    }
  }
  if (after.type === "kong_plugin" && after.body.name === "acl") {
    const a = pluginConfig(before);
    const b = pluginConfig(after);
    const gone = missing(a?.allow, b?.allow);
    if (gone.length > 0 && !isEmpty(b?.allow)) out.push(`ACL no longer allows: ${gone.join(", ")}`);
    const denied = missing(b?.deny, a?.deny);
    if (denied.length > 0) out.push(`ACL now denies: ${denied.join(", ")}`);
  }
  if (after.type === "kong_plugin" && typeof after.body.name === "string") {
    if (before.body.name !== after.body.name && IDENTITY_PLUGINS.has(after.body.name))
      out.push(`identity changed to ${after.body.name}: clients' current credentials are refused`);
    for (const field of ["key_names", "header_names", "uri_param_names", "cookie_names"]) {
      const gone = missing(pluginConfig(before)?.[field], pluginConfig(after)?.[field]);
      if (IDENTITY_PLUGINS.has(after.body.name) && gone.length > 0)
        out.push(
          `${after.body.name} no longer reads credentials from ${field}: ${gone.join(", ")}`,
        );
    }
  }
  return out;
}

function describe(value: Json | undefined): string {
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return strings(value).join(", ");
  if (isObject(value)) return Object.keys(value).join(", ");
  return JSON.stringify(value);
}
