import { parseSchema, readJsonText, type AvroSchema } from "../../../src/avro";
import { isValidPayload } from "../../../src/validators";
import { compileLuaScan } from "../../../src/validators/lua/chunks";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * The scanner proves a body JSON text by itself (the chunk's text check runs only on the decode
 * path): in a string, a map key, a bytes value and between tokens, each single byte and each
 * UTF-8 sequence at the edges of well-formedness (shortest form, surrogates, U+10FFFF, truncated)
 * leaves it certain exactly when the reference reads the body as JSON text of the schema.
 */

const SCHEMA = parseSchema({
  type: "record",
  name: "t.Text",
  fields: [
    { name: "text", type: "string" },
    { name: "tags", type: { type: "map", values: "int" } },
    { name: "raw", type: "bytes" },
  ],
});

const scan: LuaChunk = { source: compileLuaScan(SCHEMA), phase: "scan" };

/** The body with `inserted` placed in one spot: the string, the map key, bytes, or outside. */
function body(inserted: readonly number[], spot: number): Uint8Array {
  const ascii = (text: string): number[] => [...Buffer.from(text, "latin1")];
  const parts: Array<readonly number[]> = [
    ascii('{"text":"a'),
    ascii('b","tags":{"k'),
    ascii('":1},"raw":"x'),
    ascii('"}'),
  ];
  const out = parts.flatMap((part, n) => (n === spot ? [...inserted, ...part] : [...part]));
  return Uint8Array.from(spot === 4 ? [...out, ...inserted] : out);
}

/** Lead bytes 0x80-0xFF, each followed by continuations at the edges of every range. */
function sequences(): number[][] {
  const edges = [0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0];
  const out: number[][] = [];
  for (let lead = 0x80; lead <= 0xff; lead++)
    for (const second of edges)
      out.push([lead, second], [lead, second, 0x80], [lead, second, 0xbf, 0x80]);
  return out;
}

describe("the scanner proves the text it accepts", () => {
  const inserts: number[][] = [...Array.from({ length: 256 }, (_, b) => [b]), ...sequences()];
  // Spots 1-3 are inside the string, the map key and the bytes value; 0 and 4 before and
  // after the document (only single bytes there).
  const cases = [1, 2, 3].flatMap((spot) => inserts.map((bytes) => body(bytes, spot)));
  for (const spot of [0, 4]) for (let b = 0; b < 256; b++) cases.push(body([b], spot));
  const verdicts = runLuaCases(cases.map((text) => ({ chunk: scan, body: text })));

  it("is certain exactly when the reference reads valid JSON text of the schema", () => {
    const wrong = cases.flatMap((text, n) => {
      const read = readJsonText(text);
      const valid = "value" in read && isValidPayload(SCHEMA as AvroSchema, read.value);
      return verdicts[n].scan === valid ? [] : [[Buffer.from(text).toString("hex"), valid]];
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("is certain of well-formed UTF-8 up to U+10FFFF and never of a NUL", () => {
    const at = (bytes: number[]) =>
      cases.findIndex((c) => Buffer.from(c).equals(Buffer.from(body(bytes, 1))));
    expect(verdicts[at([0xf4, 0x8f, 0xbf, 0x80])].scan).toBe(true);
    expect(verdicts[at([0xf4, 0x90, 0xbf, 0x80])].scan).toBe(false);
    expect(
      cases.filter((c) => c.includes(0)).map((c) => verdicts[cases.indexOf(c)].scan),
    ).not.toContain(true);
  });
});
