import { diffAttributes } from "./diff";
import { referencedAddress, strings, type Entity } from "./entities";
import type { AttributeChange, Json, JsonObject } from "./model";

/**
 * Renames: an entity removed at one address and added at another that Kong knows as the same
 * one (its name, or what it matches). Terraform destroys and creates it unless a `moved` block
 * (cdktf's `moveFromId`, the constructs' `renamedFrom`) says the new address is the old one.
 */

const OWNERS = ["route_id", "service_id", "consumer_id", "upstream_id"];

/** The address of what a plugin or credential belongs to. */
export function ownerOf(entity: Entity): string | undefined {
  return OWNERS.map((k) => referencedAddress(entity.body[k])).find((a) => a !== undefined);
}

/** `route`, `service`, `plugin`… for sentences. */
export function noun(type: string): string {
  return type.replace(/^kong_/, "").replace(/_/g, " ");
}

function text(value: Json | undefined): string {
  return Array.isArray(value)
    ? [...strings(value)].sort().join(",")
    : JSON.stringify(value ?? null);
}

/** The keys Kong knows an entity by: its name, and what it matches (routes, services). */
function identities(entity: Entity): string[] {
  const b: JsonObject = entity.body;
  const named = (v: Json | undefined) =>
    typeof v === "string" ? [`${entity.type}|name|${v}`] : [];
  switch (entity.type) {
    case "kong_route": {
      const service = strings(b.tags).find((t) => t.startsWith("service:")) ?? "";
      const match = ["methods", "paths", "hosts", "snis", "headers", "protocols"]
        .map((k) => text(b[k]))
        .join("|");
      return [...named(b.name), `${entity.type}|match|${service}|${match}`];
    }
    case "kong_service": {
      const match = ["protocol", "host", "port", "path", "url"].map((k) => text(b[k])).join("|");
      return [...named(b.name), `${entity.type}|match|${match}`];
    }
    case "kong_consumer":
      return [
        ...named(b.username),
        ...(typeof b.custom_id === "string" ? [`custom|${b.custom_id}`] : []),
      ];
    case "kong_upstream":
    case "kong_certificate":
      return named(b.name);
    default:
      return [];
  }
}

export interface Rename {
  readonly old: Entity;
  readonly moved: boolean;
}

/**
 * Pairs removals with additions that are the same Kong entity. `moves` maps a head address to
 * the base address its `moved` block names. Plugins and credentials follow their owner: those
 * of a renamed route pair up by plugin name (or credential type).
 */
export function pairRenames(
  removed: readonly Entity[],
  added: readonly Entity[],
  moves: ReadonlyMap<string, string>,
): { byNew: Map<Entity, Rename>; byOld: Set<Entity> } {
  const byNew = new Map<Entity, Rename>();
  const byOld = new Set<Entity>();
  const pair = (neu: Entity, old: Entity, moved: boolean) => {
    byNew.set(neu, { old, moved });
    byOld.add(old);
  };
  const free = (e: Entity) => !byOld.has(e);
  // Same address in another stack is a stack move, handled by the caller.
  const candidates = (e: Entity) =>
    removed.filter((r) => free(r) && r.type === e.type && r.address !== e.address);
  for (const e of added) {
    const from = moves.get(e.address);
    const old = from === undefined ? undefined : candidates(e).find((r) => r.address === from);
    if (old) pair(e, old, true);
  }
  for (const e of added) {
    if (byNew.has(e)) continue;
    const keys = new Set(identities(e));
    if (keys.size === 0) continue;
    const old = candidates(e).find((r) => identities(r).some((k) => keys.has(k)));
    if (old) pair(e, old, false);
  }
  // Owners renamed: their plugins and credentials pair up too.
  const renamedOwner = new Map<string, string>();
  for (const [neu, { old }] of byNew) renamedOwner.set(neu.address, old.address);
  for (const e of added) {
    if (byNew.has(e)) continue;
    const owner = ownerOf(e);
    const oldOwner = owner === undefined ? undefined : renamedOwner.get(owner);
    if (oldOwner === undefined) continue;
    const old = candidates(e).find(
      (r) => ownerOf(r) === oldOwner && (r.body.name ?? null) === (e.body.name ?? null),
    );
    if (old) pair(e, old, moves.get(e.address) === old.address);
  }
  return { byNew, byOld };
}

const KEY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  kong_route: ["methods", "paths", "hosts", "snis", "protocols", "strip_path"],
  kong_service: ["protocol", "host", "port", "path", "url"],
  kong_upstream: ["name", "algorithm"],
  kong_target: ["target", "weight"],
  kong_consumer: ["username", "custom_id"],
  kong_consumer_acl: ["group"],
  kong_certificate: ["snis"],
};
/** At most this many of a plugin's config leaves are shown for an added plugin. */
const PLUGIN_LEAVES = 12;

/** What a reviewer needs to see of an added entity: what it matches, where it goes, how it is set. */
export function keyAttributes(entity: Entity): AttributeChange[] {
  const all = diffAttributes({}, entity.presented);
  if (entity.type === "kong_plugin")
    return all
      .filter(
        (a) =>
          a.path === "name" ||
          (a.path === "enabled" && a.to === false) ||
          (a.path.startsWith("config_json") && a.to !== null),
      )
      .slice(0, PLUGIN_LEAVES);
  const keys = KEY_ATTRIBUTES[entity.type] ?? ["name"];
  return all.filter((a) => keys.includes(a.path.replace(/[.[].*$/, "")));
}
