import { providerSchema } from "../../src/provider";

type Json = Record<string, unknown>;

/** Kong resource types whose entities take tags, from the provider schema. */
export function taggableTypes(): Set<string> {
  const types = new Set<string>();
  for (const provider of Object.values(providerSchema.provider_schemas)) {
    for (const [type, schema] of Object.entries(provider.resource_schemas)) {
      if ((schema.block.attributes as Json).tags) types.add(type);
    }
  }
  return types;
}

function logicalId(reference: unknown, type: string): string | undefined {
  const match = new RegExp(`^\\$\\{${type}\\.([^.}]+)\\.id\\}$`).exec(String(reference));
  return match?.[1];
}

/**
 * Every tag an entity of a synthesized stack lacks, as `type.id lacks tag`: the ownership tags
 * on every taggable entity, and on a plugin the `service:`, `route:` and `consumer:` tags of
 * what it is attached to (a route's plugin names the route's service too).
 */
export function missingOwnershipTags(stack: Json, environment: string): string[] {
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Json>>;
  const taggable = taggableTypes();
  const tagsOf = (type: string, id: string | undefined) =>
    (id === undefined ? [] : (resources[type]?.[id]?.tags ?? [])) as string[];
  const owner = (type: string, id: string | undefined, prefix: string) =>
    tagsOf(type, id).filter((t) => t.startsWith(prefix));
  const missing: string[] = [];
  for (const [type, instances] of Object.entries(resources)) {
    if (!taggable.has(type)) continue;
    for (const [id, body] of Object.entries(instances)) {
      const tags = (body.tags ?? []) as string[];
      const expected = ["managed-by:avro-kong", `environment:${environment}`];
      if (type === "kong_plugin") {
        const route = logicalId(body.route_id, "kong_route");
        const service = logicalId(body.service_id, "kong_service");
        const consumer = logicalId(body.consumer_id, "kong_consumer");
        expected.push(
          ...owner("kong_route", route, "route:"),
          ...owner("kong_route", route, "service:"),
          ...owner("kong_service", service, "service:"),
          ...owner("kong_consumer", consumer, "consumer:"),
        );
      }
      for (const tag of expected)
        if (!tags.includes(tag)) missing.push(`${type}.${id} lacks ${tag}`);
    }
  }
  return missing;
}
