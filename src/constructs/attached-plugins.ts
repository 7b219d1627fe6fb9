import type { IConstruct } from "constructs";
import type { PluginName } from "../plugins";
import { KongPlugin } from "./plugin";
import type { Route } from "./route";

/** Kong's authentication plugins among those this project ships schemas for. */
export const IDENTITY_PLUGINS: readonly PluginName[] = ["jwt", "key-auth", "openid-connect"];
export const RATE_LIMIT_PLUGINS: readonly PluginName[] = ["rate-limiting"];
/** Plugins that validate request bodies when added by hand (the `validate` option adds its own). */
export const REQUEST_VALIDATION_PLUGINS: readonly PluginName[] = ["request-validator"];

/**
 * The plugins Kong runs for a route, by name: those under the route (its options' and
 * `addPlugin`'s), and its service's own where the route has none of that name (a route-level
 * plugin replaces the service-level one of the same name).
 */
export function effectivePlugins(route: Route): ReadonlyMap<PluginName, KongPlugin<PluginName>> {
  const plugins = new Map<PluginName, KongPlugin<PluginName>>();
  for (const p of pluginsUnder(route)) plugins.set(p.pluginName, p);
  const routes = new Set<IConstruct>(route.service.routes);
  for (const p of pluginsUnder(route.service)) {
    const onService = !p.node.scopes.some((s) => routes.has(s));
    if (onService && !plugins.has(p.pluginName)) plugins.set(p.pluginName, p);
  }
  return plugins;
}

function pluginsUnder(scope: IConstruct): KongPlugin<PluginName>[] {
  return scope.node
    .findAll()
    .filter((c): c is KongPlugin<PluginName> => c instanceof KongPlugin && !c.consumerId);
}
