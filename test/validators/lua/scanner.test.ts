import { parseSchema, readJsonText } from "../../../src/avro";
import { isValidPayload } from "../../../src/validators";
import {
  compileLuaScan,
  compileRequestChunk,
  compileResponseChunk,
} from "../../../src/validators/lua/chunks";
import type { AvroSchema } from "../../../src/avro";
import { BODY_TEXT_KINDS, bodyText, generateSuites, Rng, schemaFeatures } from "../support";
import { runLuaCases, type LuaCase, type LuaChunk } from "./harness";

/**
 * The raw-body scanner (src/validators/lua/scanner.ts) in real LuaJIT, over generated schemas
 * and bodies written many ways (support/body-text.ts):
 * - the request chunk with the scanner answers every body exactly as the chunk without it
 *   (status, message, path, log entry): the scanner can only skip work;
 * - whenever the scanner is certain, the TypeScript reference reads the text as JSON and
 *   calls the payload valid;
 * - it is certain often enough to matter.
 * AVRO_KONG_SEED explores other seeds; `npm run bench -- scanner` runs millions of cases.
 */

const SEED = Number(process.env.AVRO_KONG_SEED ?? 20261205);
const SUITES = 250;
/** Cases per body: request chunk with and without the scanner, the bare scanner, response chunk with and without. */
const PER = 5;

interface Body {
  readonly suite: string;
  readonly text: string | Uint8Array;
  readonly kind: string;
  /** What of the schema the scanner must handle: maps, unions of several object branches. */
  readonly shapes: ReadonlySet<string>;
}

/** Whether some union of `schema` has several branches that take a JSON object. */
function hasObjectUnion(schema: AvroSchema): boolean {
  const seen = new Set<AvroSchema>();
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (s.kind === "union") {
      if (s.branches.filter((b) => b.kind === "record" || b.kind === "map").length > 1) return true;
      stack.push(...s.branches);
    } else if (s.kind === "record") stack.push(...s.fields.map((f) => f.type));
    else if (s.kind === "array") stack.push(s.items);
    else if (s.kind === "map") stack.push(s.values);
  }
  return false;
}

describe("the raw-body scanner", () => {
  const suites = generateSuites(SEED, SUITES);
  const rng = new Rng(SEED);
  const cases: LuaCase[] = [];
  const bodies: Body[] = [];
  const references: Array<(text: string | Uint8Array) => boolean> = [];
  for (const suite of suites) {
    const schema = parseSchema(suite.schemaJson);
    const options = {
      subject: "s",
      version: 1,
      fingerprint: "0000000000000000",
      dialect: suite.dialect,
      allowUnknownFields: suite.allowUnknownFields,
    };
    const withScanner: LuaChunk = { source: compileRequestChunk(schema, options, true) };
    const without: LuaChunk = { source: compileRequestChunk(schema, options, false) };
    const scan: LuaChunk = { source: compileLuaScan(schema, options), phase: "scan" };
    const responseOptions = { ...options, mode: "enforce" as const };
    const responses: [LuaChunk, LuaChunk] = [
      { source: compileResponseChunk(schema, responseOptions, true), phase: "header_filter" },
      { source: compileResponseChunk(schema, responseOptions, false), phase: "header_filter" },
    ];
    const reference = (text: string | Uint8Array): boolean => {
      const read = readJsonText(text);
      return "value" in read && isValidPayload(schema, read.value, options);
    };
    const shapes = new Set<string>();
    if (schemaFeatures(schema).has("map")) shapes.add("map");
    if (suite.dialect === "plain" && hasObjectUnion(schema)) shapes.add("object-union");
    for (const p of suite.payloads) {
      for (const kind of BODY_TEXT_KINDS) {
        if (kind !== "compact" && !rng.chance(0.5)) continue;
        const text = bodyText(p.payload, kind, rng);
        bodies.push({ suite: suite.id, text, kind, shapes });
        references.push(reference);
        cases.push(
          { chunk: withScanner, body: text },
          { chunk: without, body: text },
          { chunk: scan, body: text },
          { chunk: responses[0], body: text },
          { chunk: responses[1], body: text },
        );
      }
    }
  }
  const verdicts = runLuaCases(cases);

  it("answers every body exactly as the decode-and-validate path does", () => {
    const differences = bodies
      .map((body, n) => ({
        ...body,
        // The text check runs before the scanner, and after decoding without it.
        scanner: JSON.stringify({
          ...verdicts[PER * n],
          id: undefined,
          textChecks: undefined,
          decodes: undefined,
        }),
        fallback: JSON.stringify({
          ...verdicts[PER * n + 1],
          id: undefined,
          textChecks: undefined,
        }),
      }))
      .filter((d) => d.scanner !== d.fallback);
    expect(bodies.length).toBeGreaterThan(SUITES * 20);
    expect(differences.slice(0, 3)).toEqual([]);
  });

  it("answers every response body exactly as the response chunk without the scanner does", () => {
    const differences = bodies
      .map((body, n) => ({
        ...body,
        scanner: JSON.stringify({
          ...verdicts[PER * n + 3],
          id: undefined,
          textChecks: undefined,
          decodes: undefined,
        }),
        fallback: JSON.stringify({
          ...verdicts[PER * n + 4],
          id: undefined,
          textChecks: undefined,
        }),
      }))
      .filter((d) => d.scanner !== d.fallback);
    expect(differences.slice(0, 3)).toEqual([]);
  });

  it("is certain only of bodies the reference calls valid JSON of the schema", () => {
    const wrong = bodies
      .map((body, n) => ({
        ...body,
        certain: verdicts[PER * n + 2].scan,
        error: verdicts[PER * n + 2].error,
      }))
      .filter((b, n) => b.error !== undefined || (b.certain === true && !references[n](b.text)));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("is certain of valid bodies of schemas with maps and with unions of several object branches", () => {
    for (const shape of ["map", "object-union"]) {
      let valid = 0;
      let certain = 0;
      bodies.forEach((body, n) => {
        if (!body.shapes.has(shape) || body.kind !== "compact" || !references[n](body.text)) return;
        valid++;
        if (verdicts[PER * n + 2].scan === true) certain++;
      });
      expect([shape, valid > 20, certain / valid]).toEqual([shape, true, expect.any(Number)]);
      expect([shape, certain / valid > 0.3]).toEqual([shape, true]);
    }
  });

  it("is certain of most valid compact bodies, and of bodies of every kind", () => {
    const certainKinds = new Set<string>();
    let compactValid = 0;
    let compactCertain = 0;
    bodies.forEach((body, n) => {
      const certain = verdicts[PER * n + 2].scan === true;
      if (certain) certainKinds.add(body.kind);
      if (body.kind === "compact" && references[n](body.text)) {
        compactValid++;
        if (certain) compactCertain++;
      }
    });
    expect(compactCertain / compactValid).toBeGreaterThan(0.3);
    expect([...certainKinds].sort()).toEqual(
      expect.arrayContaining(["compact", "escaped-strings", "number-spelling", "pretty"]),
    );
  });
});
