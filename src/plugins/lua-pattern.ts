// Kong's `match` and `match_none` rules are Lua patterns (string.find), not regular expressions.
// This translates the subset Lua patterns share with regular expressions; anything else
// (captures, %b, %f, back references) is refused, so that a rule is never silently skipped.

const CLASSES: Readonly<Record<string, string>> = {
  a: "A-Za-z",
  c: "\\x00-\\x1f\\x7f",
  d: "0-9",
  g: "\\x21-\\x7e",
  l: "a-z",
  p: "!-\\/:-@\\[-`{-~",
  s: " \\t\\n\\v\\f\\r",
  u: "A-Z",
  w: "A-Za-z0-9",
  x: "0-9A-Fa-f",
};

function escapeForClass(ch: string): string {
  return /[\\\]^-]/.test(ch) ? "\\" + ch : ch;
}

function escapeLiteral(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? "\\" + ch : ch;
}

/** `%x` as a regular-expression atom (outside a set). */
function percentAtom(ch: string, pattern: string): string {
  const cls = CLASSES[ch.toLowerCase()];
  if (cls !== undefined) {
    return ch === ch.toLowerCase() ? `[${cls}]` : `[^${cls}]`;
  }
  if (/[A-Za-z0-9]/.test(ch)) {
    throw new Error(`Unsupported Lua pattern item %${ch} in ${pattern}.`);
  }
  return escapeLiteral(ch);
}

/** `%x` inside a set. */
function percentInSet(ch: string, pattern: string): string {
  const cls = CLASSES[ch.toLowerCase()];
  if (cls !== undefined) {
    if (ch !== ch.toLowerCase()) {
      throw new Error(`Unsupported negated class %${ch} inside a set in Lua pattern ${pattern}.`);
    }
    return cls;
  }
  if (/[A-Za-z0-9]/.test(ch)) {
    throw new Error(`Unsupported Lua pattern item %${ch} in ${pattern}.`);
  }
  return escapeForClass(ch);
}

/** Translates a Lua pattern into an equivalent regular expression (same find semantics). */
export function luaPatternToRegExp(pattern: string): RegExp {
  let i = 0;
  let out = "";
  if (pattern.startsWith("^")) {
    out += "^";
    i = 1;
  }
  while (i < pattern.length) {
    const ch = pattern[i];
    let atom: string;
    if (ch === "$" && i === pattern.length - 1) {
      out += "$";
      i += 1;
      continue;
    } else if (ch === "%") {
      if (i + 1 >= pattern.length) throw new Error(`Malformed Lua pattern ${pattern}.`);
      atom = percentAtom(pattern[i + 1], pattern);
      i += 2;
    } else if (ch === "[") {
      let j = i + 1;
      let set = "[";
      if (pattern[j] === "^") {
        set += "^";
        j += 1;
      }
      let first = true;
      while (j < pattern.length && (pattern[j] !== "]" || first)) {
        first = false;
        if (pattern[j] === "%") {
          if (j + 1 >= pattern.length) throw new Error(`Malformed Lua pattern ${pattern}.`);
          set += percentInSet(pattern[j + 1], pattern);
          j += 2;
        } else if (pattern[j + 1] === "-" && j + 2 < pattern.length && pattern[j + 2] !== "]") {
          set += `${escapeForClass(pattern[j])}-${escapeForClass(pattern[j + 2])}`;
          j += 3;
        } else {
          set += escapeForClass(pattern[j]);
          j += 1;
        }
      }
      if (j >= pattern.length) throw new Error(`Malformed Lua pattern ${pattern}.`);
      atom = set + "]";
      i = j + 1;
    } else if (ch === ".") {
      atom = "[\\s\\S]";
      i += 1;
    } else if (ch === "(" || ch === ")") {
      throw new Error(`Unsupported capture in Lua pattern ${pattern}.`);
    } else {
      atom = escapeLiteral(ch);
      i += 1;
    }
    const quantifier = pattern[i];
    if (quantifier === "*" || quantifier === "+" || quantifier === "?") {
      atom += quantifier;
      i += 1;
    } else if (quantifier === "-") {
      atom += "*?";
      i += 1;
    }
    out += atom;
  }
  return new RegExp(out);
}
