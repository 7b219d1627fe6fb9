// Kong 3.9 takes a route path starting with "~" as a regex. Its schema compiles the regex with
// PCRE (`ngx.re.find`), and its default router (`traditional_compatible`) matches it with Rust's
// regex crate, which refuses what PCRE has and it lacks. This scanner finds, without running
// either engine, the syntax errors PCRE reports and the PCRE features Rust's crate refuses.

/** One reason Kong would refuse a route regex; `index` is the offset in the regex. */
export interface RegexProblem {
  readonly index: number;
  readonly message: string;
}

// Kong's default router flavor since 3.0.
const RUST_ENGINE =
  "Kong's default router (traditional_compatible) matches with Rust's regex engine";
const RUST = `a PCRE feature; ${RUST_ENGINE}, which refuses it`;
const RUST_READS = `${RUST_ENGINE}, which reads it differently from PCRE`;

// Letters PCRE2 knows after "\" outside a class (others are an error there).
const PCRE_ESCAPES = new Set("aAbBcCdDeEfgGhHkKnNopPQrRsStvVwWxXzZ".split(""));
// Of those, the ones Rust's regex crate does not have.
const RUST_MISSING_ESCAPES = new Set("CcEeGgHhKkNoQRVXZ".split(""));
const POSIX_CLASSES = new Set([
  "alnum",
  "alpha",
  "ascii",
  "blank",
  "cntrl",
  "digit",
  "graph",
  "lower",
  "print",
  "punct",
  "space",
  "upper",
  "word",
  "xdigit",
]);
const PCRE_FLAGS = new Set("imnsxJU".split(""));
const RUST_FLAGS = new Set("imsxU".split(""));
const MAX_REPEAT = 65535;

class Problem extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first reason Kong would refuse `regex` (the path without its "~"), or undefined. */
export function checkRouteRegex(regex: string): RegexProblem | undefined {
  try {
    new Scanner(regex).pattern();
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return { index: error.index, message: error.message };
    throw error;
  }
}

class Scanner {
  private i = 0;
  private readonly groupNames = new Set<string>();

  constructor(private readonly text: string) {}

  pattern(): void {
    const open: number[] = [];
    // Whether the last item can take a quantifier, and whether it already has one.
    let repeatable = false;
    let quantified = false;
    while (this.i < this.text.length) {
      const at = this.i;
      const ch = this.text[at];
      if (ch === "\\") {
        repeatable = this.escape();
        quantified = false;
      } else if (ch === "[") {
        this.characterClass();
        repeatable = true;
        quantified = false;
      } else if (ch === "(") {
        // "(?i)" sets flags and opens no group: nothing to close, nothing to repeat.
        if (!this.groupStart()) open.push(at);
        repeatable = false;
        quantified = false;
      } else if (ch === ")") {
        if (open.length === 0)
          throw new Problem(at, 'the ")" closes no group (unmatched closing parenthesis)');
        open.pop();
        this.i += 1;
        repeatable = true;
        quantified = false;
      } else if (ch === "|") {
        this.i += 1;
        repeatable = false;
        quantified = false;
      } else if (ch === "*" || ch === "+" || ch === "?" || this.isCountedRepeat()) {
        this.quantifier(repeatable, quantified);
        quantified = true;
      } else if (ch === "{") {
        throw new Problem(at, `the "{" starts no repetition; ${RUST_READS}: escape it as \\{`);
      } else {
        this.i += 1;
        // Anchors (^ $) take no quantifier here: Rust's regex refuses one.
        repeatable = ch !== "^" && ch !== "$";
        quantified = false;
      }
    }
    if (open.length > 0)
      throw new Problem(
        open[open.length - 1],
        'the "(" is never closed (missing closing parenthesis)',
      );
  }

  /** `{n}`, `{n,}` or `{n,m}` at the cursor. */
  private isCountedRepeat(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.text.slice(this.i, this.i + 24));
  }

  private quantifier(repeatable: boolean, quantified: boolean): void {
    const at = this.i;
    if (quantified) {
      throw new Problem(
        at,
        `the quantifier "${this.text[at]}" follows another quantifier (nothing to repeat)`,
      );
    }
    if (!repeatable)
      throw new Problem(at, `the quantifier "${this.text[at]}" has nothing to repeat`);
    if (this.text[at] === "{") {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(at))!;
      const min = Number(match[1]);
      const max = match[3] === undefined ? min : match[3] === "" ? undefined : Number(match[3]);
      if (min > MAX_REPEAT || (max !== undefined && max > MAX_REPEAT))
        throw new Problem(
          at,
          `the repetition ${match[0]} exceeds ${MAX_REPEAT} (number too big in {} quantifier)`,
        );
      if (max !== undefined && max < min)
        throw new Problem(at, `the repetition ${match[0]} has its numbers out of order`);
      this.i += match[0].length;
    } else {
      this.i += 1;
    }
    if (this.text[this.i] === "?")
      this.i += 1; // lazy
    else if (this.text[this.i] === "+")
      throw new Problem(
        this.i,
        `the possessive quantifier "${this.text.slice(at, this.i + 1)}" is ${RUST}`,
      );
  }

  /** An escape outside a class; returns whether it can take a quantifier. */
  private escape(): boolean {
    const at = this.i;
    const next = this.text[at + 1];
    if (next === undefined) throw new Problem(at, '"\\" ends the pattern (nothing to escape)');
    if (/[1-9]/.test(next)) throw new Problem(at, `the back reference \\${next} is ${RUST}`);
    if (next === "0") throw new Problem(at, `the octal escape \\0 is ${RUST}`);
    if (/[A-Za-z]/.test(next)) {
      if (!PCRE_ESCAPES.has(next))
        throw new Problem(
          at,
          `\\${next} is no escape PCRE knows (unrecognized character follows \\)`,
        );
      if (RUST_MISSING_ESCAPES.has(next)) throw new Problem(at, `the escape \\${next} is ${RUST}`);
      if (next === "x") return this.hexEscape(at);
      if (next === "v")
        throw new Problem(
          at,
          `the escape \\v is vertical space to PCRE and one character to Rust; ${RUST_READS}: write [\\n\\x0b\\f\\r]`,
        );
      if (next === "p" || next === "P") return this.propertyEscape(at);
      this.i += 2;
      return !"bBAz".includes(next);
    }
    // Rust's regex refuses an escaped "<" or ">" (reserved for word boundaries).
    if (next === "<" || next === ">")
      throw new Problem(
        at,
        `the escape \\${next} is a word boundary in Rust; ${RUST_READS}: write ${next} unescaped`,
      );
    this.i += 2;
    return true;
  }

  private hexEscape(at: number): boolean {
    const rest = this.text.slice(at + 2);
    const braced = /^\{([0-9A-Fa-f]*)\}/.exec(rest);
    if (rest.startsWith("{")) {
      if (!braced || braced[1] === "")
        throw new Problem(at, "the escape \\x{…} is not closed or holds no hex digits");
      // Without the UTF flag (Kong sets none) PCRE takes code points up to 0xff only.
      if (parseInt(braced[1], 16) > 0xff)
        throw new Problem(
          at,
          `the character \\x{${braced[1]}} is above \\xff, which PCRE refuses without UTF mode`,
        );
      this.i = at + 2 + braced[0].length;
      return true;
    }
    // PCRE reads up to two hex digits; Rust's regex needs exactly two.
    if (!/^[0-9A-Fa-f]{2}/.test(rest))
      throw new Problem(
        at,
        `the escape \\x has fewer than two hex digits; ${RUST_ENGINE}, which needs two`,
      );
    this.i = at + 4;
    return true;
  }

  private propertyEscape(at: number): boolean {
    const rest = this.text.slice(at + 2);
    const braced = /^\{\^?[A-Za-z_& ]+\}/.exec(rest);
    if (braced) this.i = at + 2 + braced[0].length;
    else if (/^[A-Za-z]/.test(rest)) this.i = at + 3;
    else
      throw new Problem(
        at,
        `the property escape \\${this.text[at + 1]} names no property (expected e.g. \\p{L})`,
      );
    return true;
  }

  private characterClass(): void {
    const start = this.i;
    this.i += 1;
    if (this.text[this.i] === "^") this.i += 1;
    // A "]" right after "[" or "[^" is a literal.
    let first = true;
    // The last item: a single character (a range may start there), a class such as \d, or none.
    let previous: { code: number; index: number } | "class" | undefined;
    while (this.i < this.text.length) {
      const at = this.i;
      const ch = this.text[at];
      if (ch === "]" && !first) {
        this.i += 1;
        return;
      }
      first = false;
      if (ch === "[" && !/[:.=]/.test(this.text[at + 1] ?? "")) {
        throw new Problem(
          at,
          `the "[" inside a class opens a nested class in Rust; ${RUST_READS}: escape it as \\[`,
        );
      }
      if ((ch === "&" || ch === "~") && this.text[at + 1] === ch) {
        throw new Problem(
          at,
          `"${ch}${ch}" inside a class is a set operation in Rust; ${RUST_READS}: escape it`,
        );
      }
      const rangeEnd = this.text[at + 1] !== "]" && this.text[at + 1] !== undefined;
      if (ch === "-" && previous !== undefined && rangeEnd) {
        this.i += 1;
        const end = this.classAtom();
        if (previous === "class" || end === "class")
          throw new Problem(
            at,
            "the range in the character class starts or ends in a class such as \\d (invalid range)",
          );
        if (end.code < previous.code)
          throw new Problem(previous.index, "the range in the character class is out of order");
        previous = undefined;
        continue;
      }
      previous = this.classAtom();
    }
    throw new Problem(start, 'the character class "[" is never closed (missing terminating ])');
  }

  /** One item of a class: a character (its code) or a class such as \d or [:alpha:]. */
  private classAtom(): { code: number; index: number } | "class" {
    const at = this.i;
    const ch = this.text[at];
    if (ch === "[") {
      this.posixClass(at);
      return "class";
    }
    if (ch !== "\\") {
      const code = this.text.codePointAt(at)!;
      this.i += code > 0xffff ? 2 : 1;
      return { code, index: at };
    }
    const next = this.text[at + 1];
    if (next === undefined) throw new Problem(at, '"\\" ends the pattern (nothing to escape)');
    if (/[0-7]/.test(next)) throw new Problem(at, `the octal escape \\${next} is ${RUST}`);
    if (/[89]/.test(next)) throw new Problem(at, `\\${next} is no escape inside a class`);
    if (/[A-Za-z]/.test(next)) {
      if ("BRX".includes(next))
        throw new Problem(at, `the escape \\${next} is invalid in a character class`);
      if (!PCRE_ESCAPES.has(next))
        throw new Problem(
          at,
          `\\${next} is no escape PCRE knows (unrecognized character follows \\)`,
        );
      if (RUST_MISSING_ESCAPES.has(next) || next === "b")
        throw new Problem(at, `the escape \\${next} inside a class is ${RUST}`);
      if (next === "x") {
        this.hexEscape(at);
        return {
          code: parseInt(this.text.slice(at + 2, this.i).replace(/[{}]/g, ""), 16),
          index: at,
        };
      }
      if (next === "p" || next === "P") {
        this.propertyEscape(at);
        return "class";
      }
      if (next === "v")
        throw new Problem(
          at,
          `the escape \\v is vertical space to PCRE and one character to Rust; ${RUST_READS}: write [\\n\\x0b\\f\\r]`,
        );
      this.i += 2;
      const controls: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9 };
      return next in controls ? { code: controls[next], index: at } : "class";
    }
    if (next === "<" || next === ">")
      throw new Problem(
        at,
        `the escape \\${next} is a word boundary in Rust; ${RUST_READS}: write ${next} unescaped`,
      );
    this.i += 2;
    return { code: next.codePointAt(0)!, index: at };
  }

  private posixClass(at: number): void {
    const match = /^\[([:.=])(\^?)([a-z]*)([:.=])\]/.exec(this.text.slice(at));
    if (!match || match[1] !== match[4]) {
      throw new Problem(
        at,
        `the "[${this.text[at + 1]}" inside a class starts no POSIX class; escape the "[" as \\[`,
      );
    }
    if (match[1] !== ":")
      throw new Problem(at, `the POSIX collating element ${match[0]} is not supported by PCRE`);
    if (!POSIX_CLASSES.has(match[3]))
      throw new Problem(
        at,
        `the POSIX class ${match[0]} is unknown; expected one of ${[...POSIX_CLASSES].join(", ")}`,
      );
    this.i = at + match[0].length;
  }

  /** Reads what follows "("; returns true when it was a whole flag setting such as "(?i)". */
  private groupStart(): boolean {
    const at = this.i;
    const rest = this.text.slice(at + 1);
    if (rest.startsWith("*"))
      throw new Problem(at, `the backtracking verb or option "(*…)" is ${RUST}`);
    if (!rest.startsWith("?")) {
      this.i += 1;
      return false;
    }
    const kind = rest[1];
    const lookaround: Record<string, string> = {
      "=": "lookahead",
      "!": "negative lookahead",
    };
    if (kind in lookaround) throw new Problem(at, `the ${lookaround[kind]} (?${kind} is ${RUST}`);
    if (rest.startsWith("?<=") || rest.startsWith("?<!")) {
      throw new Problem(at, `the lookbehind (${rest.slice(0, 3)} is ${RUST}`);
    }
    if (kind === ">") throw new Problem(at, `the atomic group (?> is ${RUST}`);
    if (kind === "|") throw new Problem(at, `the branch reset group (?| is ${RUST}`);
    if (kind === "#") throw new Problem(at, `the comment (?# is ${RUST}`);
    if (kind === "(") throw new Problem(at, `the conditional group (?( is ${RUST}`);
    if (kind === "C") throw new Problem(at, `the callout (?C is ${RUST}`);
    if (kind === "R" || kind === "&" || (/[0-9+-]/.test(kind ?? "") && /^\?[+-]?\d/.test(rest)))
      throw new Problem(at, `the recursion or subroutine call (?${kind} is ${RUST}`);
    if (rest.startsWith("?P=") || rest.startsWith("?P>"))
      throw new Problem(at, `the named back reference or call (${rest.slice(0, 3)} is ${RUST}`);
    if (kind === "'")
      throw new Problem(at, `the group name syntax (?'name' is ${RUST}: write (?P<name>…)`);
    if (kind === "<" || rest.startsWith("?P<")) {
      const offset = kind === "<" ? 3 : 4;
      const match = /^([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest.slice(offset - 1));
      if (!match)
        throw new Problem(
          at,
          'the group name is missing, or not letters, digits and "_" starting with a non-digit, or not closed by ">"',
        );
      if (match[1].length > 32)
        throw new Problem(at, `the group name ${match[1]} is longer than 32 characters`);
      if (this.groupNames.has(match[1]))
        throw new Problem(at, `the group name ${match[1]} is used twice`);
      this.groupNames.add(match[1]);
      this.i = at + offset + match[0].length;
      return false;
    }
    if (kind === ":") {
      this.i = at + 3;
      return false;
    }
    // Inline flags: (?flags) or (?flags:…), with "-" turning flags off.
    const flags = /^\?(\^?)([A-Za-z]*)(-([A-Za-z]*))?([:)])/.exec(rest);
    if (!flags)
      throw new Problem(
        at,
        `"(?${kind ?? ""}" starts no group PCRE knows (unrecognized character after (?)`,
      );
    for (const flag of (flags[2] + (flags[4] ?? "")).split("")) {
      if (!PCRE_FLAGS.has(flag))
        throw new Problem(at, `the inline flag ${flag} is no flag PCRE knows`);
      if (!RUST_FLAGS.has(flag)) throw new Problem(at, `the inline flag ${flag} is ${RUST}`);
    }
    if (flags[1]) throw new Problem(at, `the inline flag reset (?^ is ${RUST}`);
    // "(?i)" sets flags for the rest of the group and opens none; "(?i:" opens one.
    this.i = at + 1 + flags[0].length;
    return flags[5] === ")";
  }
}
