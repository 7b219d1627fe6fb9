import { describeValue } from "./describe";
import { expressionReferences, scanTemplate } from "./expressions";
import {
  kongProviderSchema,
  type ProviderSchema,
  type SchemaAttribute,
  type SchemaBlock,
  type SchemaBlockType,
  type TerraformType,
} from "./provider-schema";
import { typeToString } from "./terraform-types";

/** One finding: the Terraform address (`kong_route.orders_1A2B`, `provider.kong`) and a sentence. */
export interface ConformanceProblem {
  readonly address: string;
  readonly message: string;
}

type Json = Record<string, unknown>;

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
/** Roots of expressions that are not addresses in this stack. */
const NON_ADDRESS_ROOTS = new Set(["count", "each", "self", "path", "terraform"]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value).filter(([k]) => k !== "//") : [];
}

function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** Everything the checks need to know about the stack and the providers. */
class StackContext {
  readonly problems: ConformanceProblem[] = [];
  readonly resourceSchemas = new Map<string, SchemaBlock>();
  readonly dataSchemas = new Map<string, SchemaBlock>();
  /** Provider local name (`kong`) → schema address (`registry.terraform.io/kevholditch/kong`). */
  readonly providers = new Map<string, string>();

  constructor(
    readonly stack: Json,
    readonly schema: ProviderSchema,
  ) {
    for (const [address, provider] of Object.entries(schema.provider_schemas)) {
      this.providers.set(address.split("/").pop() ?? address, address);
      for (const [type, s] of Object.entries(provider.resource_schemas ?? {}))
        this.resourceSchemas.set(type, s.block);
      for (const [type, s] of Object.entries(provider.data_source_schemas ?? {}))
        this.dataSchemas.set(type, s.block);
    }
  }

  report(address: string, message: string): void {
    this.problems.push({ address, message });
  }

  section(name: string): Json {
    const value = this.stack[name];
    return isObject(value) ? value : {};
  }

  /** Whether `root` names a resource type (declared in the stack, or of one of the providers). */
  isResourceType(root: string): boolean {
    if (this.resourceSchemas.has(root) || root in this.section("resource")) return true;
    return [...this.providers.keys()].some((p) => root.startsWith(p + "_"));
  }
}

/** Why a reference cannot resolve, or undefined when it can. */
function unresolvable(segments: readonly string[], ctx: StackContext): string | undefined {
  const [root, first, second] = segments;
  const has = (section: string, ...keys: string[]): boolean => {
    let node: unknown = ctx.section(section);
    for (const key of keys) {
      if (!isObject(node) || !(key in node)) return false;
      node = node[key];
    }
    return true;
  };
  if (NON_ADDRESS_ROOTS.has(root) || first === undefined) return undefined;
  if (root === "var")
    return has("variable", first)
      ? undefined
      : `var.${first}, which is not declared under variable`;
  if (root === "local")
    return has("locals", first) ? undefined : `local.${first}, which is not declared under locals`;
  if (root === "module")
    return has("module", first) ? undefined : `module.${first}, which is not declared under module`;
  if (root === "data") {
    if (second === undefined) return undefined;
    return has("data", first, second)
      ? undefined
      : `data.${first}.${second}, which is not a data source of this stack`;
  }
  if (!ctx.isResourceType(root)) return undefined;
  if (!has("resource", root, first))
    return `${root}.${first}, which is not a resource of this stack`;
  const block = ctx.resourceSchemas.get(root);
  if (
    second !== undefined &&
    block &&
    !(second in (block.attributes ?? {})) &&
    !(second in (block.block_types ?? {}))
  ) {
    return `${root}.${first}.${second}, but ${root} has no attribute ${second}`;
  }
  return undefined;
}

/** Checks every string under `value`: templates must be closed and references must resolve. */
function checkReferences(
  value: unknown,
  path: string,
  address: string,
  ctx: StackContext,
  bare = false,
): void {
  if (typeof value === "string") {
    const scan = scanTemplate(value);
    const label = path === "" ? "the value" : path;
    if (scan.unterminated)
      ctx.report(address, `${label} has a \${ expression that is never closed.`);
    // depends_on holds bare addresses, not templates.
    const expressions = bare && scan.expressions.length === 0 ? [value] : scan.expressions;
    for (const expression of expressions) {
      for (const segments of expressionReferences(expression)) {
        const why = unresolvable(segments, ctx);
        if (why) ctx.report(address, `${label} references ${why}.`);
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkReferences(item, child(path, i), address, ctx, bare));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key !== "//")
        checkReferences(item, child(path, key), address, ctx, bare || key === "depends_on");
    }
  }
}

function isExpression(value: unknown): boolean {
  return typeof value === "string" && scanTemplate(value).expressions.length > 0;
}

/** Checks a value against a Terraform type; returns false after reporting a mismatch. */
function checkType(
  type: TerraformType,
  value: unknown,
  path: string,
  address: string,
  ctx: StackContext,
): void {
  // An expression resolves at plan time, to any type; and null means "not set".
  if (value === null || value === undefined || isExpression(value) || type === "dynamic") return;
  const mismatch = (): void =>
    ctx.report(
      address,
      `attribute ${path} is ${describeValue(value)}; expected a value of type ${typeToString(type)}.`,
    );
  if (type === "string") {
    if (typeof value !== "string") mismatch();
    return;
  }
  if (type === "number") {
    if (typeof value !== "number" || !Number.isFinite(value)) mismatch();
    return;
  }
  if (type === "bool") {
    if (typeof value !== "boolean") mismatch();
    return;
  }
  switch (type[0]) {
    case "list":
    case "set": {
      if (!Array.isArray(value)) return mismatch();
      const element = type[1];
      value.forEach((item, i) => checkType(element, item, child(path, i), address, ctx));
      return;
    }
    case "map": {
      if (!isObject(value)) return mismatch();
      const element = type[1];
      for (const [key, item] of Object.entries(value))
        checkType(element, item, child(path, key), address, ctx);
      return;
    }
    case "object": {
      if (!isObject(value)) return mismatch();
      const [, attributes, optional = []] = type;
      for (const key of Object.keys(value)) {
        if (!(key in attributes)) {
          ctx.report(
            address,
            `attribute ${child(path, key)} is not part of ${typeToString(type)}.`,
          );
        }
      }
      for (const [key, attrType] of Object.entries(attributes)) {
        if (value[key] === undefined && !optional.includes(key)) {
          ctx.report(
            address,
            `attribute ${child(path, key)} is missing; ${typeToString(type)} requires it.`,
          );
        } else {
          checkType(attrType, value[key], child(path, key), address, ctx);
        }
      }
      return;
    }
    case "tuple": {
      const elements = type[1];
      if (!Array.isArray(value) || value.length !== elements.length) return mismatch();
      value.forEach((item, i) => checkType(elements[i], item, child(path, i), address, ctx));
      return;
    }
  }
}

function checkAttribute(
  attribute: SchemaAttribute,
  value: unknown,
  path: string,
  address: string,
  ctx: StackContext,
): void {
  if (attribute.type !== undefined) return checkType(attribute.type, value, path, address, ctx);
  const nested = attribute.nested_type;
  if (!nested || value === null || isExpression(value)) return;
  const block: SchemaBlock = { attributes: nested.attributes };
  const asObject = (item: unknown, itemPath: string): void => {
    if (isObject(item))
      checkBlock(block, item, itemPath, address, ctx, new Set(["//"]), `attribute ${itemPath}`);
    else if (!isExpression(item))
      ctx.report(address, `attribute ${itemPath} is ${describeValue(item)}; expected an object.`);
  };
  if (nested.nesting_mode === "single") return asObject(value, path);
  if (nested.nesting_mode === "map") {
    if (!isObject(value))
      return ctx.report(
        address,
        `attribute ${path} is ${describeValue(value)}; expected a map of objects.`,
      );
    for (const [key, item] of Object.entries(value)) asObject(item, child(path, key));
    return;
  }
  if (!Array.isArray(value))
    return ctx.report(
      address,
      `attribute ${path} is ${describeValue(value)}; expected a ${nested.nesting_mode} of objects.`,
    );
  value.forEach((item, i) => asObject(item, child(path, i)));
}

function checkBlockType(
  blockType: SchemaBlockType,
  value: unknown,
  path: string,
  address: string,
  ctx: StackContext,
): void {
  const mode = blockType.nesting_mode;
  const badShape = (item: unknown, itemPath: string): void =>
    ctx.report(
      address,
      `block ${itemPath} is ${describeValue(item)}; expected an object (a ${mode} block).`,
    );
  let items: [unknown, string][];
  if (mode === "single" || mode === "group") {
    items = [[value, path]];
  } else if (mode === "map") {
    if (!isObject(value)) return badShape(value, path);
    items = Object.entries(value).map(([label, item]) => [item, child(path, label)]);
  } else {
    // Terraform JSON accepts one block as an object, or several as an array of objects.
    items = Array.isArray(value) ? value.map((item, i) => [item, child(path, i)]) : [[value, path]];
  }
  for (const [item, itemPath] of items) {
    if (isObject(item))
      checkBlock(
        blockType.block,
        item,
        itemPath,
        address,
        ctx,
        new Set(["//"]),
        `block ${itemPath}`,
      );
    else badShape(item, itemPath);
  }
  checkItemCount(blockType, items.length, path, address, ctx);
}

function checkItemCount(
  blockType: SchemaBlockType,
  count: number,
  path: string,
  address: string,
  ctx: StackContext,
): void {
  const min = blockType.min_items ?? 0;
  const max = blockType.max_items ?? 0;
  if (count < min) {
    ctx.report(
      address,
      `block ${path} needs at least ${min} item${min === 1 ? "" : "s"}; found ${count}.`,
    );
  }
  if (max > 0 && count > max) {
    ctx.report(
      address,
      `block ${path} allows at most ${max} item${max === 1 ? "" : "s"}; found ${count}.`,
    );
  }
}

/** Checks a block body: unknown keys, each attribute and nested block, required and computed-only attributes. */
function checkBlock(
  block: SchemaBlock,
  body: Json,
  path: string,
  address: string,
  ctx: StackContext,
  meta: ReadonlySet<string>,
  where: string,
): void {
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  for (const [key, value] of Object.entries(body)) {
    const keyPath = child(path, key);
    if (meta.has(key)) continue;
    if (key === "dynamic" && isObject(value)) {
      checkDynamicBlocks(blockTypes, value, path, address, ctx);
    } else if (key in attributes) {
      const attribute = attributes[key];
      if (attribute.computed && !attribute.optional && !attribute.required && value !== null) {
        ctx.report(address, `attribute ${keyPath} is computed by the provider and cannot be set.`);
      } else {
        checkAttribute(attribute, value, keyPath, address, ctx);
      }
    } else if (key in blockTypes) {
      if (value !== null) checkBlockType(blockTypes[key], value, keyPath, address, ctx);
    } else {
      const known = [...Object.keys(attributes), ...Object.keys(blockTypes)].sort().join(", ");
      ctx.report(
        address,
        `${keyPath} is not an attribute or block of ${where}; expected one of ${known}.`,
      );
    }
  }
  for (const [key, attribute] of Object.entries(attributes)) {
    if (attribute.required && (body[key] === undefined || body[key] === null)) {
      ctx.report(address, `required attribute ${child(path, key)} is missing.`);
    }
  }
  const dynamic = isObject(body.dynamic) ? body.dynamic : {};
  for (const [key, blockType] of Object.entries(blockTypes)) {
    if (
      (blockType.min_items ?? 0) > 0 &&
      (body[key] === undefined || body[key] === null) &&
      !(key in dynamic)
    ) {
      checkItemCount(blockType, 0, child(path, key), address, ctx);
    }
  }
}

/** `dynamic "name" { for_each, content }` blocks: the content is checked like a block. */
function checkDynamicBlocks(
  blockTypes: Readonly<Record<string, SchemaBlockType>>,
  dynamic: Json,
  path: string,
  address: string,
  ctx: StackContext,
): void {
  for (const [name, spec] of Object.entries(dynamic)) {
    const specPath = child(child(path, "dynamic"), name);
    if (!(name in blockTypes)) {
      ctx.report(
        address,
        `${specPath} names no block; expected one of ${Object.keys(blockTypes).sort().join(", ") || "(none)"}.`,
      );
      continue;
    }
    const specs = Array.isArray(spec) ? spec : [spec];
    for (const one of specs) {
      if (isObject(one) && isObject(one.content)) {
        const contentPath = child(specPath, "content");
        checkBlock(
          blockTypes[name].block,
          one.content,
          contentPath,
          address,
          ctx,
          new Set(["//"]),
          `block ${name}`,
        );
      }
    }
  }
}

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
        ctx.report(address, `the body is ${describeValue(body)}; expected an object.`);
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
        ctx.report(address, `the configuration is ${describeValue(config)}; expected an object.`);
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
        `required_providers.${name}.source is ${describeValue(entry.source)}; expected "${source}".`,
      );
    }
    const pinned =
      typeof entry.version === "string" && entry.version.replace(/^=\s*/, "").trim() === version;
    if (version && !pinned) {
      ctx.report(
        "terraform",
        `required_providers.${name}.version is ${describeValue(entry.version)}; expected "${version}".`,
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
      { address: "(stack)", message: `the stack is ${describeValue(stack)}; expected an object.` },
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
