import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { ValidationError } from "../common";
import { UNCHECKED_PLUGIN_MARK } from "../conformance";
import { isPluginName } from "../plugins";
import { plugin as kongPlugin } from "../provider";
import { assertName, shown } from "./checks";
import type { Secret } from "./secret";
import { resolveSecrets } from "./secret";
import { writePluginResource } from "./plugin-resource";

/** A config Kong's catalogue does not describe: JSON values, with `Secret`s where credentials go. */
export type UncheckedPluginConfig = Readonly<Record<string, unknown | Secret>>;

export interface UncheckedPluginProps {
  /** The custom plugin's name, as deployed on the Kong nodes. */
  readonly name: string;
  readonly config: UncheckedPluginConfig;
  readonly routeId?: string;
  readonly serviceId?: string;
  readonly consumerId?: string;
  /** What the plugin is attached to, for messages, e.g. "route create-order". */
  readonly on: string;
  /** Tags after the ownership tags. @default none */
  readonly tags?: readonly string[];
}

/**
 * A `kong_plugin` outside Kong's catalogue (a custom plugin the team deploys): its config is
 * not checked, and synth says so with a warning naming it. A catalogue plugin is refused here:
 * it goes through `addPlugin`, checked.
 */
export class UncheckedPlugin extends Construct {
  readonly pluginName: string;
  readonly resource: kongPlugin.Plugin;

  constructor(scope: Construct, id: string, props: UncheckedPluginProps) {
    // As in aws-cdk: the plugin joins the tree first, so that every refusal carries its path.
    const name: unknown = props.name;
    assertName(scope, "Unchecked plugin name", name as string);
    super(scope, id);
    const where = `Unchecked plugin ${props.name} on ${props.on}`;
    if (isPluginName(props.name)) {
      throw new ValidationError(
        `Plugin ${props.name} on ${props.on} is in Kong's catalogue; expected addPlugin("${props.name}", …), which checks its config.`,
        this,
      );
    }
    const config: unknown = props.config;
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
      throw new ValidationError(`${where} config is ${shown(config)}; expected an object.`, this);
    }
    this.pluginName = props.name;
    this.resource = writePluginResource(
      this,
      `Unchecked plugin ${props.name}`,
      props.name,
      props,
      JSON.stringify(resolveSecrets(this, config, `${where} config`)),
    );
    // The conformance check of cdktf.out reads this mark ("//" is a comment to Terraform).
    this.resource.addOverride(`//.${UNCHECKED_PLUGIN_MARK}`, true);
    Annotations.of(this).addWarning(
      `Plugin ${props.name} on ${props.on} is outside Kong's catalogue and unchecked: its config goes to Kong as written.`,
    );
  }
}
