import { UnresolvedValue } from "../plugins";
import {
  findCredentialShape,
  isCredentialName,
  isLiteralCredentialValue,
  literalCredentials,
  literalPlace,
  pluginSecrets,
  CREDENTIAL_ATTRIBUTES,
  credentialExpression,
  isAdminCredentialVariable,
  isKongEntityType,
} from "../secrets";
import { entries, isObject, type ConformanceProblem, type Json } from "./stack-context";
import { scanTemplate } from "./expressions";
import { parseConfigTemplate } from "./plugin-configs";
import { kongProviderSchema, type ProviderSchema } from "./provider-schema";

// Attributes that are Terraform's, not the entity's.
const META_ATTRIBUTES = new Set(["//", "count", "depends_on", "for_each", "lifecycle", "provider"]);
const PROVIDER_CREDENTIALS = ["kong_admin_token", "kong_admin_password", "kong_api_key"];
const EXPECTED_SECRET =
  "expected Secret.fromVariable (a sensitive variable) or Secret.fromVault (a Kong vault reference)";

const VAULT_REFERENCE = /^\{vault:\/\/[^}]+\}$/;
const EXPECTED =
  "expected a sensitive variable or a Kong vault reference such as {vault://env/NAME}";

/**
 * Why a credential value would leak into the synthesized stack, or undefined when it does not.
 * `provider`: the value is the provider's own Admin API credential, where its variable belongs.
 */
function leak(value: unknown, variables: Json, provider = false): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (value instanceof UnresolvedValue)
    return expressionLeak(value.expression.slice(2, -1), variables, provider);
  if (typeof value !== "string") return `holds a literal secret; ${EXPECTED}`;
  if (VAULT_REFERENCE.test(value)) return undefined;
  const scan = scanTemplate(value);
  let literal = value.replace(/\$\$\{/g, "");
  for (const expression of scan.expressions) literal = literal.replace("${" + expression + "}", "");
  // A template string left by parseConfigTemplate ("${…}") has no literal part either.
  literal = literal.replace(/\$\{…\}/g, "");
  if (literal.trim() !== "") return `holds a literal secret; ${EXPECTED}`;
  for (const expression of scan.expressions) {
    const why = expressionLeak(expression, variables, provider);
    if (why) return why;
  }
  return undefined;
}

/**
 * Why an expression in a credential's place leaks: only a sensitive variable may stand there; a
 * string, a function (base64decode, nonsensitive, file…), a local or another resource's value
 * carries or reveals the credential (`credentialExpression`), and the provider's own Admin API
 * variable belongs to the provider alone. Never echoes the expression.
 */
function expressionLeak(
  expression: string,
  variables: Json,
  provider: boolean,
): string | undefined {
  const found = credentialExpression(expression);
  if (found.kind === "computed")
    return `holds ${found.what}, which can carry or reveal the credential; ${EXPECTED_SECRET}`;
  if (!provider && isAdminCredentialVariable(found.name))
    return `references var.${found.name}, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; ${EXPECTED_SECRET} of its own`;
  const variable = variables[found.name];
  if (isObject(variable) && variable.sensitive !== true)
    return `references var.${found.name}, which is not marked sensitive; expected sensitive = true so that Terraform hides it`;
  return undefined;
}

/**
 * Credential shapes in an entity's strings (names, tags, `custom_id`, paths, hosts), each with its attribute path (`tags[2]`). `name:value` pairs are not taken for headers here: tags
 * are written that way.
 */
/**
 * A route matching a credential header (`header { name = "X-Api-Key", values = ["…"] }`) holds
 * the credential it compares with: the header rule applies to the name, any literal value counts.
 */
function credentialHeaderMatches(body: Json): [string, string][] {
  const out: [string, string][] = [];
  if (!Array.isArray(body.header)) return out;
  body.header.forEach((match: unknown, i) => {
    if (!isPlainJson(match) || typeof match.name !== "string" || !isCredentialName(match.name))
      return;
    const values = Array.isArray(match.values) ? match.values : [];
    values.forEach((value: unknown, j) => {
      if (typeof value === "string" && isLiteralCredentialValue(value))
        out.push([`header[${i}].values[${j}]`, `a match on the credential header "${match.name}"`]);
    });
  });
  return out;
}

/** A JSON object, not an instance (an unresolved cdktf value holds its construct's whole tree). */
function isPlainJson(value: unknown): value is Json {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function literalsInAttributes(body: Json, skip: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  const stack: [string, unknown][] = Object.entries(body)
    .filter(([name]) => !skip.has(name) && !META_ATTRIBUTES.has(name))
    .reverse();
  while (stack.length > 0) {
    const [path, value] = stack.pop() as [string, unknown];
    if (typeof value === "string") {
      const shape = findCredentialShape(value, { headerPairs: false });
      if (shape) out.push([path, shape.rule]);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, value[i]]);
    } else if (isPlainJson(value)) {
      for (const [key, item] of Object.entries(value).reverse())
        stack.push([`${path}.${key}`, item]);
    }
  }
  return out;
}

const ADMIN_REFERENCE = new RegExp(`\\bvar\\s*\\.\\s*(${PROVIDER_CREDENTIALS.join("|")})\\b`);

/**
 * The places of a parsed config (outside `skip`, judged already as credentials) whose expressions
 * reference the provider's Admin API credential, in any field: a message, a header, a URL.
 */
function adminCredentialReferences(config: unknown, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  // pluginSecrets writes a map's key as `["k"]`; here every key is `.k`.
  const dotted = (path: string) =>
    path.replace(/\[("(?:[^"\\]|\\.)*")\]/g, (_, key: string) => `.${JSON.parse(key) as string}`);
  const judged = new Set([...skip].map(dotted));
  const stack: [string, unknown][] = [["config", config]];
  while (stack.length > 0) {
    const [path, value] = stack.pop() as [string, unknown];
    if (judged.has(path)) continue;
    const text =
      value instanceof UnresolvedValue
        ? value.expression
        : typeof value === "string"
          ? value
          : undefined;
    if (text !== undefined) {
      if (scanTemplate(text).expressions.some((e) => ADMIN_REFERENCE.test(e))) out.push(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, value[i]]);
    } else if (isPlainJson(value)) {
      for (const [key, item] of Object.entries(value).reverse())
        stack.push([`${path}.${key}`, item]);
    }
  }
  return out;
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
      const names = new Set(CREDENTIAL_ATTRIBUTES[type] ?? []);
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
  isTrustedCode?: (lua: string) => boolean,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  if (!isObject(stack)) return problems;
  const variables = isObject(stack.variable) ? stack.variable : {};
  const sensitive = credentialAttributes(providerSchema);

  for (const [name, configs] of entries(stack.provider)) {
    for (const config of Array.isArray(configs) ? configs : [configs]) {
      if (!isObject(config)) continue;
      for (const attribute of PROVIDER_CREDENTIALS) {
        const why = leak(config[attribute], variables, true);
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
          config = parseConfigTemplate(body.config_json, true);
        } catch {
          continue; // reported by checkPluginConfigsInStack
        }
        const judged = new Set<string>();
        for (const secret of pluginSecrets(body.name, config)) {
          judged.add(secret.path);
          const why = leak(secret.value, variables);
          if (why)
            problems.push({ address, message: `Plugin ${body.name}: ${secret.path} ${why}.` });
        }
        for (const path of adminCredentialReferences(config, judged))
          problems.push({
            address,
            message: `Plugin ${body.name}: ${path} references the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; ${EXPECTED_SECRET} of its own, never the provider's.`,
          });
        for (const literal of literalCredentials(body.name, config, judged, isTrustedCode)) {
          const instead = literal.lua
            ? 'the code reading it at run time, kong.vault.get("{vault://…}")'
            : "a sensitive variable or a Kong vault reference";
          problems.push({
            address,
            message: `Plugin ${body.name}: ${literalPlace(literal)} holds a literal credential (${literal.rule}); expected ${instead}.`,
          });
        }
      }
      if (isKongEntityType(type)) {
        const skip = new Set([...(sensitive.get(type) ?? []), "config_json"]);
        for (const [attribute, rule] of [
          ...credentialHeaderMatches(body),
          ...literalsInAttributes(body, skip),
        ])
          problems.push({
            address,
            message: `attribute ${attribute} holds a literal credential (${rule}); expected no credential in it.`,
          });
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
