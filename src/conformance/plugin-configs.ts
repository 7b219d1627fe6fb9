import { UnresolvedValue, checkPluginConfig, isPluginName } from "../plugins";
import type { ConformanceProblem } from "./check-stack";
import { showValue } from "../common";
import { expressionEnd } from "./expressions";

const SENTINEL = "\u0000avro-kong-unresolved:";

/**
 * Parses a `config_json` template. Terraform renders its `${…}` expressions before Kong sees the
 * JSON, so an expression inside a JSON string stays a string whose value is unknown (kept as
 * `${…}`, which the plugin checker accepts for string fields), and one outside a JSON string
 * becomes an `UnresolvedValue`, accepted for any field. `keepExpressions` keeps the text of an
 * expression inside a JSON string instead of `${…}`.
 */
export function parseConfigTemplate(template: string, keepExpressions = false): unknown {
  const expressions: string[] = [];
  let out = "";
  let inString = false;
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (template.startsWith("$${", i)) {
      out += "$${";
      i += 3;
    } else if (template.startsWith("${", i)) {
      const end = expressionEnd(template, i + 2);
      const stop = end < 0 ? template.length : end;
      if (inString) {
        // The secret scan judges what an expression is; other checks need only know it is one.
        out += keepExpressions ? JSON.stringify(template.slice(i, stop)).slice(1, -1) : "${…}";
      } else {
        out += JSON.stringify(SENTINEL + expressions.length);
        expressions.push(template.slice(i, stop));
      }
      i = stop;
    } else {
      if (inString && ch === "\\") {
        out += template.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === '"') inString = !inString;
      out += ch;
      i += 1;
    }
  }
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith(SENTINEL)
      ? new UnresolvedValue(expressions[Number(value.slice(SENTINEL.length))])
      : value,
  );
}

/**
 * Where `addUncheckedPlugin` marks the `kong_plugin` it writes (`"//"` is a comment to Terraform):
 * a plugin outside the catalogue added on purpose, with a warning at synth.
 */
export const UNCHECKED_PLUGIN_MARK = "avroKongUnchecked";

function isDeliberatelyUnchecked(plugin: Record<string, unknown>): boolean {
  const comment = plugin["//"];
  return (
    typeof comment === "object" &&
    comment !== null &&
    (comment as Record<string, unknown>)[UNCHECKED_PLUGIN_MARK] === true
  );
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * Checks the `config_json` of every `kong_plugin` resource of a synthesized stack against Kong
 * 3.9's schema of its plugin, with the scope given by `route_id`, `service_id` and `consumer_id`.
 */
export function checkPluginConfigsInStack(stack: unknown): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const resources = (stack as { resource?: { kong_plugin?: unknown } } | null)?.resource
    ?.kong_plugin;
  if (typeof resources !== "object" || resources === null) return problems;
  for (const [name, body] of Object.entries(resources as Record<string, unknown>)) {
    if (name === "//" || typeof body !== "object" || body === null) continue;
    const address = `kong_plugin.${name}`;
    const plugin = body as Record<string, unknown>;
    if (typeof plugin.name !== "string" || plugin.name.includes("${")) continue;
    // A custom plugin added through addUncheckedPlugin says so; a catalogue name is checked anyway.
    if (isDeliberatelyUnchecked(plugin) && !isPluginName(plugin.name)) continue;
    // A config_json of the wrong type is the provider-conformance check's finding, not ours.
    if (isSet(plugin.config_json) && typeof plugin.config_json !== "string") continue;
    let config: unknown = {};
    if (typeof plugin.config_json === "string") {
      try {
        config = parseConfigTemplate(plugin.config_json);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push({
          address,
          message: `Plugin ${plugin.name}: config_json is not valid JSON (${reason}); expected a JSON object.`,
        });
        continue;
      }
      if (config instanceof UnresolvedValue) {
        problems.push({
          address,
          message: `Plugin ${plugin.name}: config_json is the Terraform expression ${showValue(config.expression)}; expected a JSON object, so that the config can be checked at synth.`,
        });
        continue;
      }
    }
    const scope = {
      route: isSet(plugin.route_id),
      service: isSet(plugin.service_id),
      consumer: isSet(plugin.consumer_id),
    };
    // Credentials are checkSecretsInStack's to judge: here they are Terraform expressions.
    const options = { checkCredentials: false };
    for (const problem of checkPluginConfig(plugin.name, config, scope, options)) {
      problems.push({ address, message: problem.message });
    }
  }
  return problems;
}
