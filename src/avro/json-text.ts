import { problemError } from "./problems";

/** Why JSON text could not be read: where (when known) and what. */
export interface JsonTextProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/**
 * Reads JSON text without throwing. `JSON.parse` does the work; only on failure a small
 * scanner finds where and why, because the engine's messages do not always carry a position.
 */
export function readJsonText(
  text: string,
): { readonly value: unknown } | { readonly problem: JsonTextProblem } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    if (body.trim() === "") return { problem: { message: "the file is empty; expected JSON." } };
    const found = findJsonError(body) ?? { offset: 0, message: "not valid JSON" };
    return {
      problem: {
        ...lineAndColumn(body, found.offset),
        message: `malformed JSON: ${found.message}.`,
      },
    };
  }
}

/** Parses JSON text; malformed text throws one sentence naming the file, line and column. */
export function parseJsonText(text: string, file?: string): unknown {
  const result = readJsonText(text);
  if ("problem" in result) throw problemError({ file, pointer: "", ...result.problem });
  return result.value;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** The offset and reason of the first syntax error in `text`, or undefined when it is valid. */
export function findJsonError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const describe = (): string =>
    i >= text.length ? "end of the text" : `${JSON.stringify(text[i])}`;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe()}; expected a value`);
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("control character inside a string; write it escaped");
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("invalid \\u escape");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail("invalid escape in a string");
      } else i++;
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!match || match[0] === "-") fail("invalid number");
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") object();
    else if (c === "[") array();
    else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else fail(`unexpected ${describe()}; expected a value`);
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"')
        fail(`unexpected ${describe()}; expected a property name in double quotes`);
      string();
      ws();
      if (text[i] !== ":") fail(`unexpected ${describe()}; expected ':' after the property name`);
      i++;
      value();
      ws();
      if (text[i] === ",") {
        i++;
        ws();
        if (text[i] === "}") fail("trailing comma before '}'");
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`unexpected ${describe()}; expected ',' or '}' after a property value`);
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      value();
      ws();
      if (text[i] === ",") {
        i++;
        ws();
        if (text[i] === "]") fail("trailing comma before ']'");
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`unexpected ${describe()}; expected ',' or ']' after an array element`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
}
