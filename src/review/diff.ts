import type { AttributeChange } from "./model";
import { childPath, Sensitive, toJson, Whole, type Presented } from "./present";

/**
 * The leaves of a presented value by path. A list of scalars (`paths`, `methods`, `tags`) is
 * one leaf, so that it reads as one before/after; lists of objects are walked by index.
 */
function leaves(
  value: Presented,
  path = "",
  out = new Map<string, Presented>(),
): Map<string, Presented> {
  if (
    value instanceof Sensitive ||
    value instanceof Whole ||
    value === null ||
    typeof value !== "object"
  ) {
    out.set(path, value);
  } else if (Array.isArray(value)) {
    const items = value as readonly Presented[];
    const scalars = items.every((v) => v === null || typeof v !== "object");
    if (scalars) out.set(path, value);
    else items.forEach((item, i) => leaves(item, childPath(path, i), out));
  } else {
    const entries = Object.entries(value as Readonly<Record<string, Presented>>);
    if (entries.length === 0) out.set(path, value);
    for (const [key, item] of entries) leaves(item, childPath(path, key), out);
  }
  return out;
}

function same(a: Presented | undefined, b: Presented | undefined): boolean {
  const key = (v: Presented | undefined): string =>
    v === undefined
      ? "undefined"
      : JSON.stringify(v, (_k, x: unknown) =>
          x instanceof Sensitive ? `\u0000${x.digest}` : x instanceof Whole ? x.value : x,
        );
  return key(a) === key(b);
}

/** Every attribute that differs between two presented entities, in the order they appear. */
export function diffAttributes(
  before: Readonly<Record<string, Presented>>,
  after: Readonly<Record<string, Presented>>,
): AttributeChange[] {
  const a = leaves(before);
  const b = leaves(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const changes: AttributeChange[] = [];
  for (const path of paths) {
    const from = a.get(path);
    const to = b.get(path);
    if (same(from, to)) continue;
    if (from instanceof Sensitive || to instanceof Sensitive) {
      changes.push({ path, sensitive: true });
    } else {
      changes.push({
        path,
        ...(from === undefined ? {} : { from: toJson(from) }),
        ...(to === undefined ? {} : { to: toJson(to) }),
      });
    }
  }
  return changes;
}
