import { expressionReferences, scanTemplate } from "./expressions";
import { child, isObject, type StackContext } from "./stack-context";

/** Roots of expressions that are not addresses in this stack. */
const NON_ADDRESS_ROOTS = new Set(["count", "each", "self", "path", "terraform"]);

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
export function checkReferences(
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
