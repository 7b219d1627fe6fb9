export { expressionEnd, scanTemplate } from "../common";

const TRAVERSAL =
  /[A-Za-z_][A-Za-z0-9_-]*(?:\s*\.\s*(?:[A-Za-z_][A-Za-z0-9_-]*|\d+|\*)|\s*\[[^\]]*\])*/g;

/**
 * The traversals an expression starts from, as name segments (`var.x` → ["var", "x"],
 * `kong_service.orders.id` → ["kong_service", "orders", "id"]); index steps are dropped and
 * function calls are not traversals.
 */
export function expressionReferences(expression: string): string[][] {
  // String literals inside the expression hold no references of their own (nested templates
  // inside them are rare in generated code and ignored).
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const references: string[][] = [];
  for (const match of code.matchAll(TRAVERSAL)) {
    const start = match.index ?? 0;
    const before = code.slice(0, start).trimEnd();
    const after = code.slice(start + match[0].length).trimStart();
    if (before.endsWith(".") || /[A-Za-z0-9_]$/.test(code.slice(0, start))) continue;
    if (after.startsWith("(")) continue;
    const segments = match[0]
      .replace(/\[[^\]]*\]/g, "")
      .split(".")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    references.push(segments);
  }
  return references;
}
