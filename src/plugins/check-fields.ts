import type { KongField } from "./catalog";
import { runCustomValidator } from "./custom-validators";
import { Secret } from "../common";
import { luaPatternToRegExp } from "./lua-pattern";
import { findCredentialShape } from "./credential-shapes";
import { acceptsSecret, requiresSecret, urlCredentials } from "./secrets";
import { UnresolvedValue, describeValue, hasInterpolation, isPlainObject } from "./values";

/** One finding: the field path (`config.redis.port`) and what is wrong there, without the plugin. */
export interface FieldProblem {
  readonly path: string;
  readonly detail: string;
}

/** Options shared by the whole check. */
export interface FieldCheckContext {
  /** Values known only later (Terraform expressions, cdktf tokens): accepted for any field. */
  readonly isUnresolved: (value: unknown) => boolean;
  /**
   * Whether credentials are judged by the credential pass (`checkPluginCredentials`), not here.
   * @default false
   */
  readonly checkCredentials?: boolean;
}

export const defaultIsUnresolved = (value: unknown): boolean => value instanceof UnresolvedValue;

const patternCache = new Map<string, RegExp>();

function luaPattern(pattern: string): RegExp {
  let regexp = patternCache.get(pattern);
  if (!regexp) {
    regexp = luaPatternToRegExp(pattern);
    patternCache.set(pattern, regexp);
  }
  return regexp;
}

/** The type of a field as a noun phrase, for "expected …". */
export function describeType(field: KongField): string {
  switch (field.type) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "integer":
      return "an integer";
    case "boolean":
      return "a boolean";
    case "array":
      return "an array";
    case "set":
      return "a set (an array without duplicates)";
    case "map":
      return "an object (a map)";
    case "record":
      return "an object";
  }
}

/** Kong fills in a missing field from its default, and builds a missing record from its fields. */
export function isMissingAllowed(field: KongField): boolean {
  return field.required !== true || field.default !== undefined || field.type === "record";
}

/** Renders a child path: `config.a`, `config.a[0]`, `config.headers["X-Id"]`. */
export function childPath(path: string, key: string | number, inMap = false): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return inMap ? `${path}[${JSON.stringify(key)}]` : `${path}.${key}`;
}

/**
 * Whether `text` has from `min` to `max` code points. A string of n UTF-16 units has n/2 to n
 * code points, so most strings (a Lua chunk of kilobytes, say) are decided without counting.
 */
function lengthWithin(text: string, min = 0, max = Infinity): boolean {
  if (text.length <= max && text.length / 2 >= min) return true;
  const count = [...text].length;
  return count >= min && count <= max;
}

function checkString(field: KongField, value: string, path: string, out: FieldProblem[]): void {
  // A string built from an expression is only known at plan time: its type is all we can check.
  if (hasInterpolation(value)) return;
  // Never echo a secret (Kong encrypts these fields at rest, a URL may carry one) into a build
  // log. Rendered only for a problem: most values are fine, and rendering a long one is not free.
  const shown = (): string =>
    field.encrypted || urlCredentials(value) || findCredentialShape(value)
      ? "a secret value"
      : describeValue(value);
  if (field.one_of && !field.one_of.includes(value)) {
    out.push({ path, detail: `${path} is ${shown()}; expected one of ${listOf(field.one_of)}` });
    return;
  }
  if (field.len_min !== undefined && !lengthWithin(value, field.len_min)) {
    out.push({
      path,
      detail: `${path} is ${shown()}; expected a string of at least ${plural(field.len_min, "character")}`,
    });
  }
  if (field.len_max !== undefined && !lengthWithin(value, 0, field.len_max)) {
    out.push({
      path,
      detail: `${path} is ${shown()}; expected a string of at most ${plural(field.len_max, "character")}`,
    });
  }
  if (field.starts_with !== undefined && !value.startsWith(field.starts_with)) {
    out.push({
      path,
      detail: `${path} is ${shown()}; expected a string starting with ${JSON.stringify(field.starts_with)}`,
    });
  }
  if (field.match !== undefined && !luaPattern(field.match).test(value)) {
    const why = field.err ? ` (${field.err})` : "";
    out.push({
      path,
      detail: `${path} is ${shown()}; expected a string matching the Lua pattern ${field.match}${why}`,
    });
  }
  for (const rule of field.match_none ?? []) {
    if (luaPattern(rule.pattern).test(value)) {
      out.push({
        path,
        detail: `${path} is ${shown()}; expected a string that does not match the Lua pattern ${rule.pattern} (${rule.err})`,
      });
    }
  }
  const expected = runCustomValidator(field.custom_validator, value);
  if (expected !== undefined)
    out.push({ path, detail: `${path} is ${shown()}; expected ${expected}` });
}

function checkNumber(field: KongField, value: number, path: string, out: FieldProblem[]): void {
  const shown = describeValue(value);
  const noun = field.type === "integer" ? "an integer" : "a number";
  if (field.one_of && !field.one_of.includes(value)) {
    out.push({ path, detail: `${path} is ${shown}; expected one of ${listOf(field.one_of)}` });
    return;
  }
  if (field.between && (value < field.between[0] || value > field.between[1])) {
    out.push({
      path,
      detail: `${path} is ${shown}; expected ${noun} between ${field.between[0]} and ${field.between[1]}`,
    });
  }
  if (field.gt !== undefined && !(value > field.gt)) {
    out.push({ path, detail: `${path} is ${shown}; expected ${noun} > ${field.gt}` });
  }
}

function checkElements(
  field: KongField,
  value: readonly unknown[],
  path: string,
  ctx: FieldCheckContext,
  out: FieldProblem[],
): void {
  if (field.len_min !== undefined && value.length < field.len_min) {
    out.push({
      path,
      detail: `${path} is ${describeValue(value)}; expected at least ${plural(field.len_min, "element")}`,
    });
  }
  if (field.len_max !== undefined && value.length > field.len_max) {
    out.push({
      path,
      detail: `${path} is ${describeValue(value)}; expected at most ${plural(field.len_max, "element")}`,
    });
  }
  const elements = field.elements;
  if (elements) {
    // Kong forces array and set elements to be required (validate_elements), and encrypts an
    // encrypted array element by element.
    const required: KongField = {
      ...elements,
      required: true,
      encrypted: elements.encrypted ?? field.encrypted,
    };
    value.forEach((element, index) =>
      checkValue(required, element, childPath(path, index), ctx, out),
    );
  }
  if (field.type === "set") {
    const seen = new Set<string>();
    for (const element of value) {
      if (ctx.isUnresolved(element)) continue;
      const key = JSON.stringify(element);
      if (seen.has(key)) {
        out.push({
          path,
          detail: `${path} holds ${key} twice; expected a set (no duplicate elements)`,
        });
        break;
      }
      seen.add(key);
    }
  }
}

function checkMap(
  field: KongField,
  value: Record<string, unknown>,
  path: string,
  ctx: FieldCheckContext,
  out: FieldProblem[],
): void {
  for (const [key, entry] of Object.entries(value)) {
    if (field.keys) {
      const keyProblems: FieldProblem[] = [];
      checkValue({ ...field.keys, required: true }, key, path, ctx, keyProblems);
      // Re-word key problems: the path is the map, the bad value is the key.
      for (const problem of keyProblems) {
        out.push({ path, detail: problem.detail.replace(`${path} is `, `${path} has the key `) });
      }
    }
    if (field.values) {
      checkValue({ ...field.values, required: true }, entry, childPath(path, key, true), ctx, out);
    }
  }
}

/** Checks one value against its field; `undefined` (absent) is handled by the enclosing record. */
export function checkValue(
  field: KongField,
  value: unknown,
  path: string,
  ctx: FieldCheckContext,
  out: FieldProblem[],
): void {
  if (ctx.checkCredentials && requiresSecret(field)) return; // a credential: Secret or nothing
  if (Secret.isSecret(value)) {
    if (!acceptsSecret(field)) {
      out.push({
        path,
        detail: `${path} is a Secret; expected ${describeType(field)} (Kong takes no secret in this field)`,
      });
    }
    return;
  }
  if (ctx.isUnresolved(value)) return;
  if (value === null) {
    if (field.required === true) {
      const why = path.endsWith("]") ? "null is not allowed here" : "the field is required";
      out.push({ path, detail: `${path} is null; expected ${describeType(field)} (${why})` });
    }
    return;
  }
  const wrongType = (): void => {
    out.push({
      path,
      detail: `${path} is ${describeValue(value)}; expected ${describeType(field)}`,
    });
  };
  switch (field.type) {
    case "string":
      if (typeof value !== "string") return wrongType();
      return checkString(field, value, path, out);
    case "number":
    case "integer":
      if (typeof value !== "number" || !Number.isFinite(value)) return wrongType();
      if (field.type === "integer" && !Number.isInteger(value)) return wrongType();
      return checkNumber(field, value, path, out);
    case "boolean":
      if (typeof value !== "boolean") return wrongType();
      return;
    case "array":
    case "set":
      if (!Array.isArray(value)) return wrongType();
      return checkElements(field, value, path, ctx, out);
    case "map":
      if (!isPlainObject(value)) return wrongType();
      return checkMap(field, value, path, ctx, out);
    case "record":
      if (!isPlainObject(value)) return wrongType();
      return checkRecord(field.fields ?? {}, value, path, ctx, out);
  }
}

/** Checks an object against record fields: unknown fields, missing required fields, each value. */
export function checkRecord(
  fields: Readonly<Record<string, KongField>>,
  value: Record<string, unknown>,
  path: string,
  ctx: FieldCheckContext,
  out: FieldProblem[],
  unknownField: (name: string) => FieldProblem = (name) => ({
    path: childPath(path, name),
    detail: `${childPath(path, name)} is not a known field; expected one of ${Object.keys(fields).sort().join(", ")}`,
  }),
): void {
  for (const name of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(fields, name)) out.push(unknownField(name));
  }
  for (const [name, field] of Object.entries(fields)) {
    const fieldPath = childPath(path, name);
    const fieldValue = value[name];
    if (fieldValue !== undefined) {
      checkValue(field, fieldValue, fieldPath, ctx, out);
    } else if (field.type === "record" && field.required === true && field.default === undefined) {
      // Kong builds a missing record from its fields' defaults; what has none is still missing.
      checkRecord(field.fields ?? {}, {}, fieldPath, ctx, out);
    } else if (!isMissingAllowed(field)) {
      out.push({
        path: fieldPath,
        detail: `${fieldPath} is missing; expected ${describeType(field)} (required, no default)`,
      });
    }
  }
}

function listOf(values: readonly (string | number)[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
