// Kong's entity checks, compiled from the catalog's one-line summaries. The declarative forms
// (at_least_one_of, only_one_of, mutually_required, mutually_exclusive, conditional,
// conditional_at_least_one_of) are parsed once per plugin; custom functions are written by hand
// in custom-rules.ts; those only a node can decide are listed in src/catalog/unchecked.ts. Any other text
// is a compile error, so that a new catalog cannot drop a rule silently.
import { type KongField, uncheckedEntityChecks, describeValue } from "../catalog";
import type { FieldCheckContext, RecordRule } from "./check-fields";
import { customRules } from "./custom-rules";
import { effectiveGetter, fieldList, isNonEmpty } from "./effective-values";

type Fields = Readonly<Record<string, KongField>>;

function join(path: string, relative: string): string {
  return `${path}.${relative}`;
}

/** Why a conditional applies: its condition, unless it is on the field itself, and Kong's words. */
function because(
  path: string,
  ifName: string,
  ifValue: unknown,
  kongError?: string,
  thenName?: string,
): string {
  const condition =
    ifName === thenName ? "" : ` because ${join(path, ifName)} is ${describeValue(ifValue)}`;
  return `${condition}${kongError ? ` (${kongError})` : ""}`;
}

type ListRule = (names: readonly string[], fields: Fields) => RecordRule;

const atLeastOneOf: ListRule = (names, fields) => {
  const getters = names.map((n) => effectiveGetter(fields, n));
  return (record, path, ctx, out) => {
    if (getters.some((get) => isNonEmpty(get(record), ctx))) return;
    const paths = names.map((n) => join(path, n));
    out.push({
      path,
      detail: `${fieldList(paths)} ${paths.length === 1 ? "is" : "are all"} empty; expected ${paths.length === 1 ? "it" : "at least one of them"} to be set`,
    });
  };
};

// Kong wants exactly one (its fields are null, not absent, once it has filled in the defaults).
const onlyOneOf: ListRule = (names, fields) => {
  const getters = names.map((n) => effectiveGetter(fields, n));
  return (record, path, ctx, out) => {
    const set = names.filter((_, i) => isNonEmpty(getters[i](record), ctx));
    if (set.length === 1) return;
    const paths = (set.length === 0 ? names : set).map((n) => join(path, n));
    out.push({
      path,
      detail:
        set.length === 0
          ? `${fieldList(paths)} are all empty; expected exactly one of them to be set`
          : `${fieldList(paths)} are ${set.length === 2 ? "both" : "all"} set; expected only one of them`,
    });
  };
};

const mutuallyRequired: ListRule = (names, fields) => {
  const getters = names.map((n) => effectiveGetter(fields, n));
  return (record, path, ctx, out) => {
    const set = names.filter((_, i) => isNonEmpty(getters[i](record), ctx));
    if (set.length === 0 || set.length === names.length) return;
    const missing = names.filter((n) => !set.includes(n)).map((n) => join(path, n));
    const given = set.map((n) => join(path, n));
    out.push({
      path: missing[0],
      detail: `${fieldList(missing)} ${missing.length === 1 ? "is" : "are"} missing while ${fieldList(given)} ${given.length === 1 ? "is" : "are"} set; expected ${fieldList(names.map((n) => join(path, n)))} together or none of them`,
    });
  };
};

const mutuallyExclusive: ListRule = (names, fields) => {
  const getters = names.map((n) => effectiveGetter(fields, n));
  return (record, path, ctx, out) => {
    const set = names.filter((_, i) => isNonEmpty(getters[i](record), ctx));
    if (set.length <= 1) return;
    const paths = set.map((n) => join(path, n));
    out.push({
      path,
      detail: `${fieldList(paths)} are ${set.length === 2 ? "both" : "all"} set; expected at most one of them`,
    });
  };
};

const LIST_RULES: Readonly<Record<string, ListRule>> = {
  at_least_one_of: atLeastOneOf,
  only_one_of: onlyOneOf,
  mutually_required: mutuallyRequired,
  mutually_exclusive: mutuallyExclusive,
};

/** The condition of a conditional check, on the effective value of its field. */
type Condition = (value: unknown) => boolean;

function condition(operator: string, operand: unknown): Condition {
  switch (operator) {
    case "==":
      return (v) => v === operand;
    case ">":
      return (v) => typeof v === "number" && v > (operand as number);
    case "in":
      return (v) => (operand as unknown[]).includes(v);
    case "not in":
      return (v) => !(operand as unknown[]).includes(v);
  }
  throw new Error(`Plugin catalogue: unknown operator ${operator}`);
}

/** A conditional's consequence: what the `then` field's effective value must be, or why not. */
type Consequence = (value: unknown, ctx: FieldCheckContext) => string | undefined;

function consequence(text: string): Consequence {
  if (text === "required") return (v) => (v === undefined || v === null ? "a value" : undefined);
  const equal = /^must == (.+)$/.exec(text);
  if (equal) {
    const expected: unknown = JSON.parse(equal[1]);
    const shown = describeValue(expected);
    return (v) => (v === expected ? undefined : shown);
  }
  const contain = /^must contain (.+)$/.exec(text);
  if (contain) {
    const item: unknown = JSON.parse(contain[1]);
    const shown = `it to contain ${describeValue(item)}`;
    return (v) => (Array.isArray(v) && v.includes(item) ? undefined : shown);
  }
  throw new Error(`Plugin catalogue: unknown conditional consequence ${text}`);
}

const QUOTED = /^'(.*)'$|^"(.*)"$/;

function unquote(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = QUOTED.exec(text);
  return match ? (match[1] ?? match[2]) : text;
}

function conditional(
  ifName: string,
  test: Condition,
  thenName: string,
  then: Consequence,
  kongError: string | undefined,
  fields: Fields,
): RecordRule {
  const getIf = effectiveGetter(fields, ifName);
  const getThen = effectiveGetter(fields, thenName);
  return (record, path, ctx, out) => {
    const ifValue = getIf(record);
    if (ifValue === undefined || ifValue === null || ctx.isUnresolved(ifValue) || !test(ifValue))
      return;
    const thenValue = getThen(record);
    if (thenValue !== undefined && ctx.isUnresolved(thenValue)) return;
    const expected = then(thenValue, ctx);
    if (expected === undefined) return;
    const thenPath = join(path, thenName);
    const shown =
      thenValue === undefined || thenValue === null ? "missing" : describeValue(thenValue);
    out.push({
      path: thenPath,
      detail: `${thenPath} is ${shown}; expected ${expected}${because(path, ifName, ifValue, kongError, thenName)}`,
    });
  };
}

function conditionalAtLeastOneOf(
  ifName: string,
  test: Condition,
  names: readonly string[],
  kongError: string,
  fields: Fields,
): RecordRule {
  const getIf = effectiveGetter(fields, ifName);
  const getters = names.map((n) => effectiveGetter(fields, n));
  return (record, path, ctx, out) => {
    const ifValue = getIf(record);
    if (ifValue === undefined || ifValue === null || ctx.isUnresolved(ifValue) || !test(ifValue))
      return;
    if (getters.some((get) => isNonEmpty(get(record), ctx))) return;
    const paths = names.map((n) => join(path, n));
    const error = kongError.replace("%s", paths.map((p) => `'${p}'`).join(", "));
    const one = paths.length === 1;
    out.push({
      path: paths[0],
      detail: `${fieldList(paths)} ${one ? "is" : "are all"} missing; expected ${one ? "a value" : "at least one of them"}${because(path, ifName, ifValue, error)}`,
    });
  };
}

const NAME = "[A-Za-z0-9_.]+";
const NAMES = `${NAME}(?:, ${NAME})*`;
const TAG = "(?: \\(config record\\))?";
const LIST_CHECK = new RegExp(`^(${Object.keys(LIST_RULES).join("|")})${TAG}: (${NAMES})$`);
const CONDITIONAL = new RegExp(
  `^conditional${TAG}: if (${NAME}) (==|>|in|not in) (.+?) then (${NAME}) (required|must == .+?|must contain .+?)(?:; error (.+))?$`,
);
const CONDITIONAL_AT_LEAST_ONE_OF = new RegExp(
  `^conditional_at_least_one_of${TAG}: if (${NAME}) (in) (\\[.*?\\]) then at least one of (${NAMES}); error '(.*)' \\(%s = quoted field list\\)$`,
);

/** Parses one declarative check; undefined when the text is none of the declarative forms. */
function parseCheck(text: string, fields: Fields, prefix: string): RecordRule | undefined {
  const local = (name: string): string => {
    if (!name.startsWith(prefix))
      throw new Error(
        `Plugin catalogue: entity check path ${name} is outside ${prefix || "its record"}`,
      );
    return name.slice(prefix.length);
  };
  const list = LIST_CHECK.exec(text);
  if (list) return LIST_RULES[list[1]](list[2].split(", ").map(local), fields);
  const cond = CONDITIONAL.exec(text);
  if (cond) {
    const [, ifName, operator, operand, thenName, then, error] = cond;
    return conditional(
      local(ifName),
      condition(operator, JSON.parse(operand)),
      local(thenName),
      consequence(then),
      unquote(error),
      fields,
    );
  }
  const some = CONDITIONAL_AT_LEAST_ONE_OF.exec(text);
  if (some) {
    const [, ifName, operator, operand, names, error] = some;
    return conditionalAtLeastOneOf(
      local(ifName),
      condition(operator, JSON.parse(operand)),
      names.split(", ").map(local),
      error,
      fields,
    );
  }
  return undefined;
}

/**
 * Compiles a record's entity checks against its fields. `prefix` is how the texts name the
 * record's fields: "config." for a plugin's own checks, "" for a nested record's.
 */
export function compileRecordRules(
  checks: readonly string[],
  fields: Fields,
  prefix = "",
): RecordRule[] {
  const rules: RecordRule[] = [];
  for (const text of checks) {
    if (Object.prototype.hasOwnProperty.call(uncheckedEntityChecks, text)) continue;
    const custom = Object.prototype.hasOwnProperty.call(customRules, text)
      ? customRules[text]
      : undefined;
    const rule = custom ? custom(fields) : parseCheck(text, fields, prefix);
    if (!rule) throw new Error(`Plugin catalogue: an entity check without a decision: ${text}`);
    rules.push(rule);
  }
  return rules;
}
