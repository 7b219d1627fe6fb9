import { findCredentialShape, isLiteralCredentialValue } from "./credential-shapes";
import { isCredentialName } from "./plugin-secrets";

/** A literal credential in Lua source: the rule and where it starts (1-based), never the value. */
export interface LuaCredential {
  readonly rule: string;
  readonly line: number;
  readonly column: number;
}

type TokenKind = "name" | "string" | "comment" | "number" | "op";

interface Token {
  readonly kind: TokenKind;
  /** A name or operator as written; a string's value, escapes decoded; a comment's text. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:0[xX][0-9a-fA-F.]*(?:[pP][+-]?[0-9]+)?|[0-9.]+(?:[eE][+-]?[0-9]+)?)/y;
const LONG_OPEN = /\[(=*)\[/y;
const OPERATORS = ["...", "..", "==", "~=", "<=", ">=", "::"];
const ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Lua 5.1 tokens (LuaJIT's dialect), with comments kept; broken code ends the scan quietly. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const newlinesIn = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (source.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  const longBracket = (at: number): { level: number; end: number } | undefined => {
    LONG_OPEN.lastIndex = at;
    const open = LONG_OPEN.exec(source);
    if (!open) return undefined;
    const close = source.indexOf(`]${open[1]}]`, LONG_OPEN.lastIndex);
    return { level: open[1].length, end: close === -1 ? source.length : close };
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\n") {
      line++;
      lineStart = ++i;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = { line, column: i - lineStart + 1 };
    if (ch === "-" && source[i + 1] === "-") {
      const long = longBracket(i + 2);
      const from = long ? i + 4 + long.level : i + 2;
      const to = long
        ? long.end
        : source.indexOf("\n", i) === -1
          ? source.length
          : source.indexOf("\n", i);
      tokens.push({ kind: "comment", text: source.slice(from, to), ...start });
      const next = long ? Math.min(source.length, to + 2 + long.level) : to;
      newlinesIn(i, next);
      i = next;
      continue;
    }
    if (ch === "[") {
      const long = longBracket(i);
      if (long) {
        // A newline right after the opening bracket is not part of the string.
        const text = source.slice(i + 2 + long.level, long.end).replace(/^\r?\n/, "");
        tokens.push({ kind: "string", text, ...start });
        const next = Math.min(source.length, long.end + 2 + long.level);
        newlinesIn(i, next);
        i = next;
        continue;
      }
    }
    if (ch === '"' || ch === "'") {
      let text = "";
      let k = i + 1;
      while (k < source.length && source[k] !== ch && source[k] !== "\n") {
        if (source[k] === "\\") {
          const e = source[k + 1] ?? "";
          const digits = /^[0-9]{1,3}/.exec(source.slice(k + 1, k + 4));
          if (digits) {
            text += String.fromCharCode(Number(digits[0]) & 0xff);
            k += 1 + digits[0].length;
          } else if (e === "x" && /^[0-9a-fA-F]{2}$/.test(source.slice(k + 2, k + 4))) {
            text += String.fromCharCode(parseInt(source.slice(k + 2, k + 4), 16));
            k += 4;
          } else {
            if (e === "\n") newlinesIn(k + 1, k + 2);
            text += ESCAPES[e] ?? e;
            k += 2;
          }
        } else text += source[k++];
      }
      tokens.push({ kind: "string", text, ...start });
      // An unfinished string ends at the line's end; the newline is counted by the loop.
      i = source[k] === ch ? k + 1 : k;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(source);
    if (name) {
      tokens.push({ kind: "name", text: name[0], ...start });
      i = NAME.lastIndex;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = /[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(source[i + 1] ?? ""));
    if (number && NUMBER.exec(source)) {
      tokens.push({ kind: "number", text: source.slice(i, NUMBER.lastIndex), ...start });
      i = NUMBER.lastIndex;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i)) ?? ch;
    tokens.push({ kind: "op", text: op, ...start });
    i += op.length;
  }
  return tokens;
}

// Words that make a Lua name a credential's on their own, and those that do with "key".
const CREDENTIAL_PARTS = new Set([
  "apikey",
  "authorization",
  "credential",
  "credentials",
  "passphrase",
  "passwd",
  "password",
  "pwd",
  "secret",
  "token",
]);
const KEY_QUALIFIERS = new Set([
  "access",
  "api",
  "app",
  "auth",
  "client",
  "encryption",
  "master",
  "private",
  "signing",
  "subscription",
]);
// A last part that makes the name about a credential rather than one: `token_type`,
// `password_field`, `api_key_header`, `secret_name`.
const ABOUT_PARTS = new Set([
  "claim",
  "env",
  "err",
  "error",
  "field",
  "format",
  "header",
  "kind",
  "len",
  "length",
  "location",
  "message",
  "method",
  "mode",
  "msg",
  "name",
  "param",
  "path",
  "pattern",
  "prefix",
  "scheme",
  "size",
  "source",
  "suffix",
  "ttl",
  "type",
  "uri",
  "url",
  "var",
]);

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== "");
}

/**
 * Whether a Lua variable or field name names a credential: `password`, `api_key`, `apiToken`,
 * `client_secret`, but not a bare `key` (a table key, a cache key) nor a name about one
 * (`token_type`, `secret_name`).
 */
export function isLuaCredentialName(name: string): boolean {
  const parts = nameParts(name);
  if (parts.length === 0 || ABOUT_PARTS.has(parts[parts.length - 1])) return false;
  return parts.some(
    (part, i) => CREDENTIAL_PARTS.has(part) || (part === "key" && KEY_QUALIFIERS.has(parts[i - 1])),
  );
}

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A name given as a string (a header, a table key): the header rule applies. */
function isCredentialHeader(name: string): boolean {
  return HEADER_NAME.test(name) && isCredentialName(name);
}

/**
 * Whether a string given under a credential's name is a literal credential: after an optional
 * auth scheme, one word with no spaces (prose is not a credential), not a template, a
 * `string.format` pattern, a vault reference, a URL, nor a credential's name (`"X-Api-Key"`).
 */
function isLiteralSecret(value: string): boolean {
  const word = value.trim().replace(/^(?:bearer|basic|digest|token)\s+/i, "");
  return (
    isLiteralCredentialValue(word) &&
    !/\s/.test(word) &&
    !/%[-0-9.]*[sdqx]/.test(word) &&
    !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(word) &&
    !isCredentialHeader(word)
  );
}

interface Named {
  readonly name: string;
  /** Given as a string (`["X-Api-Key"]`, `get_header("X-Api-Key")`): a header's name. */
  readonly quoted: boolean;
}

function isCredential(named: Named | undefined): named is Named {
  if (!named) return false;
  return named.quoted ? isCredentialHeader(named.name) : isLuaCredentialName(named.name);
}

const is = (token: Token | undefined, kind: TokenKind, text?: string): boolean =>
  token !== undefined && token.kind === kind && (text === undefined || token.text === text);

/** The name of the operand that ends at `end`: `token`, `conf.token`, `t["X-Api-Key"]`, `get_header("X-Api-Key")`. */
function nameEndingAt(tokens: readonly Token[], end: number): Named | undefined {
  const last = tokens[end];
  if (is(last, "name")) return { name: last.text, quoted: false };
  const bracketed =
    (is(last, "op", "]") && is(tokens[end - 2], "op", "[")) ||
    (is(last, "op", ")") && is(tokens[end - 2], "op", "("));
  if (bracketed && is(tokens[end - 1], "string"))
    return { name: tokens[end - 1].text, quoted: true };
  return undefined;
}

/** The name of the operand that starts at `start`, read to the end of its `.`/`:` chain. */
function nameStartingAt(tokens: readonly Token[], start: number): Named | undefined {
  let at = start;
  if (!is(tokens[at], "name")) return undefined;
  while (
    (is(tokens[at + 1], "op", ".") || is(tokens[at + 1], "op", ":")) &&
    is(tokens[at + 2], "name")
  )
    at += 2;
  const open = tokens[at + 1];
  if ((is(open, "op", "(") || is(open, "op", "[")) && is(tokens[at + 2], "string")) {
    const close = open.text === "(" ? ")" : "]";
    if (is(tokens[at + 3], "op", close)) return { name: tokens[at + 2].text, quoted: true };
  }
  return { name: tokens[at].text, quoted: false };
}

function describe(named: Named): string {
  return named.quoted
    ? `the credential header "${named.name}"`
    : `the credential name "${named.name}"`;
}

/**
 * The first literal credential in Lua source (a `pre-function` phase, a `custom_fields_by_lua`
 * entry): a credential shape in any string or comment (see `findCredentialShape`), or a string
 * literal assigned to a credential's name (`local api_key = "…"`, `{ password = "…" }`), passed
 * with a credential header's name (`set_header("Authorization", "…")`), or compared with one
 * (`get_header("X-Api-Key") == "…"`). Undefined when there is none.
 */
export function findLuaCredential(source: string): LuaCredential | undefined {
  if (verdicts.has(source)) return verdicts.get(source);
  if (verdicts.size >= REMEMBERED_SOURCES) verdicts.clear();
  const found = scanForCredential(source);
  verdicts.set(source, found);
  return found;
}

/**
 * Verdicts by source: every route validating against one contract carries the same compiled
 * chunk (about 20 KB, one string), which took 1 ms a route to scan. Bounded, so that what stays
 * after synth is a few chunks' worth; the verdict is a pure function of the source.
 */
const verdicts = new Map<string, LuaCredential | undefined>();
const REMEMBERED_SOURCES = 256;

function scanForCredential(source: string): LuaCredential | undefined {
  const tokens = tokenize(source);
  // A shape names the credential best: it wins over a name rule at the same place.
  const found: (LuaCredential & { readonly byName: boolean })[] = [];
  const add = (token: Token, rule: string, byName = true) =>
    found.push({ rule, line: token.line, column: token.column, byName });
  tokens.forEach((token, i) => {
    if (token.kind === "string" || token.kind === "comment") {
      const shape = findCredentialShape(token.text, { headerPairs: token.kind === "string" });
      if (shape) add(token, shape.rule, false);
    }
    if (token.kind !== "op") return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (token.text === "=" && is(after, "string")) {
      const target = nameEndingAt(tokens, i - 1);
      if (isCredential(target) && isLiteralSecret(after.text))
        add(after, `a Lua string assigned to ${describe(target)}`);
    } else if (
      token.text === "," &&
      is(before, "string") &&
      is(tokens[i - 2], "op", "(") &&
      is(after, "string") &&
      isCredentialHeader(before.text) &&
      isLiteralSecret(after.text)
    ) {
      add(after, `a Lua string passed with ${describe({ name: before.text, quoted: true })}`);
    } else if (token.text === "==" || token.text === "~=") {
      const left = nameEndingAt(tokens, i - 1);
      const right = nameStartingAt(tokens, i + 1);
      if (is(after, "string") && isCredential(left) && isLiteralSecret(after.text))
        add(after, `a Lua string compared with ${describe(left)}`);
      else if (is(before, "string") && isCredential(right) && isLiteralSecret(before.text))
        add(before, `a Lua string compared with ${describe(right)}`);
    }
  });
  found.sort(
    (a, b) => a.line - b.line || a.column - b.column || Number(a.byName) - Number(b.byName),
  );
  if (found.length === 0) return undefined;
  const { rule, line, column } = found[0];
  return { rule, line, column };
}
