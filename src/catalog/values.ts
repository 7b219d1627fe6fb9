import { isObject, showValue } from "../common";

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

/** Whether `value` is a plain JSON object (not null, not an array, not an unresolved value). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !(value instanceof UnresolvedValue);
}

/** A value for error messages: an unresolved one as its expression, others as `showValue`. */
export function describeValue(value: unknown): string {
  return value instanceof UnresolvedValue ? value.expression : showValue(value);
}

/** Renders a child path: `config.a`, `config.a[0]`, `config.headers["X-Id"]`. */
export function childPath(path: string, key: string | number, inMap = false): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return inMap ? `${path}[${JSON.stringify(key)}]` : `${path}.${key}`;
}
