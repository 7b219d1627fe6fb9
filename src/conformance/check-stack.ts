import { checkBlock } from "./blocks";
import { showValue } from "../common";
import { kongProviderSchema, type ProviderSchema } from "./provider-schema";
import { checkReferences } from "./references";
import { entries, isObject, StackContext, type ConformanceProblem } from "./stack-context";

export type { ConformanceProblem } from "./stack-context";

const ROOT_KEYS = new Set([
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "variable",
  "output",
  "locals",
  "module",
  "moved",
  "import",
  "check",
  "removed",
]);
const RESOURCE_META = new Set([
  "//",
  "count",
  "for_each",
  "depends_on",
  "provider",
  "lifecycle",
  "provisioner",
  "connection",
]);
const DATA_META = new Set(["//", "count", "for_each", "depends_on", "provider", "lifecycle"]);
const PROVIDER_META = new Set(["//", "alias"]);
const VARIABLE_KEYS = new Set([
  "//",
  "type",
  "default",
  "description",
  "sensitive",
  "nullable",
  "validation",
  "ephemeral",
]);
const OUTPUT_KEYS = new Set([
  "//",
  "value",
  "description",
  "sensitive",
  "depends_on",
  "precondition",
  "ephemeral",
]);

function checkResources(ctx: StackContext, section: "resource" | "data"): void {
  const schemas = section === "resource" ? ctx.resourceSchemas : ctx.dataSchemas;
  const meta = section === "resource" ? RESOURCE_META : DATA_META;
  for (const [type, instances] of entries(ctx.stack[section])) {
    for (const [name, body] of entries(instances)) {
      const address = section === "resource" ? `${type}.${name}` : `data.${type}.${name}`;
      const block = schemas.get(type);
      if (!block) {
        const noun = section === "resource" ? "resource type" : "data source";
        ctx.report(address, `unknown ${noun} ${type}; the provider schema has no such ${noun}.`);
      } else if (!isObject(body)) {
        ctx.report(address, `the body is ${showValue(body)}; expected an object.`);
        continue;
      } else {
        checkBlock(block, body, "", address, ctx, meta, type);
      }
      checkReferences(body, "", address, ctx);
    }
  }
}

function checkProviders(ctx: StackContext): void {
  for (const [name, configs] of entries(ctx.stack.provider)) {
    const schemaAddress = ctx.providers.get(name);
    for (const config of Array.isArray(configs) ? configs : [configs]) {
      const alias = isObject(config) && typeof config.alias === "string" ? `.${config.alias}` : "";
      const address = `provider.${name}${alias}`;
      if (!schemaAddress) {
        ctx.report(
          address,
          `unknown provider ${name}; expected one of ${[...ctx.providers.keys()].join(", ")}.`,
        );
        continue;
      }
      if (!isObject(config)) {
        ctx.report(address, `the configuration is ${showValue(config)}; expected an object.`);
        continue;
      }
      const block = ctx.schema.provider_schemas[schemaAddress].provider.block;
      checkBlock(block, config, "", address, ctx, PROVIDER_META, `provider ${name}`);
      checkReferences(config, "", address, ctx);
    }
  }
}

function checkRequiredProviders(ctx: StackContext): void {
  const terraform = ctx.section("terraform");
  const required = isObject(terraform.required_providers) ? terraform.required_providers : {};
  for (const [name, schemaAddress] of ctx.providers) {
    const source = schemaAddress.replace(/^registry\.terraform\.io\//, "");
    const version = ctx.schema.provider_versions?.[schemaAddress];
    const expected = `source "${source}"${version ? ` and version "${version}"` : ""}`;
    const entry = required[name];
    if (!isObject(entry)) {
      ctx.report("terraform", `required_providers.${name} is missing; expected ${expected}.`);
      continue;
    }
    if (entry.source !== source && entry.source !== schemaAddress) {
      ctx.report(
        "terraform",
        `required_providers.${name}.source is ${showValue(entry.source)}; expected "${source}".`,
      );
    }
    const pinned =
      typeof entry.version === "string" && entry.version.replace(/^=\s*/, "").trim() === version;
    if (version && !pinned) {
      ctx.report(
        "terraform",
        `required_providers.${name}.version is ${showValue(entry.version)}; expected "${version}".`,
      );
    }
  }
}

function checkVariablesAndOutputs(ctx: StackContext): void {
  for (const [name, body] of entries(ctx.stack.variable)) {
    for (const key of Object.keys(isObject(body) ? body : {})) {
      if (!VARIABLE_KEYS.has(key))
        ctx.report(
          `var.${name}`,
          `${key} is not an argument of a variable; expected one of ${[...VARIABLE_KEYS].slice(1).join(", ")}.`,
        );
    }
  }
  for (const [name, body] of entries(ctx.stack.output)) {
    for (const key of Object.keys(isObject(body) ? body : {})) {
      if (!OUTPUT_KEYS.has(key))
        ctx.report(
          `output.${name}`,
          `${key} is not an argument of an output; expected one of ${[...OUTPUT_KEYS].slice(1).join(", ")}.`,
        );
    }
    checkReferences(body, "", `output.${name}`, ctx);
  }
  for (const [name, value] of entries(ctx.stack.locals))
    checkReferences(value, "", `local.${name}`, ctx);
}

/**
 * Checks a synthesized stack (parsed `cdk.tf.json`) against the provider schema: resource and
 * data source types, attributes and blocks, required and computed-only attributes, value types,
 * references to variables and resources, the provider blocks and `required_providers`.
 */
export function checkStackConformance(
  stack: unknown,
  providerSchema: ProviderSchema = kongProviderSchema,
): ConformanceProblem[] {
  if (!isObject(stack))
    return [
      { address: "(stack)", message: `the stack is ${showValue(stack)}; expected an object.` },
    ];
  const ctx = new StackContext(stack, providerSchema);
  for (const key of Object.keys(stack)) {
    if (!ROOT_KEYS.has(key))
      ctx.report("(stack)", `${key} is not a top-level section of Terraform JSON.`);
  }
  checkRequiredProviders(ctx);
  checkProviders(ctx);
  checkResources(ctx, "resource");
  checkResources(ctx, "data");
  checkVariablesAndOutputs(ctx);
  return ctx.problems;
}
