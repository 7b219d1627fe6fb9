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
function stackPlugins(stack: TerraformStack): StackPlugin[] {
  const resolve = (value: unknown): unknown =>
    Tokenization.resolve(value, { scope: stack, resolver: RESOLVER });
  // A route's plugins share its id token, and plugin names repeat: each string resolved once.
  const resolvedText = new Map<string, unknown>();
  const resolveField = (value: unknown): unknown => {
    if (typeof value !== "string") return value === undefined ? undefined : resolve(value);
    let resolved = resolvedText.get(value);
    if (resolved === undefined && !resolvedText.has(value))
      resolvedText.set(value, (resolved = resolve(value)));
    return resolved;
  };
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
            name: resolveField(resource.nameInput),
            route_id: resolveField(resource.routeIdInput),
            service_id: resolveField(resource.serviceIdInput),
            consumer_id: resolveField(resource.consumerIdInput),
            enabled: resolveField(resource.enabledInput as boolean | IResolvable | undefined),
          };
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      const name = text(fields.name);
      const config = (): unknown => {
        if (construct?._isConfigAsChecked) return construct.config;
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
  /**
   * The plugins that run for every caller (not scoped to a consumer, switched on, named), by the
   * route or service reference they are scoped to, and the global ones: indexed once, so that
   * judging a route costs its own plugins, not every plugin of the stack.
   */
  private readonly byRoute = new Map<string, StackPlugin[]>();
  private readonly byService = new Map<string, StackPlugin[]>();
  private readonly global: StackPlugin[] = [];
  /** Resolved references by token: a service's is asked for once per route. */
  private readonly references = new Map<string, string>();

  constructor(readonly stack: TerraformStack) {
    this.plugins = stackPlugins(stack);
    for (const plugin of this.plugins) {
      if (plugin.consumerId !== undefined || !plugin.enabled || plugin.name === undefined) continue;
      if (plugin.routeId !== undefined) push(this.byRoute, plugin.routeId, plugin);
      else if (plugin.serviceId !== undefined) push(this.byService, plugin.serviceId, plugin);
      else this.global.push(plugin);
    }
  }

  /** The reference by which a plugin names an entity, from the entity's id: `${kong_route.x.id}`. */
  reference(id: string): string {
    let reference = this.references.get(id);
    if (reference === undefined) {
      reference = String(Tokenization.resolve(id, { scope: this.stack, resolver: RESOLVER }));
      this.references.set(id, reference);
    }
    return reference;
  }

  /**
   * The plugins Kong runs for a route, by name, for every caller: the route's own, else its
   * service's, else a global one (Kong's precedence), in that order. Plugins scoped to a consumer, switched
   * off, or whose name is known only at plan time do not count.
   */
  effectivePlugins(route: Route): ReadonlyMap<string, StackPlugin> {
    const effective = new Map<string, StackPlugin>();
    const levels = [
      this.byRoute.get(this.reference(route.routeId)) ?? [],
      this.byService.get(this.reference(route.service.serviceId)) ?? [],
      this.global,
    ];
    // The first of a name at the most precise level wins; the route's own come first.
    for (const level of levels) {
      for (const plugin of level) {
        if (!effective.has(plugin.name!)) effective.set(plugin.name!, plugin);
      }
    }
    return effective;
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
