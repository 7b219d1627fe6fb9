import { UnresolvedValue, pluginSecrets } from "../plugins";
import { entries, isObject, type ConformanceProblem, type Json } from "./stack-context";
import { expressionReferences, scanTemplate } from "./expressions";
import { parseConfigTemplate } from "./plugin-configs";
import { kongProviderSchema, type ProviderSchema } from "./provider-schema";

/** Attributes of kevholditch/kong that hold credentials although the schema does not mark them sensitive. */
const CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  kong_consumer_jwt_auth: ["secret"],
  kong_consumer_basic_auth: ["password"],
  kong_consumer_oauth2: ["client_secret"],
  kong_consumer_key_auth: ["key"],
  kong_certificate: ["private_key"],
};
/** The resource types a literal credential can be written into: their credential attributes, and plugin configs. */
export const CREDENTIAL_RESOURCE_TYPES: readonly string[] = [
  ...Object.keys(CREDENTIALS),
  "kong_plugin",
];
const PROVIDER_CREDENTIALS = ["kong_admin_token", "kong_admin_password", "kong_api_key"];

const VAULT_REFERENCE = /^\{vault:\/\/[^}]+\}$/;
const EXPECTED =
  "expected a sensitive variable or a Kong vault reference such as {vault://env/NAME}";

/** Why a credential value would leak into the synthesized stack, or undefined when it does not. */
function leak(value: unknown, variables: Json): string | undefined {
  if (value === undefined || value === null || value === "" || value instanceof UnresolvedValue)
    return undefined;
  if (typeof value !== "string") return `holds a literal secret; ${EXPECTED}`;
  if (VAULT_REFERENCE.test(value)) return undefined;
  const scan = scanTemplate(value);
  let literal = value.replace(/\$\$\{/g, "");
  for (const expression of scan.expressions) literal = literal.replace("${" + expression + "}", "");
  // A template string left by parseConfigTemplate ("${…}") has no literal part either.
  literal = literal.replace(/\$\{…\}/g, "");
  if (literal.trim() !== "") return `holds a literal secret; ${EXPECTED}`;
  for (const expression of scan.expressions) {
    for (const [root, name] of expressionReferences(expression)) {
      const variable = variables[name];
      if (root === "var" && isObject(variable) && variable.sensitive !== true) {
        return `references var.${name}, which is not marked sensitive; expected sensitive = true so that Terraform hides it`;
      }
    }
  }
  return undefined;
}

/**
 * The attributes of each resource type that hold credentials: those the provider schema marks
 * sensitive and those the provider leaves unmarked although they hold one.
 */
export function credentialAttributes(
  providerSchema: ProviderSchema = kongProviderSchema,
): ReadonlyMap<string, ReadonlySet<string>> {
  const sensitive = new Map<string, Set<string>>();
  for (const provider of Object.values(providerSchema.provider_schemas)) {
    for (const [type, schema] of Object.entries(provider.resource_schemas ?? {})) {
      const names = new Set(CREDENTIALS[type] ?? []);
      for (const [name, attribute] of Object.entries(schema.block.attributes ?? {}))
        if (attribute.sensitive) names.add(name);
      sensitive.set(type, names);
    }
  }
  return sensitive;
}

/**
 * Finds credentials written into a synthesized stack: provider credentials, credential
 * attributes of Kong resources (and any the provider schema marks sensitive), credential fields
 * of plugin configs, and defaults of sensitive variables. Each must come from a sensitive
 * variable or a Kong vault reference. Values are never echoed.
 */
export function checkSecretsInStack(
  stack: unknown,
  providerSchema: ProviderSchema = kongProviderSchema,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  if (!isObject(stack)) return problems;
  const variables = isObject(stack.variable) ? stack.variable : {};
  const sensitive = credentialAttributes(providerSchema);

  for (const [name, configs] of entries(stack.provider)) {
    for (const config of Array.isArray(configs) ? configs : [configs]) {
      if (!isObject(config)) continue;
      for (const attribute of PROVIDER_CREDENTIALS) {
        const why = leak(config[attribute], variables);
        if (why)
          problems.push({ address: `provider.${name}`, message: `attribute ${attribute} ${why}.` });
      }
    }
  }

  for (const [type, instances] of entries(stack.resource)) {
    for (const [name, body] of entries(instances)) {
      if (!isObject(body)) continue;
      const address = `${type}.${name}`;
      for (const attribute of sensitive.get(type) ?? []) {
        const why = leak(body[attribute], variables);
        if (why) problems.push({ address, message: `attribute ${attribute} ${why}.` });
      }
      if (
        type === "kong_plugin" &&
        typeof body.name === "string" &&
        typeof body.config_json === "string"
      ) {
        let config: unknown;
        try {
          config = parseConfigTemplate(body.config_json);
        } catch {
          continue; // reported by checkPluginConfigsInStack
        }
        for (const secret of pluginSecrets(body.name, config)) {
          const why = leak(secret.value, variables);
          if (why)
            problems.push({ address, message: `Plugin ${body.name}: ${secret.path} ${why}.` });
        }
      }
    }
  }

  for (const [name, variable] of entries(variables)) {
    if (
      isObject(variable) &&
      variable.sensitive === true &&
      variable.default !== undefined &&
      variable.default !== null
    ) {
      problems.push({
        address: `var.${name}`,
        message:
          "the variable is sensitive but has a default, which writes its value into the synthesized stack; expected no default.",
      });
    }
  }
  return problems;
}
