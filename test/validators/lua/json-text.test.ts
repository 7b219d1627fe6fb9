import { parseSchema, readJsonText } from "../../../src/avro";
import { compileLuaResponseValidator, compileLuaValidator } from "../../../src/validators/lua";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * What is JSON text, the same at the gateway as in the reference (docs/reference/json-dialects.md):
 * cjson passes invalid UTF-8 and raw control characters inside strings, and Debian's cjson stops
 * at a NUL byte and validates only the text before it; the chunks refuse all of these, as the
 * reference does, in requests and responses alike.
 */

const SCHEMA = parseSchema({
  type: "record",
  name: "t.Note",
  fields: [{ name: "text", type: "string" }],
});
const IDENTITY = { subject: "t.Note", version: 1, fingerprint: "0011223344556677" };
const request: LuaChunk = { source: compileLuaValidator(SCHEMA, IDENTITY) };
const response: LuaChunk = {
  source: compileLuaResponseValidator(SCHEMA, { ...IDENTITY, mode: "enforce" }),
  phase: "header_filter",
};

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))),
  );
/** `{"text":"<inside>"}` with raw bytes inside the string. */
const note = (inside: number[]): Uint8Array => bytes('{"text":"a', inside, 'b"}');

const REFUSED: ReadonlyArray<readonly [string, Uint8Array, string]> = [
  [
    "a NUL byte after the document",
    bytes('{"text":"a"}', [0], '{"text":1}'),
    "not a JSON object or array: invalid json body",
  ],
  ["a NUL byte inside a string", note([0]), "not a JSON object or array: invalid json body"],
  ["a raw control character in a string", note([1]), "control character 0x01 at byte offset 10"],
  ["a raw escape character (0x1B)", note([0x1b]), "control character 0x1B"],
  ["a lone continuation byte", note([0x80]), "invalid UTF-8 (byte 0x80 at byte offset 10)"],
  ["an overlong encoding of '/'", note([0xc0, 0xaf]), "invalid UTF-8 (byte 0xC0"],
  ["a truncated sequence", note([0xe2, 0x82]), "invalid UTF-8 (byte 0xE2"],
  ["a surrogate encoded in UTF-8", note([0xed, 0xa0, 0x80]), "invalid UTF-8 (byte 0xED"],
  ["a code point above U+10FFFF", note([0xf4, 0x90, 0x80, 0x80]), "invalid UTF-8 (byte 0xF4"],
  ["a byte never in UTF-8", note([0xff]), "invalid UTF-8 (byte 0xFF"],
  ["a lone high surrogate escape", bytes('{"text":"\\ud800"}'), ""],
  ["a lone low surrogate escape", bytes('{"text":"x\\udc00"}'), ""],
];

const ACCEPTED: ReadonlyArray<readonly [string, Uint8Array]> = [
  ["two-, three- and four-byte UTF-8", bytes('{"text":"é € 😀 \u{10ffff}"}')],
  ["the escape \\u0000", bytes('{"text":"\\u0000"}')],
  ["a surrogate pair escape", bytes('{"text":"\\ud83d\\ude00"}')],
  [
    "tab, line feed and carriage return between tokens, and DEL in a string",
    bytes('{\t"text"\r\n:"\x7f"}'),
  ],
];

describe("the chunks read only JSON text, as the reference does", () => {
  const cases = [...REFUSED, ...ACCEPTED.map(([what, body]) => [what, body, undefined] as const)];
  const verdicts = runLuaCases(
    cases.flatMap(([, body]) => [
      { chunk: request, body },
      { chunk: response, body },
    ]),
  );

  it.each(REFUSED.map(([what, body, message], i) => [what, body, message, i] as const))(
    "refuses %s in requests (400) and responses (a violation), and the reference refuses it",
    (_what, body, message, i) => {
      const [onRequest, onResponse] = [verdicts[2 * i], verdicts[2 * i + 1]];
      expect(onRequest.exit?.status).toBe(400);
      expect(onResponse.exit?.status).toBe(502);
      const said = onRequest.exit?.body as { message: string };
      expect(said.message).toContain(message);
      expect(said.message).toMatch(/^the request body is not (JSON text|a JSON object or array): /);
      expect("problem" in readJsonText(body)).toBe(true);
    },
  );

  it.each(ACCEPTED.map(([what, body], i) => [what, body, REFUSED.length + i] as const))(
    "accepts %s, as the reference does",
    (_what, body, i) => {
      expect([verdicts[2 * i].exit, verdicts[2 * i + 1].exit]).toEqual([undefined, undefined]);
      expect("value" in readJsonText(body)).toBe(true);
    },
  );

  it("leaves one difference: a raw tab, line feed or carriage return inside a string passes cjson, not the reference", () => {
    const body = note([0x09]);
    const [verdict] = runLuaCases([{ chunk: request, body }]);
    expect(verdict.exit).toBeUndefined();
    expect(readJsonText(body)).toMatchObject({
      problem: { message: expect.stringContaining("control character inside a string") },
    });
  });
});

describe("the access chunk's reading of the request (as Kong behaves)", () => {
  it("looks Content-Type up once and hands it to get_body", () => {
    const [plain, plusJson] = runLuaCases([
      { chunk: request, body: '{"text":"a"}' },
      { chunk: request, body: '{"text":"a"}', contentType: "application/vnd.t+json" },
    ]);
    expect([plain.exit, plusJson.exit]).toEqual([undefined, undefined]);
    expect([plain.contentTypeLookups, plusJson.contentTypeLookups]).toEqual([1, 1]);
  });

  it("checks the text only on the decode path: the scanner proves the bytes it accepts are text", () => {
    // Certain for the scanner; an exponent it leaves to the decode path; an invalid body.
    const bodies = ['{"text":"a"}', '{"text":"a","x":1e2}', '{"text":1}'];
    const verdicts = runLuaCases(bodies.map((body) => ({ chunk: request, body })));
    expect(verdicts.map((v) => [v.exit?.status, v.textChecks])).toEqual([
      [undefined, 0],
      [400, 1],
      [400, 1],
    ]);
  });

  it("says which Content-Type came when get_body decoded a form without an error string", () => {
    const [multipart] = runLuaCases([
      { chunk: request, body: "--x--", contentType: "multipart/form-data; boundary=x" },
    ]);
    expect(multipart.exit).toMatchObject({
      status: 415,
      body: {
        message:
          "expected a JSON request body (Content-Type: application/json): found Content-Type: multipart/form-data; boundary=x",
      },
    });
  });
});
