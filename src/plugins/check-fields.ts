// Kong's field rules, compiled once per field into closures: checking a config walks the config,
// never the catalog. Each closure pushes problems; none pushed means the value is valid.
import {
  type KongField,
  UnresolvedValue,
  childPath,
  describeValue,
  hasInterpolation,
  isPlainObject,
} from "../catalog";
import { containerValidator, stringValidator } from "./field-validators";
import { Secret } from "../common";
import { luaPatternToRegExp } from "./lua-pattern";
import { findCredentialShape, acceptsSecret, requiresSecret, urlCredentials } from "../secrets";

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

/** Checks one present value (not `undefined`) found at `path`. */
export type ValueChecker = (
  value: unknown,
  path: string,
  ctx: FieldCheckContext,
  out: FieldProblem[],
) => void;

/** Checks a plain object against record fields. */
export type RecordChecker = (
  value: Readonly<Record<string, unknown>>,
  path: string,
  ctx: FieldCheckContext,
  out: FieldProblem[],
) => void;

/**
 * A whole-record rule (Kong's entity checks), run on a record whose fields passed: `record` is the
 * value as given; rules read Kong's effective values (defaults filled in) themselves.
 */
export type RecordRule = RecordChecker;

/** Compiles the entity checks of a record, given the record's fields; supplied by the caller. */
export type RecordRulesCompiler = (
  checks: readonly string[],
  fields: Readonly<Record<string, KongField>>,
  prefix: string,
) => readonly RecordRule[];

export const defaultIsUnresolved = (value: unknown): boolean => value instanceof UnresolvedValue;

const patternCache = new Map<string, RegExp>();

/** A Lua pattern as a regular expression, translated once per pattern. */
function luaPattern(pattern: string): RegExp {
  let regexp = patternCache.get(pattern);
  if (!regexp) {
    regexp = luaPatternToRegExp(pattern);
    patternCache.set(pattern, regexp);
  }
  return regexp;
}

/** The type of a field as a noun phrase, for "expected …". */
function describeType(field: KongField): string {
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

/**
 * Kong fills in a missing field from its default (or generates it, `auto`), and builds a missing
 * record from its fields.
 */
function isMissingAllowed(field: KongField): boolean {
  return (
    field.required !== true ||
    field.default !== undefined ||
    field.auto === true ||
    field.type === "record"
  );
}

export { childPath };

/**
 * Whether `text` has from `min` to `max` code points. A string of n UTF-16 units has n/2 to n
 * code points, so most strings (a Lua chunk of kilobytes, say) are decided without counting.
 */
function lengthWithin(text: string, min = 0, max = Infinity): boolean {
  if (text.length <= max && text.length / 2 >= min) return true;
  const count = [...text].length;
  return count >= min && count <= max;
}

function listOf(values: readonly (string | number)[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Kong's `kong.vault.is_reference`: `{vault:/…}`. */
function isVaultReference(value: string): boolean {
  return value.startsWith("{vault:/") && value.endsWith("}");
}

/** A rule on a value of the right type: what it should be, or undefined when it passes. */
type Rule<T> = (value: T) => string | undefined;

/** Kong's string rules in the order of its Schema.validators_order. */
function stringRules(field: KongField): Rule<string>[] {
  const rules: Rule<string>[] = [];
  // Kong takes no empty string unless the field says so (validate_field sets len_min = 1).
  const { len_min: min = 1, len_max: max } = field;
  if (min > 0) {
    const text = `a string of at least ${plural(min, "character")}`;
    rules.push((v) => (lengthWithin(v, min) ? undefined : text));
  }
  if (max !== undefined) {
    const text = `a string of at most ${plural(max, "character")}`;
    rules.push((v) => (lengthWithin(v, 0, max) ? undefined : text));
  }
  const prefix = field.starts_with;
  if (prefix !== undefined) {
    const text = `a string starting with ${JSON.stringify(prefix)}`;
    rules.push((v) => (v.startsWith(prefix) ? undefined : text));
  }
  if (field.match !== undefined) {
    const regexp = luaPattern(field.match);
    const text = `a string matching the Lua pattern ${field.match}${field.err ? ` (${field.err})` : ""}`;
    rules.push((v) => (regexp.test(v) ? undefined : text));
  }
  for (const rule of field.match_all ?? []) {
    const regexp = luaPattern(rule.pattern);
    const text = `a string matching the Lua pattern ${rule.pattern} (${rule.err})`;
    rules.push((v) => (regexp.test(v) ? undefined : text));
  }
  for (const rule of field.match_none ?? []) {
    const regexp = luaPattern(rule.pattern);
    const text = `a string that does not match the Lua pattern ${rule.pattern} (${rule.err})`;
    rules.push((v) => (regexp.test(v) ? text : undefined));
  }
  if (field.match_any) {
    const regexps = field.match_any.patterns.map(luaPattern);
    const text = `a string matching one of the Lua patterns ${field.match_any.patterns.join(", ")} (${field.match_any.err})`;
    rules.push((v) => (regexps.some((r) => r.test(v)) ? undefined : text));
  }
  return rules;
}

function compileString(field: KongField): ValueChecker {
  const allowed = field.one_of ? new Set<unknown>(field.one_of) : undefined;
  const allowedText = field.one_of ? `one of ${listOf(field.one_of)}` : "";
  const refused = field.not_one_of ? new Set<unknown>(field.not_one_of) : undefined;
  const refusedText = field.not_one_of ? `none of ${listOf(field.not_one_of)}` : "";
  const referenceable = field.referenceable === true;
  const rules = stringRules(field);
  const custom = stringValidator(field.custom_validator);
  if (custom) rules.push(custom);
  // Never echo a secret (Kong encrypts these fields at rest, a URL may carry one) into a build
  // log. Rendered only for a problem: most values are fine, and rendering a long one is not free.
  const shown = (value: string): string =>
    field.encrypted || urlCredentials(value) || findCredentialShape(value)
      ? "a secret value"
      : describeValue(value);
  return (value, path, _ctx, out) => {
    if (typeof value !== "string") return wrongType(field, value, path, out);
    // A string built from an expression is only known at plan time: its type is all we can check.
    if (value.includes("${") && hasInterpolation(value)) return;
    // Kong resolves a vault reference in a referenceable field before it checks the value.
    if (referenceable && isVaultReference(value)) return;
    if (allowed && !allowed.has(value)) {
      out.push({ path, detail: `${path} is ${shown(value)}; expected ${allowedText}` });
      return;
    }
    if (refused?.has(value)) {
      out.push({ path, detail: `${path} is ${shown(value)}; expected ${refusedText}` });
      return;
    }
    // Kong reports the first rule a value breaks, in its validators' order.
    for (const rule of rules) {
      const expected = rule(value);
      if (expected !== undefined) {
        out.push({ path, detail: `${path} is ${shown(value)}; expected ${expected}` });
        return;
      }
    }
  };
}

function compileNumber(field: KongField): ValueChecker {
  const integer = field.type === "integer";
  const noun = integer ? "an integer" : "a number";
  const allowed = field.one_of ? new Set<unknown>(field.one_of) : undefined;
  const allowedText = field.one_of ? `one of ${listOf(field.one_of)}` : "";
  const rules: Rule<number>[] = [];
  const gt = field.gt;
  if (gt !== undefined) {
    const text = `${noun} > ${gt}`;
    rules.push((v) => (v > gt ? undefined : text));
  }
  const between = field.between;
  if (between) {
    const text = `${noun} between ${between[0]} and ${between[1]}`;
    rules.push((v) => (v < between[0] || v > between[1] ? text : undefined));
  }
  return (value, path, _ctx, out) => {
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (integer && !Number.isInteger(value))
    )
      return wrongType(field, value, path, out);
    if (allowed && !allowed.has(value)) {
      out.push({ path, detail: `${path} is ${describeValue(value)}; expected ${allowedText}` });
      return;
    }
    for (const rule of rules) {
      const expected = rule(value);
      if (expected !== undefined) {
        out.push({ path, detail: `${path} is ${describeValue(value)}; expected ${expected}` });
        return;
      }
    }
  };
}

function compileBoolean(field: KongField): ValueChecker {
  return (value, path, _ctx, out) => {
    if (typeof value !== "boolean") wrongType(field, value, path, out);
  };
}

function compileElements(field: KongField, rules: RecordRulesCompiler): ValueChecker {
  const { len_min: min, len_max: max } = field;
  const isSet = field.type === "set";
  // Kong forces array and set elements to be required (validate_elements), and encrypts an
  // encrypted array element by element.
  const element = field.elements
    ? compileField(
        {
          ...field.elements,
          required: true,
          encrypted: field.elements.encrypted ?? field.encrypted,
        },
        rules,
      )
    : undefined;
  const custom = containerValidator(field.custom_validator);
  return (value, path, ctx, out) => {
    if (!Array.isArray(value)) return wrongType(field, value, path, out);
    if (min !== undefined && value.length < min) {
      out.push({
        path,
        detail: `${path} is ${describeValue(value)}; expected at least ${plural(min, "element")}`,
      });
    }
    if (max !== undefined && value.length > max) {
      out.push({
        path,
        detail: `${path} is ${describeValue(value)}; expected at most ${plural(max, "element")}`,
      });
    }
    const before = out.length;
    if (element) {
      for (let i = 0; i < value.length; i++) element(value[i], `${path}[${i}]`, ctx, out);
    }
    if (isSet && value.length > 1) {
      const seen = new Set<string>();
      for (const item of value) {
        if (ctx.isUnresolved(item)) continue;
        const key = JSON.stringify(item);
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
    if (custom && out.length === before) {
      const clause = custom(value);
      if (clause !== undefined) out.push({ path, detail: `${path} ${clause}` });
    }
  };
}

function compileMap(field: KongField, rules: RecordRulesCompiler): ValueChecker {
  // Kong forces map keys and values to be required (validate_field).
  const key = field.keys ? compileField({ ...field.keys, required: true }, rules) : undefined;
  const entry = field.values ? compileField({ ...field.values, required: true }, rules) : undefined;
  const custom = containerValidator(field.custom_validator);
  return (value, path, ctx, out) => {
    if (!isPlainObject(value)) return wrongType(field, value, path, out);
    const before = out.length;
    for (const name of Object.keys(value)) {
      if (key) {
        const keyProblems: FieldProblem[] = [];
        key(name, path, ctx, keyProblems);
        // Re-word key problems: the path is the map, the bad value is the key.
        for (const problem of keyProblems) {
          out.push({ path, detail: problem.detail.replace(`${path} is `, `${path} has the key `) });
        }
      }
      if (entry) entry(value[name], childPath(path, name, true), ctx, out);
    }
    if (custom && out.length === before) {
      const clause = custom(value);
      if (clause !== undefined) out.push({ path, detail: `${path} ${clause}` });
    }
  };
}

function wrongType(field: KongField, value: unknown, path: string, out: FieldProblem[]): void {
  out.push({ path, detail: `${path} is ${describeValue(value)}; expected ${describeType(field)}` });
}

function compileByType(field: KongField, rules: RecordRulesCompiler): ValueChecker {
  switch (field.type) {
    case "string":
      return compileString(field);
    case "number":
    case "integer":
      return compileNumber(field);
    case "boolean":
      return compileBoolean(field);
    case "array":
    case "set":
      return compileElements(field, rules);
    case "map":
      return compileMap(field, rules);
    case "record": {
      const record = compileRecord(field.fields ?? {}, rules, field.entity_checks ?? []);
      const custom = containerValidator(field.custom_validator);
      return (value, path, ctx, out) => {
        if (!isPlainObject(value)) return wrongType(field, value, path, out);
        const before = out.length;
        record(value, path, ctx, out);
        if (custom && out.length === before) {
          const clause = custom(value);
          if (clause !== undefined) out.push({ path, detail: `${path} ${clause}` });
        }
      };
    }
  }
}

/**
 * Compiles one field into a checker of a present value: secrets, values resolved at plan time,
 * null, the type and every value rule of the catalog, nested fields and their entity checks.
 */
export function compileField(field: KongField, rules: RecordRulesCompiler): ValueChecker {
  const credential = requiresSecret(field);
  const takesSecret = acceptsSecret(field);
  const secretRefused = `expected ${describeType(field)} (Kong takes no secret in this field)`;
  const required = field.required === true;
  const nullText = `expected ${describeType(field)}`;
  const byType = compileByType(field, rules);
  return (value, path, ctx, out) => {
    if (credential && ctx.checkCredentials) return; // a credential: Secret or nothing
    if (value !== null && typeof value === "object") {
      if (Secret.isSecret(value)) {
        if (!takesSecret) out.push({ path, detail: `${path} is a Secret; ${secretRefused}` });
        return;
      }
    }
    if (ctx.isUnresolved(value)) return;
    if (value === null) {
      if (required) {
        const why = path.endsWith("]") ? "null is not allowed here" : "the field is required";
        out.push({ path, detail: `${path} is null; ${nullText} (${why})` });
      }
      return;
    }
    byType(value, path, ctx, out);
  };
}

/** What an absent field means: nothing, a record Kong builds from its defaults, or a problem. */
type Absent = "fine" | "build" | "missing";

function absentKind(field: KongField): Absent {
  // Kong builds a missing record from its fields' defaults; what has none is still missing.
  if (field.type === "record" && field.required === true && field.default === undefined)
    return "build";
  return isMissingAllowed(field) ? "fine" : "missing";
}

/**
 * Compiles record fields into a checker of an object: unknown fields, missing required fields,
 * each value, then (when the record's own fields passed, as Kong skips checks over invalid
 * fields) the record's entity checks.
 */
export function compileRecord(
  fields: Readonly<Record<string, KongField>>,
  rules: RecordRulesCompiler,
  entityChecks: readonly string[] = [],
  unknownField?: (name: string, path: string) => FieldProblem,
  prefix = "",
): RecordChecker {
  const names = Object.keys(fields);
  const known = new Set(names);
  const checkers = names.map((name) => compileField(fields[name], rules));
  const absent = names.map((name) => absentKind(fields[name]));
  const missing = names.map(
    (name) => `expected ${describeType(fields[name])} (required, no default)`,
  );
  const built = names.map((name, i) =>
    absent[i] === "build"
      ? compileRecord(fields[name].fields ?? {}, rules, fields[name].entity_checks ?? [])
      : undefined,
  );
  const builtPasses = names.map(() => false);
  const expectedFields = names.slice().sort().join(", ");
  const unknown =
    unknownField ??
    ((name: string, path: string): FieldProblem => ({
      path: childPath(path, name),
      detail: `${childPath(path, name)} is not a known field; expected one of ${expectedFields}`,
    }));
  const recordRules = entityChecks.length > 0 ? rules(entityChecks, fields, prefix) : [];
  return (value, path, ctx, out) => {
    const before = out.length;
    for (const name in value) {
      if (!known.has(name) && Object.prototype.hasOwnProperty.call(value, name))
        out.push(unknown(name, path));
    }
    for (let i = 0; i < names.length; i++) {
      const fieldValue = value[names[i]];
      if (fieldValue !== undefined) {
        checkers[i](fieldValue, `${path}.${names[i]}`, ctx, out);
      } else if (absent[i] === "build") {
        // The record Kong builds from defaults is the same each time: once it passes, skip it.
        if (builtPasses[i]) continue;
        const found: FieldProblem[] = [];
        built[i]!({}, `${path}.${names[i]}`, ctx, found);
        builtPasses[i] = found.length === 0;
        out.push(...found);
      } else if (absent[i] === "missing") {
        const fieldPath = `${path}.${names[i]}`;
        out.push({ path: fieldPath, detail: `${fieldPath} is missing; ${missing[i]}` });
      }
    }
    if (out.length === before) for (const rule of recordRules) rule(value, path, ctx, out);
  };
}
