import { Construct } from "constructs";
import { plugin as kongPlugin } from "../provider";
import { gatewayOf } from "./gateway-scope";
import { terraformLiterals } from "./terraform-literals";

/** Where a plugin applies (Kong ids; none for a global plugin) and its tags. */
export interface PluginPlacement {
  readonly routeId?: string;
  readonly serviceId?: string;
  readonly consumerId?: string;
  readonly tags?: readonly string[];
}

/**
 * The `kong_plugin` of a checked or an unchecked plugin: its literal strings escaped for
 * Terraform, `configJson` already written by resolveSecrets (secrets as references); `what`
 * names the plugin in a refusal (`Plugin cors`), which adds the prop and the construct path.
 */
export function writePluginResource(
  scope: Construct,
  what: string,
  name: string,
  placement: PluginPlacement,
  configJson: string,
): kongPlugin.Plugin {
  return new kongPlugin.Plugin(scope, "plugin", {
    ...terraformLiterals(scope, what, {
      name,
      routeId: placement.routeId,
      serviceId: placement.serviceId,
      consumerId: placement.consumerId,
      tags: gatewayOf(scope).tags([...(placement.tags ?? [])]),
    }),
    configJson,
    // Kong fills in defaults; strict matching would report them as drift on every plan.
    strictMatch: false,
  });
}
