// Kong's rules that no synth can decide from the config alone, each with the reason, keyed by
// the catalog's exact text. Everything else the catalog states is checked (a test holds both
// lists against the catalog, so that a new rule cannot slip through undecided).
import { pluginNames, pluginSchema, type KongField } from "./catalog";

/** Field validators (`custom_validator`) decided only by the node that validates the config. */
export const uncheckedFieldValidators: Readonly<Record<string, string>> = {
  "loadstring(fun) must compile; error 'error parsing <plugin>: <err>'":
    "it compiles Lua with the gateway's LuaJIT; this project ships no Lua parser to run at synth",
  "kong.tools.sandbox.validate_safe (expression must be loadable under untrusted_lua setting)":
    "it depends on the node's untrusted_lua and untrusted_lua_sandbox_* settings",
  "value must be '*' or a valid regex (is_regex)":
    "it compiles the value with PCRE, whose syntax JavaScript's RegExp does not share (inline flags, possessive quantifiers)",
  "anonymous: returns ngx.shared[value] -- the lua_shared_dict must exist on the node validating the config (falsy result -> validation error)":
    "the shared dict is declared in the node's nginx configuration",
};

/**
 * Field validators checked in part: the name:value shape is checked; the value's compilation as a
 * pl.template template (a `$(…)` Lua expression) is not, for the reason of `loadstring` above.
 */
export const partlyCheckedFieldValidators: Readonly<Record<string, string>> = {
  "check_for_value: entry must be 'name:value' with a non-empty value (pattern ^([^:]+):*(.-)$) and the value must compile as a pl.template template (escape '\\xff'); errors \"key '<name>' has no value\" / \"value '<v>' is not in supported format, error:<e>\"":
    "the name:value shape is checked; the value's compilation as a pl.template template needs Lua",
};

/** Entity checks decided only by the node (its role, database, nginx shared dicts). */
export const uncheckedEntityChecks: Readonly<Record<string, string>> = {
  "custom_entity_check (field_sources: config.storage): if kong.configuration.database == 'off' and role ~= 'data_plane' and storage == 'kong' -> error '\"kong\" storage can't be used with dbless mode'; if role == 'control_plane' and storage == 'shm' -> error '\"shm\" storage can't be used in Hybrid mode' (only evaluated when the global kong exists)":
    "it depends on the node's database mode and role (DB-less, hybrid control plane)",
  "custom_validator (config record, validate_shared_dict): the nginx shared dict 'prometheus_metrics' must exist (ngx.shared.prometheus_metrics); error \"ngx shared dict 'prometheus_metrics' not found\"":
    "the shared dict is declared in the node's nginx configuration (Kong's default template has it)",
  "custom_entity_check (field_sources: config): if strategy == 'memory', ngx.shared[config.memory.dictionary_name] must exist; error \"missing shared dict '<name>'\"":
    "the shared dict is declared in the node's nginx configuration (Kong's default kong_db_cache exists)",
  "not visible in exports (EE Lua source not public)":
    "Kong Enterprise's openid-connect entity checks are not public; its fields are checked as the catalog lists them",
};

/** Field attributes no single config can break. */
export const uncheckedAttributes: Readonly<Record<string, string>> = {
  unique: "uniqueness holds across every plugin in Kong's database, not within one config",
};

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
    out.push({ plugin, path, rule: "unique", reason: uncheckedAttributes.unique, partly: false });
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
