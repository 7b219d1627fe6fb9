import type { Rng } from "./prng";

/**
 * Ways of writing a payload as body text that a raw-body scanner must read exactly as the
 * decode path does: the same value spelt differently (whitespace, escapes, number spellings),
 * and texts that are not what they seem (a repeated key, bytes after the document, a cut body,
 * `[]` for `{}`, surrogates, raw tabs). Each is applied at a random place.
 */
export const BODY_TEXT_KINDS = [
  "compact",
  "pretty",
  "escaped-strings",
  "escaped-key",
  "surrogates",
  "raw-tab",
  "number-spelling",
  "repeated-key",
  "after-document",
  "cut",
  "empty-swap",
  "byte-order-mark",
  "control-byte",
  "bad-utf8",
] as const;
export type BodyTextKind = (typeof BODY_TEXT_KINDS)[number];

/** Indexes in `text` where a JSON string starts (an unescaped quote opening a string). */
function stringStarts(text: string): number[] {
  const starts: number[] = [];
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inside) {
      if (c === "\\") i++;
      else if (c === '"') inside = false;
    } else if (c === '"') {
      inside = true;
      starts.push(i);
    }
  }
  return starts;
}

/** The index of the quote closing the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

const pick = <T>(rng: Rng, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[rng.int(0, items.length - 1)];

const unicodeEscape = (unit: number): string => "\\u" + unit.toString(16).padStart(4, "0");

/** Rewrites the characters of one string (keys included when `keys`) as escapes. */
function escapeOne(text: string, rng: Rng, keys: boolean): string {
  const starts = stringStarts(text).filter((s) => {
    const after = text[stringEnd(text, s) + 1];
    return keys ? after === ":" : after !== ":";
  });
  const start = pick(rng, starts);
  if (start === undefined) return text;
  const end = stringEnd(text, start);
  const inner = JSON.parse(text.slice(start, end + 1)) as string;
  let out = "";
  for (const ch of inner) {
    const r = rng.int(0, 3);
    if (ch === "/" && r === 0) out += "\\/";
    else if (r === 1 || ch.codePointAt(0)! > 0x7f)
      for (let k = 0; k < ch.length; k++) out += unicodeEscape(ch.charCodeAt(k));
    else out += JSON.stringify(ch).slice(1, -1);
  }
  return text.slice(0, start + 1) + out + text.slice(end);
}

/** Byte sequences that are not well-formed UTF-8 (overlong, surrogate, truncated, too high, stray). */
const BAD_UTF8 = [
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xff],
  [0xf0, 0x9f, 0x98],
];
/** Well-formed sequences at the edges: U+0080, U+07FF, U+FFFD, U+10000, U+10FFFF. */
const GOOD_UTF8 = [
  [0xc2, 0x80],
  [0xdf, 0xbf],
  [0xef, 0xbf, 0xbd],
  [0xf0, 0x90, 0x80, 0x80],
  [0xf4, 0x8f, 0xbf, 0xbf],
];

/** One way of writing `payload` (a JSON value) as a body: text, or bytes that may not be UTF-8. */
export function bodyText(payload: unknown, kind: BodyTextKind, rng: Rng): string | Uint8Array {
  const compact = JSON.stringify(payload);
  switch (kind) {
    case "compact":
      return compact;
    case "pretty":
      return JSON.stringify(payload, null, rng.chance(0.5) ? 2 : "\t") + "\r\n";
    case "escaped-strings":
      return escapeOne(escapeOne(compact, rng, false), rng, false);
    case "escaped-key":
      return escapeOne(compact, rng, true);
    case "surrogates": {
      const start = pick(rng, stringStarts(compact));
      if (start === undefined) return compact;
      const units = [[0xd83d, 0xde00], [0xd800], [0xdc00], [0xdbff, 0x41]];
      const insert = (pick(rng, units) ?? []).map(unicodeEscape).join("");
      return compact.slice(0, start + 1) + insert + compact.slice(start + 1);
    }
    case "raw-tab": {
      const start = pick(rng, stringStarts(compact));
      if (start === undefined) return compact;
      return compact.slice(0, start + 1) + "\t" + compact.slice(start + 1);
    }
    case "number-spelling": {
      const numbers = [...compact.matchAll(/(?<=[:[,])-?\d+(\.\d+)?([eE][+-]?\d+)?(?=[,\]}])/g)];
      const found = pick(rng, numbers);
      if (found === undefined) return compact;
      const n = found[0];
      const spellings = [
        `${n}.0`,
        `${n}e0`,
        `${n}E+2`,
        `0${n}`,
        `${n}.`,
        `+${n}`,
        `-${n}`,
        `${n}0000000000`,
        `${n}e400`,
        "1" + "0".repeat(rng.int(8, 40)),
        "-0",
        "0x10",
        "1.5",
      ];
      const spelt = pick(rng, spellings) ?? n;
      return compact.slice(0, found.index) + spelt + compact.slice(found.index + n.length);
    }
    case "repeated-key": {
      // Repeats one "key":value member of some object, right after it.
      const keys = stringStarts(compact).filter((s) => compact[stringEnd(compact, s) + 1] === ":");
      const start = pick(rng, keys);
      if (start === undefined) return compact;
      const valueEnd = memberEnd(compact, stringEnd(compact, start) + 2);
      const member = compact.slice(start, valueEnd);
      return compact.slice(0, valueEnd) + "," + member + compact.slice(valueEnd);
    }
    case "after-document":
      return compact + (pick(rng, [" x", "\u0000", "{}", " ", "\n\u0000\n", ",1"]) ?? "");
    case "cut": {
      // Cut as bytes: the cut may fall inside a UTF-8 sequence.
      const bytes = Buffer.from(compact, "utf8");
      return bytes.subarray(0, rng.int(0, Math.max(0, bytes.length - 1)));
    }
    case "empty-swap": {
      const empties = [...compact.matchAll(/\[\]|\{\}/g)];
      const found = pick(rng, empties);
      if (found === undefined) return compact.replace(/^\{/, "[").replace(/\}$/, "]");
      const swapped = found[0] === "[]" ? "{}" : "[]";
      return compact.slice(0, found.index) + swapped + compact.slice(found.index + 2);
    }
    case "byte-order-mark":
      return "\ufeff" + compact;
    case "control-byte": {
      // A raw control byte inside a string or between tokens.
      const at = pick(rng, [...stringStarts(compact).map((s) => s + 1), 0, compact.length]) ?? 0;
      const byte = String.fromCharCode(pick(rng, [0, 1, 8, 9, 10, 13, 0x1f, 0x7f]) ?? 1);
      return compact.slice(0, at) + byte + compact.slice(at);
    }
    case "bad-utf8": {
      const start = pick(rng, stringStarts(compact));
      const bytes = Buffer.from(compact, "utf8");
      if (start === undefined) return bytes;
      const at = Buffer.byteLength(compact.slice(0, start + 1), "utf8");
      const insert = pick(rng, rng.chance(0.5) ? BAD_UTF8 : GOOD_UTF8) ?? [];
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at)]);
    }
  }
}

/** The index just after the JSON value starting at `i` in valid JSON text. */
function memberEnd(text: string, i: number): number {
  let depth = 0;
  for (let k = i; k < text.length; k++) {
    const c = text[k];
    if (c === '"') k = stringEnd(text, k);
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) return k;
      depth--;
      if (depth === 0) return k + 1;
    } else if (c === "," && depth === 0) return k;
  }
  return text.length;
}
