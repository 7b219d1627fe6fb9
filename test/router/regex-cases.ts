// The cases of test/router/regex.test.ts, shared with the PCRE2 differential test.
const RUST_REFUSES =
  "a PCRE feature; Kong's default router (traditional_compatible) matches with Rust's regex engine, which refuses it";
const RUST_READS =
  "Kong's default router (traditional_compatible) matches with Rust's regex engine, which reads it differently from PCRE";

/** Regexes PCRE2 and Rust's regex crate both accept. */
export const ACCEPTED = [
  "/orders/\\d+$",
  "/orders/(?P<id>[0-9a-f-]{36})/items",
  "/orders/(?<id>\\d+)",
  "/(?i)orders",
  "/(?i:orders)/x",
  "/v[12]/(a|b)?c*?",
  "/[]a]/[^]a]/[a-]/[-a]",
  "/[[:alpha:][:digit:]_]+",
  "/\\p{L}+/\\P{N}/\\pL",
  "/\\x41\\x{7f}\\/\\.\\-",
  "/a{2}/b{2,}/c{2,5}",
  "/^x$",
];

/** PCRE2 syntax errors: [regex, offset, message]. */
export const PCRE_ERRORS: Array<[string, number, string]> = [
  ["/mx/[unclosed", 4, 'the character class "[" is never closed (missing terminating ])'],
  ["/a(b", 2, 'the "(" is never closed (missing closing parenthesis)'],
  ["/a)b", 2, 'the ")" closes no group (unmatched closing parenthesis)'],
  ["*a", 0, 'the quantifier "*" has nothing to repeat'],
  ["/a|+", 3, 'the quantifier "+" has nothing to repeat'],
  ["/(?i)*", 5, 'the quantifier "*" has nothing to repeat'],
  ["/a**", 3, 'the quantifier "*" follows another quantifier (nothing to repeat)'],
  ["/a{3,2}", 2, "the repetition {3,2} has its numbers out of order"],
  ["/a{70000}", 2, "the repetition {70000} exceeds 65535 (number too big in {} quantifier)"],
  ["/[z-a]", 2, "the range in the character class is out of order"],
  [
    "/[\\d-z]",
    4,
    "the range in the character class starts or ends in a class such as \\d (invalid range)",
  ],
  [
    "/[[:word:][:foo:]]",
    10,
    "the POSIX class [:foo:] is unknown; expected one of alnum, alpha, ascii, blank, cntrl, digit, graph, lower, print, punct, space, upper, word, xdigit",
  ],
  ["/\\j", 1, "\\j is no escape PCRE knows (unrecognized character follows \\)"],
  ["/[\\R]", 2, "the escape \\R is invalid in a character class"],
  ["/x\\", 2, '"\\" ends the pattern (nothing to escape)'],
  ["/\\x{100}", 1, "the character \\x{100} is above \\xff, which PCRE refuses without UTF mode"],
  ["/(?<id>a)(?<id>b)", 9, "the group name id is used twice"],
  [
    "/(?<1d>a)",
    1,
    'the group name is missing, or not letters, digits and "_" starting with a non-digit, or not closed by ">"',
  ],
  ["/(?Q)", 1, "the inline flag Q is no flag PCRE knows"],
  ["/(?~x)", 1, '"(?~" starts no group PCRE knows (unrecognized character after (?)'],
];

/** Valid PCRE2 that Kong's default router refuses or reads differently. */
export const RUST_ERRORS: Array<[string, number, string]> = [
  ["/(?<=a)b", 1, `the lookbehind (?<= is ${RUST_REFUSES}`],
  ["/(?<!a)b", 1, `the lookbehind (?<! is ${RUST_REFUSES}`],
  ["/a(?=b)", 2, `the lookahead (?= is ${RUST_REFUSES}`],
  ["/a(?!b)", 2, `the negative lookahead (?! is ${RUST_REFUSES}`],
  ["/(a)\\1", 4, `the back reference \\1 is ${RUST_REFUSES}`],
  ["/(?>a)", 1, `the atomic group (?> is ${RUST_REFUSES}`],
  ["/a++", 3, `the possessive quantifier "++" is ${RUST_REFUSES}`],
  ["/(?|a)", 1, `the branch reset group (?| is ${RUST_REFUSES}`],
  ["/(?#note)", 1, `the comment (?# is ${RUST_REFUSES}`],
  ["/(a)(?(1)b)", 4, `the conditional group (?( is ${RUST_REFUSES}`],
  ["/(?R)", 1, `the recursion or subroutine call (?R is ${RUST_REFUSES}`],
  ["/(*FAIL)|a", 1, `the backtracking verb or option "(*…)" is ${RUST_REFUSES}`],
  ["/\\Qa.b\\E", 1, `the escape \\Q is ${RUST_REFUSES}`],
  ["/\\h", 1, `the escape \\h is ${RUST_REFUSES}`],
  ["/(?J)a", 1, `the inline flag J is ${RUST_REFUSES}`],
  [
    "/\\x4",
    1,
    "the escape \\x has fewer than two hex digits; Kong's default router (traditional_compatible) matches with Rust's regex engine, which needs two",
  ],
  ["/a{x}", 2, `the "{" starts no repetition; ${RUST_READS}: escape it as \\{`],
  [
    "/[a[b]",
    3,
    `the "[" inside a class opens a nested class in Rust; ${RUST_READS}: escape it as \\[`,
  ],
  ["/[a&&b]", 3, `"&&" inside a class is a set operation in Rust; ${RUST_READS}: escape it`],
  ["/\\<", 1, `the escape \\< is a word boundary in Rust; ${RUST_READS}: write < unescaped`],
];
