import { MAX_JSON_DEPTH, parseJsonText, readJsonText } from "../../src/avro";
import { UserError } from "../../src/common";

function problemOf(input: string | Uint8Array, file = "x.json"): string {
  try {
    parseJsonText(input, file);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("reading JSON text", () => {
  it("reads what JSON.parse reads, keeping own __proto__ keys", () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "s\\u0041"], "__proto__": {"b": {}}}';
    expect(readJsonText(text)).toEqual({ value: JSON.parse(text) });
    const value = parseJsonText(text) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(value, "__proto__")).toBe(true);
  });

  it(`allows ${MAX_JSON_DEPTH} levels of arrays and objects, as Kong's JSON decoder does`, () => {
    const deepest = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
    expect("value" in readJsonText(deepest)).toBe(true);
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH - 1) + "[]" + "}".repeat(MAX_JSON_DEPTH - 1);
    expect("value" in readJsonText(objects)).toBe(true);
  });

  it("refuses deeper nesting at the first container too deep, without recursing", () => {
    expect(problemOf("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1))).toBe(
      "x.json line 1, column 1001: JSON nested deeper than 1000 levels of arrays and objects.",
    );
    // Unclosed, far deeper than the call stack could take: still one sentence.
    expect(problemOf("[".repeat(100_000), "stdin")).toBe(
      "stdin line 1, column 1001: JSON nested deeper than 1000 levels of arrays and objects.",
    );
    expect(problemOf('{"a":'.repeat(100_000))).toBe(
      "x.json line 1, column 5001: JSON nested deeper than 1000 levels of arrays and objects.",
    );
  });

  it("refuses a key repeated in an object, escaped or not, naming both places", () => {
    expect(problemOf('{"name": "Evil",\n "name": "R"}')).toBe(
      'x.json line 2, column 2: duplicate key "name" (first at line 1, column 2); a JSON object must not repeat a key.',
    );
    expect(problemOf('[{"a": 1}, {"b": {"\\u0062": 1, "b": 2}}]')).toBe(
      'x.json line 1, column 32: duplicate key "b" (first at line 1, column 19); a JSON object must not repeat a key.',
    );
    // The same key in different objects is no repetition.
    expect(readJsonText('[{"a": 1}, {"a": {"a": 2}}]')).toEqual({
      value: [{ a: 1 }, { a: { a: 2 } }],
    });
  });

  it("reports malformed JSON with line and column, as before", () => {
    expect(problemOf('{"a": [1, 2,]}')).toBe(
      "x.json line 1, column 13: malformed JSON: trailing comma before ']'.",
    );
    expect(problemOf('{"a" 1}')).toBe(
      "x.json line 1, column 6: malformed JSON: unexpected \"1\"; expected ':' after the property name.",
    );
    expect(problemOf("  ")).toBe("x.json: the file is empty; expected JSON.");
  });

  it("refuses a lone surrogate escape, as Kong's JSON decoder does, and reads a pair", () => {
    expect(problemOf('{"a": "\\ud800"}')).toBe(
      "x.json line 1, column 8: malformed JSON: high surrogate escape not followed by a low one in a string.",
    );
    expect(problemOf('["\\ud800\\u0041"]')).toMatch(/high surrogate escape not followed/);
    expect(problemOf('["x\\uDC00"]')).toMatch(
      /column 4: malformed JSON: lone low surrogate escape/,
    );
    expect(readJsonText('["\\ud83d\\uDE00"]')).toEqual({ value: ["😀"] });
  });

  it("refuses bytes that are not UTF-8 at their place instead of replacing them", () => {
    const bytes = (...parts: Array<string | number[]>): Uint8Array =>
      Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
    expect(problemOf(bytes('{"name":\n  "caf', [0xe9], '"}'))).toBe(
      "x.json line 2, column 7: invalid UTF-8 (byte 0xe9 at byte offset 15); the text must be UTF-8.",
    );
    // Overlong forms, surrogates and truncated sequences are not UTF-8 either.
    expect(problemOf(bytes('["', [0xc0, 0xaf], '"]'))).toMatch(/byte 0xc0 at byte offset 2\)/);
    expect(problemOf(bytes('["', [0xed, 0xa0, 0x80], '"]'))).toMatch(
      /byte 0xed at byte offset 2\)/,
    );
    expect(problemOf(bytes('["é', [0xe2, 0x82]))).toMatch(
      /^x\.json line 1, column 4: invalid UTF-8 \(byte 0xe2 at byte offset 4\)/,
    );
    // Well-formed multi-byte text and a byte order mark are fine.
    expect(readJsonText(bytes([0xef, 0xbb, 0xbf], '["é€𝄞"]'))).toEqual({ value: ["é€𝄞"] });
  });
});
