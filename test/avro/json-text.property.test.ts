import fc from "fast-check";
import { readJsonText } from "../../src/avro";
import { jsonStyle, writeJson } from "../support/json-style";
import { propertyRuns } from "../support/properties";

/**
 * The JSON reader behind every file and payload checks the text itself (syntax, depth, repeated
 * keys) before `JSON.parse` builds the value: on any JSON it must say what `JSON.parse` says,
 * however the text is written, and it must see a repeated key however the key is spelled.
 */

const ESCAPED = { whitespace: [""], keyOrder: [0], escapes: [true], integers: [0] };

describe("JSON text (properties)", () => {
  it("reads any JSON value, in any spelling, as JSON.parse does, from text and from UTF-8", () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }),
        jsonStyle,
        (value, style) => {
          const text = writeJson(value, style);
          const expected: unknown = JSON.parse(text);
          expect(readJsonText(text)).toEqual({ value: expected });
          expect(readJsonText(Buffer.from(text, "utf8"))).toEqual({ value: expected });
        },
      ),
      propertyRuns(500),
    );
  });

  it("refuses an object that repeats a key, whichever way the second one is spelled", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 6 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        (key, first, second, escaped) => {
          const again = escaped ? writeJson(key, ESCAPED) : JSON.stringify(key);
          const text = `{"outer":[{${JSON.stringify(key)}:${JSON.stringify(first)},${again}:${JSON.stringify(second)}}]}`;
          const result = readJsonText(text);
          expect("problem" in result && result.problem.message).toMatch(
            new RegExp(`^duplicate key .*a JSON object must not repeat a key\\.$`),
          );
        },
      ),
      propertyRuns(300),
    );
  });
});
