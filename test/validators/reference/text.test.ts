import { parseSchema, readJsonPayload } from "../../../src/avro";
import { validatePayloadText } from "../../../src/validators";
import { DUPLICATE_KEY_MESSAGE } from "../../../src/validators/shared-rules";

/**
 * The reference reads a payload's text as the gateway does (docs/reference/json-dialects.md,
 * "What is JSON text"): a key repeated in one object is the payload's one error, at the pointer of
 * its later occurrence, before any check against the schema; a problem of the text elsewhere
 * wins; JSON text that is not a payload's stays a problem of the input.
 */

const SCHEMA = parseSchema({
  type: "record",
  name: "t.Doc",
  fields: [{ name: "items", type: { type: "array", items: { type: "map", values: "long" } } }],
});

describe("validatePayloadText", () => {
  it("answers a repeated key alone, at its later occurrence, whatever else is wrong", () => {
    expect(
      validatePayloadText(SCHEMA, '{"items":[{"a":1},{"a":"x","b":2,"a":3}],"extra":1}'),
    ).toEqual({
      errors: [{ path: "/items/1/a", message: DUPLICATE_KEY_MESSAGE }],
    });
  });

  it("reads keys as decoders do: escapes, surrogate pairs and pointer escapes", () => {
    const cases: Array<[string, string]> = [
      ['{"items":[{"a/b":1,"a\\/b":2}]}', "/items/0/a~1b"],
      ['{"items":[{"~":1,"\\u007e":2}]}', "/items/0/~0"],
      ['{"items":[{"😀":1,"\\ud83d\\ude00":2}]}', "/items/0/😀"],
    ];
    for (const [text, path] of cases)
      expect(validatePayloadText(SCHEMA, text)).toEqual({
        errors: [{ path, message: DUPLICATE_KEY_MESSAGE }],
      });
  });

  it("names the first repeated key in text order, and lets a problem of the text anywhere win", () => {
    expect(readJsonPayload('{"a":{"x":1,"x":2},"a":3}')).toMatchObject({
      repeatedKey: { pointer: "/a/x" },
    });
    expect(readJsonPayload('{"a":1,"a":2,"b":tru}')).toMatchObject({
      problem: { message: expect.stringContaining("malformed JSON") },
    });
  });

  it("validates a payload without repeated keys against the schema", () => {
    expect(validatePayloadText(SCHEMA, '{"items":[{"a":1},{"a":1}]}')).toEqual({ errors: [] });
    expect(validatePayloadText(SCHEMA, '{"items":[{"a":"x"}]}')).toEqual({
      errors: [{ path: "/items/0/a", message: 'expected long, found string "x"' }],
    });
  });
});
