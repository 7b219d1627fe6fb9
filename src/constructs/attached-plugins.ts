import {
  DefaultTokenResolver,
  StringConcat,
  TerraformStack,
  Tokenization,
  type IResolvable,
} from "cdktf";
import type { PluginName } from "../plugins";
import { plugin as kongPlugin } from "../provider";
import { KongPlugin } from "./plugin";
import type { Route } from "./route";
import { hasOverrides } from "./secret";

/** Kong's authentication plugins among those this project ships schemas for. */
export const IDENTITY_PLUGINS: readonly PluginName[] = ["jwt", "key-auth", "openid-connect"];
export const RATE_LIMIT_PLUGINS: readonly PluginName[] = ["rate-limiting"];
/** Plugins that validate request bodies when added by hand (the `validate` option adds its own). */
export const REQUEST_VALIDATION_PLUGINS: readonly PluginName[] = ["request-validator"];

// The resolver cdktf synthesizes with: references become `${kong_route.x.id}`.
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Where a plugin runs, as Terraform will see it; references as `${kong_route.x.id}`. */
export interface StackPlugin {
  /** The L1 resource, however it was made. */
  readonly resource: kongPlugin.Plugin;
  /** The KongPlugin that made it, when one did. */
  readonly construct?: KongPlugin<PluginName>;
  /** The plugin's name; undefined when known only at plan time. */
  readonly name?: string;
  readonly routeId?: string;
  readonly serviceId?: string;
  readonly consumerId?: string;
  /** False when it is switched off, or may be (`enabled` known only at plan time, `count`, `for_each`). */
  readonly enabled: boolean;
  /** Its config as Kong gets it; undefined when that is not JSON until plan time. */
  config(): unknown;
}

/** Which entities a plugin is attached to, for messages and duplicates. */
function scopeKey(p: StackPlugin): string {
  return `${p.routeId ?? ""}\u0000${p.serviceId ?? ""}\u0000${p.consumerId ?? ""}`;
}

/**
 * Every `kong_plugin` of the stack, however it was made (`addPlugin`, an option, or a raw L1
 * `plugin.Plugin`), with what it is attached to resolved as Terraform will see it. Only those
 * fields are resolved (a config may hold large Lua chunks), unless an override changed the
 * resource, which is then resolved whole.
 */
export function stackPlugins(stack: TerraformStack): StackPlugin[] {
  const resolve = (value: unknown): unknown =>
    Tokenization.resolve(value, { scope: stack, resolver: RESOLVER });
  return stack.node
    .findAll()
    .filter((c): c is kongPlugin.Plugin => c instanceof kongPlugin.Plugin)
    .filter((resource) => TerraformStack.of(resource) === stack)
    .map((resource) => {
      const owner = resource.node.scope;
      const construct =
        owner instanceof KongPlugin && owner.resource === resource ? owner : undefined;
      const fields: Record<string, unknown> = hasOverrides(resource)
        ? terraformBody(resolve(resource.toTerraform()))
        : {
            name: resolve(resource.nameInput),
            route_id: resolve(resource.routeIdInput),
            service_id: resolve(resource.serviceIdInput),
            consumer_id: resolve(resource.consumerIdInput),
            enabled: resolve(resource.enabledInput as boolean | IResolvable | undefined),
          };
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      const name = text(fields.name);
      const config = (): unknown => {
        if (construct?.isConfigAsChecked) return construct.config;
        const json =
          "config_json" in fields ? fields.config_json : resolve(resource.configJsonInput);
        try {
          return typeof json === "string" ? (JSON.parse(json) as unknown) : undefined;
        } catch {
          return undefined;
        }
      };
      return {
        resource,
        construct,
        // A name with an expression in it is known only at plan time.
        name: name !== undefined && !name.includes("${") ? name : undefined,
        routeId: text(fields.route_id),
        serviceId: text(fields.service_id),
        consumerId: text(fields.consumer_id),
        enabled:
          (fields.enabled === undefined || fields.enabled === true) &&
          resource.count === undefined &&
          resource.forEach === undefined,
        config,
      };
    });
}

/** The attribute block of the one resource in a resolved `toTerraform()`. */
function terraformBody(json: unknown): Record<string, unknown> {
  const blocks = (json as { resource?: Record<string, Record<string, unknown>> }).resource;
  const body = Object.values(blocks?.kong_plugin ?? {})[0];
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
}

/** The plugins of a stack, indexed for the routes' guardrails. */
export class StackPluginIndex {
  readonly plugins: readonly StackPlugin[];

  constructor(readonly stack: TerraformStack) {
    this.plugins = stackPlugins(stack);
  }

  /** The reference by which a plugin names an entity, from the entity's id: `${kong_route.x.id}`. */
  reference(id: string): string {
    return String(Tokenization.resolve(id, { scope: this.stack, resolver: RESOLVER }));
  }

  /**
   * The plugins Kong runs for a route, by name, for every caller: the route's own, else its
   * service's, else a global one (Kong's precedence), in that order. Plugins scoped to a consumer, switched
   * off, or whose name is known only at plan time do not count.
   */
  effectivePlugins(route: Route): ReadonlyMap<string, StackPlugin> {
    const routeRef = this.reference(route.resource.id);
    const serviceRef = this.reference(route.service.resource.id);
    const rank = (p: StackPlugin): number | undefined => {
      if (p.consumerId !== undefined || !p.enabled || p.name === undefined) return undefined;
      if (p.routeId !== undefined) return p.routeId === routeRef ? 0 : undefined;
      if (p.serviceId !== undefined) return p.serviceId === serviceRef ? 1 : undefined;
      return 2;
    };
    const best = new Map<string, { plugin: StackPlugin; rank: number }>();
    for (const plugin of this.plugins) {
      const r = rank(plugin);
      if (r === undefined || plugin.name === undefined) continue;
      const held = best.get(plugin.name);
      if (!held || r < held.rank) best.set(plugin.name, { plugin, rank: r });
    }
    // The route's own first, then its service's, then global ones.
    const ranked = [...best].sort(([, a], [, b]) => a.rank - b.rank);
    return new Map(ranked.map(([name, { plugin }]) => [name, plugin]));
  }

  /** Pairs of plugins of one name on the same entities: Kong refuses the second at apply. */
  duplicates(): Array<[StackPlugin, StackPlugin]> {
    const seen = new Map<string, StackPlugin>();
    const out: Array<[StackPlugin, StackPlugin]> = [];
    for (const plugin of this.plugins) {
      if (plugin.name === undefined) continue;
      const key = `${plugin.name}\u0000${scopeKey(plugin)}`;
      const first = seen.get(key);
      if (first) out.push([first, plugin]);
      else seen.set(key, plugin);
    }
    return out;
  }
}
