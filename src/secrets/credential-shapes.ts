import { isCredentialName } from "./plugin-secrets";

/** A credential found in free text: which rule matched and where (a UTF-16 offset), never the value. */
export interface ShapeMatch {
  /** The rule, as a noun phrase for messages: `a JWT`, `an AWS access key id`. */
  readonly rule: string;
  readonly index: number;
}

/**
 * Credentials with a shape of their own, found anywhere in a string. Each is specific enough
 * that prose, names and identifiers do not take it (see docs/guides/secrets.md): public keys and
 * certificates are no credentials, so only private key blocks count.
 */
const SHAPES: readonly { readonly rule: string; readonly pattern: RegExp }[] = [
  { rule: "a PEM private key", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/ },
  // Header and payload are base64url JSON objects, so both start with `{"` = `eyJ`.
  { rule: "a JWT", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/ },
  { rule: "an AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    rule: "a GitHub token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})(?![A-Za-z0-9_])/,
  },
  { rule: "a Slack token", pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}/ },
  { rule: "a Stripe live key", pattern: /\b[rs]k_live_[A-Za-z0-9]{16,}/ },
  { rule: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
];
const ANY_SHAPE = new RegExp(SHAPES.map((s) => s.pattern.source).join("|"));

// An HTTP auth scheme and the token after it; the token is judged by `isTokenLike`.
const AUTH_SCHEME = /\b(?:bearer|basic|token)[ \t]+([A-Za-z0-9._~+/-]+=*)(?![A-Za-z0-9._~+/=-])/gi;
const SCHEME_WORD = /^(?:bearer|basic|digest|token)\s*$/i;

/**
 * Whether the text after an auth scheme looks generated rather than written: at least 8
 * characters with a digit, a capital after the first letter, or base64's `+`, `/` or `=`.
 * "Bearer authentication" and "Token expired" are prose; "Basic dXNlcjpwdw==" is not.
 */
function isTokenLike(text: string): boolean {
  return text.length >= 8 && (/[0-9+/=]/.test(text) || /[A-Z]/.test(text.slice(1)));
}

/** The first auth scheme in `text` followed by a token, or undefined. */
function authSchemeToken(text: string): number | undefined {
  AUTH_SCHEME.lastIndex = 0;
  for (let m = AUTH_SCHEME.exec(text); m; m = AUTH_SCHEME.exec(text))
    if (isTokenLike(m[1])) return m.index;
  return undefined;
}

// `Name: value`, one header line, as Kong's transformer plugins and custom configs write them.
const HEADER_LINE = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:(.*)$/;
// Values filled in later: Terraform (`${var.x}`, a Secret) and Kong's templates (`$(headers.x)`).
const TEMPLATE = /\$\{[^}]*\}|\$\([^)]*\)/g;

/**
 * Whether `value` is a literal that could be a credential: not empty, not only a template or an
 * auth scheme, not a vault reference. Used for values given under a credential's name.
 */
export function isLiteralCredentialValue(value: string): boolean {
  const literal = value.replace(TEMPLATE, "").trim();
  return literal !== "" && !SCHEME_WORD.test(literal) && !/^\{vault:\/\/[^}]*\}$/.test(literal);
}

/**
 * The first credential shape in `text`: a shape of its own (`SHAPES`), an auth scheme with a
 * token, or, when the whole text is one `Name: value` line, a credential header with a literal
 * value. `headerPairs: false` where a field pairs two names (`rename.headers` entries such as
 * `Authorization:X-Auth`).
 */
export function findCredentialShape(
  text: string,
  options: { readonly headerPairs?: boolean } = {},
): ShapeMatch | undefined {
  if (ANY_SHAPE.test(text)) {
    let first: ShapeMatch | undefined;
    for (const { rule, pattern } of SHAPES) {
      const m = pattern.exec(text);
      if (m && (!first || m.index < first.index)) first = { rule, index: m.index };
    }
    if (first) return first;
  }
  const scheme = authSchemeToken(text);
  if (scheme !== undefined)
    return { rule: "an auth scheme with a token (Bearer …)", index: scheme };
  if (options.headerPairs !== false && !text.includes("\n")) {
    const pair = HEADER_LINE.exec(text);
    if (pair && isCredentialName(pair[1]) && isLiteralCredentialValue(pair[2]))
      return { rule: `the credential header "${pair[1]}" with a literal value`, index: 0 };
  }
  return undefined;
}
