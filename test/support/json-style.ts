import fc from "fast-check";

/**
 * A way of writing the same JSON value differently: whitespace between tokens, object keys in
 * another order, characters of strings as `\uXXXX` escapes, integers as `4.0` or `40e-1`. Each
 * list is used cyclically, so a short list describes a whole document, and fast-check shrinks
 * it towards the plain spelling.
 */
export interface JsonStyle {
  readonly whitespace: readonly string[];
  /** For each object in turn: which remaining key to write next (modulo their number). */
  readonly keyOrder: readonly number[];
  /** For each string character in turn: write it as an escape. */
  readonly escapes: readonly boolean[];
  /** For each integer in turn: 0 as is, 1 with `.0`, 2 with `e0`, 3 as ten times `e-1`. */
  readonly integers: readonly number[];
}

export const jsonStyle: fc.Arbitrary<JsonStyle> = fc.record({
  whitespace: fc.array(fc.constantFrom("", " ", "\n", "\t", "\r\n  "), {
    minLength: 1,
    maxLength: 6,
  }),
  keyOrder: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
  escapes: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
  integers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
});

/** Cycles through a non-empty list. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

/** `value` written as JSON text in `style`; `JSON.parse` of it equals `value`. */
export function writeJson(value: unknown, style: JsonStyle): string {
  const ws = cycle(style.whitespace);
  const order = cycle(style.keyOrder);
  const escape = cycle(style.escapes);
  const integer = cycle(style.integers);
  const str = (s: string): string => {
    let out = '"';
    for (const ch of s) {
      if (escape()) {
        for (let i = 0; i < ch.length; i++)
          out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
      } else out += JSON.stringify(ch).slice(1, -1);
    }
    return out + '"';
  };
  const num = (n: number): string => {
    if (!Number.isSafeInteger(n) || Math.abs(n) > 1e15 || Object.is(n, -0))
      return JSON.stringify(n);
    switch (integer()) {
      case 1:
        return `${n}.0`;
      case 2:
        return `${n}e0`;
      case 3:
        return n === 0 ? "0e-1" : `${n}0e-1`;
      default:
        return String(n);
    }
  };
  const write = (v: unknown): string => {
    if (v === null || typeof v === "boolean") return String(v);
    if (typeof v === "number") return num(v);
    if (typeof v === "string") return str(v);
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => write(x) + ws()).join(`,${ws()}`)}]`;
    const keys = Object.keys(v as object);
    const ordered: string[] = [];
    while (keys.length > 0) ordered.push(keys.splice(order() % keys.length, 1)[0]);
    const members = ordered.map(
      (k) => `${str(k)}${ws()}:${ws()}${write((v as Record<string, unknown>)[k])}${ws()}`,
    );
    return `{${ws()}${members.join(`,${ws()}`)}}`;
  };
  return `${ws()}${write(value)}${ws()}`;
}
