import { joinPointer } from "../common";
import { problemError } from "./problems";

/**
 * How deep arrays and objects may nest in any JSON text avro-kong reads (schema files, pins,
 * `subject.json`, payloads): the limit of Kong's JSON decoder (lua-cjson's `decode_max_depth`),
 * so that nothing the gateway could never decode is accepted, and no reader recurses unbounded.
 */
export const MAX_JSON_DEPTH = 1000;

/** Why JSON text could not be read: where (when known) and what. */
export interface JsonTextProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/**
 * Reads JSON text (a string, or bytes that must be UTF-8) without throwing. A scanner checks
 * the text first, without recursion: syntax, nesting at most MAX_JSON_DEPTH, no key repeated in
 * an object (`JSON.parse` would keep the last silently). `JSON.parse` then builds the value.
 */
export function readJsonText(
  input: string | Uint8Array,
): { readonly value: unknown } | { readonly problem: JsonTextProblem } {
  const text = textOf(input);
  if ("problem" in text) return text;
  const { body } = text;
  const found = scanJson(body, MAX_JSON_DEPTH);
  if (found) return { problem: { ...lineAndColumn(body, found.offset), message: found.message } };
  return { value: JSON.parse(body) as unknown };
}

/** The text of `input` (UTF-8 decoded strictly, a leading byte order mark dropped), or why not. */
function textOf(
  input: string | Uint8Array,
): { readonly body: string } | { readonly problem: JsonTextProblem } {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeUtf8(input);
    if ("problem" in decoded) return decoded;
    text = decoded.text;
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { problem: { message: "the file is empty; expected JSON." } };
  return { body };
}

/** Parses JSON text; a problem throws one sentence naming the file, line and column. */
export function parseJsonText(input: string | Uint8Array, file?: string): unknown {
  const result = readJsonText(input);
  if ("problem" in result) throw problemError({ file, pointer: "", ...result.problem });
  return result.value;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const FATAL_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 strictly: a broken sequence is a problem at its line and column, never U+FFFD. */
export function decodeUtf8(
  bytes: Uint8Array,
): { readonly text: string } | { readonly problem: JsonTextProblem } {
  try {
    return { text: FATAL_UTF8.decode(bytes) };
  } catch {
    const offset = invalidUtf8Offset(bytes);
    const before = FATAL_UTF8.decode(bytes.subarray(0, offset));
    const hex = bytes[offset].toString(16).padStart(2, "0");
    return {
      problem: {
        ...lineAndColumn(before, before.length),
        message: `invalid UTF-8 (byte 0x${hex} at byte offset ${offset}); the text must be UTF-8.`,
      },
    };
  }
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → sequence length and the allowed range of the second byte (RFC 3629).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return i;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/**
 * An open array with the index of its current item, or an open object with the keys seen so far
 * (key → offset) and its current key: together, the JSON Pointer of the value being read.
 */
type Frame =
  | { readonly array: true; index: number }
  | { readonly array: false; readonly keys: Map<string, number>; key: string };

/** Where a key repeats one of its object's earlier keys: the JSON Pointer of its later occurrence. */
export interface RepeatedKey {
  readonly offset: number;
  readonly pointer: string;
}

/**
 * Reads a JSON payload: as readJsonText, except that a key repeated in one object is not a
 * problem of the text but reported beside the value (`repeatedKey`, the first in text order), so
 * that a validator can answer it as the gateway does (a payload error with a path). A problem of
 * the text anywhere else in it still wins, as at the gateway, whose decoder reads the text first.
 */
export function readJsonPayload(
  input: string | Uint8Array,
):
  | { readonly value: unknown; readonly repeatedKey?: RepeatedKey }
  | { readonly problem: JsonTextProblem } {
  const text = textOf(input);
  if ("problem" in text) return text;
  const { body } = text;
  const found = scan(body, MAX_JSON_DEPTH, false);
  if (found.problem)
    return {
      problem: { ...lineAndColumn(body, found.problem.offset), message: found.problem.message },
    };
  const value = JSON.parse(body) as unknown;
  return found.repeatedKey ? { value, repeatedKey: found.repeatedKey } : { value };
}

/** The pointer of the value the open containers are at, ending with `last` when given. */
function pointerOf(stack: readonly Frame[], last?: string): string {
  const tokens = stack.map((f) => (f.array ? f.index : f.key));
  return joinPointer("", ...(last === undefined ? tokens : [...tokens.slice(0, -1), last]));
}

/**
 * The offset and reason of the first problem in `text`, or undefined when it is valid JSON
 * with arrays and objects nested at most `maxDepth` deep and no key repeated in an object.
 * Iterative (an explicit stack of open containers), so no input can exhaust the call stack.
 */
function scanJson(
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): { offset: number; message: string } | undefined {
  return scan(text, maxDepth, true).problem;
}

/**
 * The scan behind scanJson and readJsonPayload. With `refuseRepeated`, a repeated key is the
 * text's problem; without, the first one is returned as `repeatedKey` and the scan goes on.
 */
function scan(
  text: string,
  maxDepth: number,
  refuseRepeated: boolean,
): { problem?: { offset: number; message: string }; repeatedKey?: RepeatedKey } {
  let i = 0;
  let repeatedKey: RepeatedKey | undefined;
  const stack: Frame[] = [];
  /** Refuses the text at `at` with a whole sentence. */
  const refuse = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const fail = (reason: string, at = i): never => refuse(`malformed JSON: ${reason}.`, at);
  const describe = (): string =>
    i >= text.length ? "end of the text" : `${JSON.stringify(text[i])}`;
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else return;
    }
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe()}; expected a value`);
  };
  /** Skips a string; returns its decoded text when `decode` (for object keys). */
  const string = (decode: boolean): string => {
    const start = i;
    let escaped = false;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        break;
      }
      if (c < 0x20) fail("control character inside a string; write it escaped");
      if (c === 0x5c) {
        escaped = true;
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("invalid \\u escape");
          // A surrogate escape must be a high one followed by a low one: alone it is no
          // character, and Kong's JSON decoder refuses the body.
          const unit = parseInt(text.slice(i + 2, i + 6), 16);
          if (unit >= 0xdc00 && unit <= 0xdfff) fail("lone low surrogate escape in a string");
          if (unit >= 0xd800 && unit <= 0xdbff) {
            const next = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(text.slice(i + 6, i + 12));
            if (!next) fail("high surrogate escape not followed by a low one in a string");
            i += 6;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail("invalid escape in a string");
      } else i++;
    }
    if (!decode) return "";
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };
  const number = (): void => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) fail("invalid number");
    i += match![0].length;
  };
  const open = (frame: Frame): void => {
    if (stack.length >= maxDepth)
      refuse(`JSON nested deeper than ${maxDepth} levels of arrays and objects.`);
    stack.push(frame);
    i++;
  };
  /** Reads `"key":` inside an object, refusing (or noting) a key the object already has. */
  const key = (frame: Frame & { array: false }): void => {
    const keys = frame.keys;
    ws();
    if (text[i] !== '"')
      fail(`unexpected ${describe()}; expected a property name in double quotes`);
    const at = i;
    const name = string(true);
    const first = keys.get(name);
    if (first !== undefined && refuseRepeated) {
      const { line, column } = lineAndColumn(text, first);
      refuse(
        `duplicate key ${JSON.stringify(name)} (first at line ${line}, column ${column}); a JSON object must not repeat a key.`,
        at,
      );
    }
    if (first !== undefined && repeatedKey === undefined)
      repeatedKey = { offset: at, pointer: pointerOf(stack, name) };
    keys.set(name, at);
    frame.key = name;
    ws();
    if (text[i] !== ":") fail(`unexpected ${describe()}; expected ':' after the property name`);
    i++;
  };
  /** After a value: closes finished containers; false when a further value must follow. */
  const afterValue = (): boolean => {
    for (;;) {
      ws();
      const frame = stack[stack.length - 1];
      if (frame === undefined) return true;
      const close = frame.array ? "]" : "}";
      if (text[i] === ",") {
        i++;
        ws();
        if (text[i] === close) fail(`trailing comma before '${close}'`);
        if (frame.array) frame.index++;
        else key(frame);
        return false;
      }
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      fail(
        frame.array
          ? `unexpected ${describe()}; expected ',' or ']' after an array element`
          : `unexpected ${describe()}; expected ',' or '}' after a property value`,
      );
    }
  };
  try {
    for (;;) {
      ws();
      const c = text[i];
      if (c === "{") {
        const frame = { array: false as const, keys: new Map<string, number>(), key: "" };
        open(frame);
        ws();
        if (text[i] === "}") {
          i++;
          stack.pop();
        } else {
          key(frame);
          continue;
        }
      } else if (c === "[") {
        open({ array: true, index: 0 });
        ws();
        if (text[i] === "]") {
          i++;
          stack.pop();
        } else continue;
      } else if (c === '"') string(false);
      else if (c === "t") literal("true");
      else if (c === "f") literal("false");
      else if (c === "n") literal("null");
      else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
      else fail(`unexpected ${describe()}; expected a value`);
      if (afterValue()) break;
    }
    if (i < text.length) fail(`unexpected ${describe()} after the JSON value`);
    return repeatedKey ? { repeatedKey } : {};
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return { problem: { offset: error.offset, message: error.message } };
    throw error;
  }
}
