// Kong's rules that no synth can decide from the config alone, each with the reason, keyed by
// the catalog's exact text (src/catalog/schema/unchecked-rules.json, which the docs' list is
// generated from). Everything else the catalog states is checked: a test holds both against the
// catalog, and compiling a plugin with an undecided rule fails.
import { pluginNames, pluginSchema, type KongField } from "./catalog";
import rawUnchecked from "./schema/unchecked-rules.json";

interface UncheckedRulesFile {
  /** Field validators (`custom_validator`) decided only by the node that validates the config. */
  readonly field_validators: Readonly<Record<string, string>>;
  /** Field validators checked in part; the reason names the half left to Kong. */
  readonly partly_checked_field_validators: Readonly<Record<string, string>>;
  /** Entity checks decided only by the node (its role, database, nginx shared dicts). */
  readonly entity_checks: Readonly<Record<string, string>>;
  /** Field attributes no single config can break. */
  readonly attributes: Readonly<Record<string, string>>;
}

const unchecked = rawUnchecked as UncheckedRulesFile;

export const uncheckedFieldValidators = unchecked.field_validators;
export const partlyCheckedFieldValidators = unchecked.partly_checked_field_validators;
export const uncheckedEntityChecks = unchecked.entity_checks;
const uncheckedAttributes = unchecked.attributes;

/** One rule of the catalog that synth does not check, where it applies and why. */
export interface UncheckedKongRule {
  readonly plugin: string;
  /** `config.access[]`, `config.memory`, or `config` for a check of the whole config. */
  readonly path: string;
  /** The catalog's text of the rule. */
  readonly rule: string;
  readonly reason: string;
  /** Whether part of the rule is checked (see the reason). */
  readonly partly: boolean;
}

function fieldRules(
  plugin: string,
  field: KongField,
  path: string,
  out: UncheckedKongRule[],
): void {
  const validator = field.custom_validator;
  if (validator !== undefined) {
    const reason = uncheckedFieldValidators[validator] ?? partlyCheckedFieldValidators[validator];
    if (reason !== undefined) {
      const partly = uncheckedFieldValidators[validator] === undefined;
      out.push({ plugin, path, rule: validator, reason, partly });
    }
  }
  if (field.unique)
    out.push({
      plugin,
      path,
      rule: "unique",
      reason: uncheckedAttributes["unique"],
      partly: false,
    });
  for (const check of field.entity_checks ?? []) {
    const reason = uncheckedEntityChecks[check];
    if (reason !== undefined) out.push({ plugin, path, rule: check, reason, partly: false });
  }
  if (field.elements) fieldRules(plugin, field.elements, `${path}[]`, out);
  if (field.values) fieldRules(plugin, field.values, `${path}{}`, out);
  for (const [name, sub] of Object.entries(field.fields ?? {}))
    fieldRules(plugin, sub, `${path}.${name}`, out);
}

/**
 * Every rule of the catalog that synth leaves to Kong, per plugin and place, with the reason:
 * the list a reviewer (and the docs) need to know what a green synth does not promise.
 */
export function uncheckedKongRules(): UncheckedKongRule[] {
  const out: UncheckedKongRule[] = [];
  for (const plugin of pluginNames) {
    const schema = pluginSchema(plugin);
    if (!schema) continue;
    for (const check of schema.entity_checks) {
      const reason = uncheckedEntityChecks[check];
      if (reason !== undefined)
        out.push({ plugin, path: "config", rule: check, reason, partly: false });
    }
    for (const [name, field] of Object.entries(schema.config))
      fieldRules(plugin, field, `config.${name}`, out);
  }
  return out;
}
