import { Construct } from "constructs";
import { ValidationError } from "../common";
import { Token } from "cdktf";
import { checkPluginConfig, isPluginName, type PluginConfigs, type PluginName } from "../plugins";
import { plugin as kongPlugin } from "../provider";
import { gatewayOf } from "./gateway-scope";
import { hasOverrides, resolveSecrets } from "./secret";
import { UncheckedPlugin } from "./unchecked-plugin";
import { writePluginResource } from "./plugin-resource";
import { trustedIn } from "./contracts";
import { PassedConfigs } from "./passed-configs";

export interface KongPluginProps<N extends PluginName> {
  /** Kong plugin name, e.g. "rate-limiting". */
  readonly name: N;
  /**
   * The plugin's config, typed from Kong 3.9's schema of that plugin and checked when the
   * construct is created; every credential in it is a `Secret`, never a literal.
   */
  readonly config: PluginConfigs[N];
  /** Kong id of the route it applies to. @default not scoped to a route */
  readonly routeId?: string;
  /** Kong id of the service it applies to. @default not scoped to a service */
  readonly serviceId?: string;
  /** Kong id of the consumer it applies to. @default not scoped to a consumer */
  readonly consumerId?: string;
  /** What the plugin is attached to, for messages, e.g. "route create-order". */
  readonly on: string;
  /** Tags after the ownership tags. @default none */
  readonly tags?: readonly string[];
}

/** A `kong_plugin` whose config is checked against Kong's own schema before Terraform sees it. */
export class KongPlugin<N extends PluginName> extends Construct {
  readonly pluginName: N;
  readonly config: PluginConfigs[N];
  readonly resource: kongPlugin.Plugin;
  /** The config_json as checked, to tell a later change through the L1 resource. */
  private readonly checkedConfigJson: string;
  /** Kong id of the consumer it is scoped to, if any. */
  readonly consumerId?: string;

  constructor(scope: Construct, id: string, props: KongPluginProps<N>) {
    // The name is also the construct's id: one Kong does not have is refused before the plugin
    // joins the tree, with the parent's path; every other refusal carries the plugin's own.
    if (!isPluginName(props.name)) {
      const [unknown] = checkPluginConfig(props.name, props.config, {}, { on: props.on });
      throw new ValidationError(unknown.message, scope);
    }
    super(scope, id);
    const gateway = gatewayOf(this);
    const attached = {
      route: props.routeId !== undefined,
      service: props.serviceId !== undefined,
      consumer: props.consumerId !== undefined,
    };
    const isTrustedCode = trustedIn(gateway.environment);
    // A config equal to one that passed (same plugin, scope, edition and trusted Lua) passes.
    const key = passedConfigs.keyOf(props.name, attached, gateway.edition, props.config);
    if (key === undefined || !passedConfigs.has(isTrustedCode, key)) {
      const [problem] = checkPluginConfig(props.name, props.config, attached, {
        on: props.on,
        isUnresolved,
        edition: gateway.edition,
        isTrustedCode,
      });
      if (problem) throw new ValidationError(problem.message, this);
      if (key !== undefined) passedConfigs.add(isTrustedCode, key);
    }
    this.pluginName = props.name;
    this.config = props.config;
    this.checkedConfigJson = JSON.stringify(
      resolveSecrets(this, props.config, `Plugin ${props.name} config`),
    );
    this.consumerId = props.consumerId;
    this.resource = writePluginResource(
      this,
      `Plugin ${props.name}`,
      props.name,
      props,
      this.checkedConfigJson,
    );
  }

  /**
   * @internal Whether the resource's config is still the one checked when the construct was
   * created: not replaced through the L1 resource, no override (an escape hatch) on the resource.
   */
  get _isConfigAsChecked(): boolean {
    return this.resource.configJsonInput === this.checkedConfigJson && !hasOverrides(this.resource);
  }
}

const isUnresolved = (value: unknown): boolean => Token.isUnresolved(value);
const passedConfigs = new PassedConfigs();

/**
 * Kong runs at most one plugin of a name per route or service: a second one (an option and
 * `addPlugin`, or `addPlugin` twice) is refused with one sentence, not a construct-id collision.
 */
export function assertNoPluginNamed(scope: Construct, name: string, on: string): void {
  const existing = scope.node.children.find(
    (c) => (c instanceof KongPlugin || c instanceof UncheckedPlugin) && c.pluginName === name,
  );
  if (existing) {
    throw new ValidationError(
      `${capitalize(on)} already has a ${name} plugin, and Kong runs at most one of a name there; expected it once, from the ${on.split(" ")[0]}'s options or from addPlugin.`,
      scope,
    );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
