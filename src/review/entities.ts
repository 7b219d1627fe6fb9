import type { Json, JsonObject, SynthesizedStack } from "./model";
import type { PinnedContracts } from "../validators";
import { presentResource, type Presented } from "./present";

/** One Terraform resource of a synthesized stack: a Kong entity. */
export interface Entity {
  /** `kong_route.kong_orders_create-order_route_CF1220B1`. */
  readonly address: string;
  readonly type: string;
  readonly stack: string;
  readonly body: JsonObject;
  readonly presented: Readonly<Record<string, Presented>>;
  /** Kong's name for it, for people. */
  readonly label: string;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function strings(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function tagValue(body: JsonObject, key: string): string | undefined {
  const tag = strings(body.tags).find((t) => t.startsWith(`${key}:`));
  return tag?.slice(key.length + 1);
}

/** The address a `${kong_x.name.id}` reference points at. */
export function referencedAddress(value: Json | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.id\}$/.exec(value);
  return m?.[1];
}

function ownLabel(type: string, body: JsonObject): string | undefined {
  const name = typeof body.name === "string" ? body.name : undefined;
  switch (type) {
    case "kong_route": {
      const service = tagValue(body, "service");
      const route = tagValue(body, "route") ?? name;
      return service && route ? `${service}/${route}` : route;
    }
    case "kong_consumer":
      return typeof body.username === "string" ? body.username : undefined;
    case "kong_consumer_acl":
      return typeof body.group === "string" ? body.group : undefined;
    case "kong_target":
      return typeof body.target === "string" ? body.target : undefined;
    default:
      return name;
  }
}

const TARGETS = ["route_id", "service_id", "consumer_id", "upstream_id"];

/**
 * Every resource of one environment's stacks, by `stack` + address; `contracts` are the
 * environment's pins in the same revision, which tell avro-kong's chunks from custom Lua.
 */
export function collectEntities(
  stacks: readonly SynthesizedStack[],
  contracts?: PinnedContracts,
): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const stack of stacks) {
    const resources = isObject(stack.config.resource) ? stack.config.resource : {};
    const own = new Map<string, string>();
    const all: Array<{ address: string; type: string; body: JsonObject }> = [];
    for (const [type, instances] of Object.entries(resources)) {
      if (!isObject(instances)) continue;
      for (const [name, body] of Object.entries(instances)) {
        if (!isObject(body)) continue;
        const address = `${type}.${name}`;
        all.push({ address, type, body });
        own.set(address, ownLabel(type, body) ?? address);
      }
    }
    for (const { address, type, body } of all) {
      let label = own.get(address) ?? address;
      // A plugin or credential is named by what it belongs to.
      const owner = TARGETS.map((k) => referencedAddress(body[k])).find((a) => a !== undefined);
      if (type === "kong_plugin")
        label = `${label} on ${owner ? (own.get(owner) ?? owner) : "every request"}`;
      else if (owner && type !== "kong_route" && type !== "kong_service")
        label = `${own.get(owner) ?? owner} ${type.replace(/^kong_(consumer_)?/, "")}${label === address ? "" : ` ${label}`}`;
      out.set(key(stack.name, address), {
        address,
        type,
        stack: stack.name,
        body,
        presented: presentResource(type, body, contracts),
        label,
      });
    }
  }
  return out;
}

function key(stack: string, address: string): string {
  return `${stack}\u0000${address}`;
}
