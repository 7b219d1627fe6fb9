// How Kong's entity checks read a record: the effective value of a field (given, else its
// default, through records Kong builds from defaults), and what counts as empty.
import { type KongField, isPlainObject } from "../catalog";
import type { FieldCheckContext } from "./check-fields";

type Fields = Readonly<Record<string, KongField>>;
type Rec = Readonly<Record<string, unknown>>;

/** Reads a field of a record as Kong sees it in its checks: the value given, else its default. */
type Getter = (record: Rec) => unknown;

/**
 * The getter of a dotted path relative to a record. A record left out is read from its own
 * default (or built from its fields' defaults), as Kong fills them in before its checks.
 */
export function effectiveGetter(fields: Fields, path: string): Getter {
  const [head, ...rest] = path.split(".");
  const field = Object.prototype.hasOwnProperty.call(fields, head) ? fields[head] : undefined;
  if (!field)
    throw new Error(`Plugin catalogue: an entity check names ${path}, which is not a field`);
  if (rest.length === 0) {
    const fallback = field.default;
    return (record) => {
      const value = record[head];
      return value === undefined ? fallback : value;
    };
  }
  if (field.type !== "record" || !field.fields)
    throw new Error(
      `Plugin catalogue: an entity check names ${path} inside ${head}, which is not a record`,
    );
  const inner = effectiveGetter(field.fields, rest.join("."));
  const absent: Rec = isPlainObject(field.default) ? field.default : {};
  return (record) => {
    const value = record[head];
    if (value === undefined) return inner(absent);
    return isPlainObject(value) ? inner(value) : value === null ? null : value;
  };
}

/** Kong's is_nonempty: nil, null, an empty table and an empty string count as absent. */
export function isNonEmpty(value: unknown, ctx: FieldCheckContext): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (ctx.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** "config.a", "config.a and config.b", "config.a, config.b and config.c". */
export function fieldList(paths: readonly string[]): string {
  return paths.length <= 2
    ? paths.join(" and ")
    : `${paths.slice(0, -1).join(", ")} and ${paths[paths.length - 1]}`;
}
