import { showValue } from "../common";
import { scanTemplate } from "./expressions";
import type {
  SchemaAttribute,
  SchemaBlock,
  SchemaBlockType,
  TerraformType,
} from "./provider-schema";
import { child, isObject, type Json, type StackContext } from "./stack-context";
import { typeToString } from "./terraform-types";

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
      `attribute ${path} is ${showValue(value)}; expected a value of type ${typeToString(type)}.`,
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
      ctx.report(address, `attribute ${itemPath} is ${showValue(item)}; expected an object.`);
  };
  if (nested.nesting_mode === "single") return asObject(value, path);
  if (nested.nesting_mode === "map") {
    if (!isObject(value))
      return ctx.report(
        address,
        `attribute ${path} is ${showValue(value)}; expected a map of objects.`,
      );
    for (const [key, item] of Object.entries(value)) asObject(item, child(path, key));
    return;
  }
  if (!Array.isArray(value))
    return ctx.report(
      address,
      `attribute ${path} is ${showValue(value)}; expected a ${nested.nesting_mode} of objects.`,
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
      `block ${itemPath} is ${showValue(item)}; expected an object (a ${mode} block).`,
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
export function checkBlock(
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
