/**
 * A config value that is only known when Terraform plans (a variable, another resource's id).
 * The checker accepts it for any field and skips the checks of its value.
 */
export class UnresolvedValue {
  constructor(readonly expression: string) {}
}

/**
 * Whether a string holds an interpolation resolved later: a Terraform `${…}` expression
 * (cdktf tokens render as `${TfToken[…]}` too). `$${` is Terraform's escape for a literal `${`.
 */
export function hasInterpolation(text: string): boolean {
  return text.includes("${") && text.replace(/\$\$\{/g, "").includes("${");
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof UnresolvedValue)
  );
}

/** A short, JSON-like rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value instanceof UnresolvedValue) return value.expression;
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? text.slice(0, 77) + "..." : text;
}
