// Terraform JSON syntax: a string value is a template; `${…}` holds an expression, `$${` is a
// literal `${`. We only need to find the expressions and the addresses they reference.

/** The result of scanning a template string. */
export interface TemplateScan {
  /** The text inside each `${…}`. */
  readonly expressions: readonly string[];
  /** True when a `${` is never closed (Terraform rejects the string). */
  readonly unterminated: boolean;
}

/** Index just past the `}` closing an expression that starts at `start`, or -1. */
export function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if (ch === "{") {
      depth += 1;
    } else if (ch === "}") {
      if (depth === 0) return i + 1;
      depth -= 1;
    }
    i += 1;
  }
  return -1;
}

/** Finds the `${…}` expressions of a template string. */
export function scanTemplate(text: string): TemplateScan {
  const expressions: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      i += 3;
    } else if (text.startsWith("${", i)) {
      const end = expressionEnd(text, i + 2);
      if (end < 0) return { expressions, unterminated: true };
      expressions.push(text.slice(i + 2, end - 1));
      i = end;
    } else {
      i += 1;
    }
  }
  return { expressions, unterminated: false };
}

/**
 * The text Terraform makes of a template string: each `${…}` replaced by `render(expression)`,
 * each `$${` (the escape) by a literal `${`. An unterminated `${` is kept as it is.
 */
export function renderTemplate(text: string, render: (expression: string) => string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      out += "${";
      i += 3;
    } else if (text.startsWith("${", i)) {
      const end = expressionEnd(text, i + 2);
      if (end < 0) return out + text.slice(i);
      out += render(text.slice(i + 2, end - 1));
      i = end;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}
