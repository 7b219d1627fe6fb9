import { parseSchema, readJsonText } from "../../../src/avro";
import { isValidPayload } from "../../../src/validators";
import { compileLuaScan, compileRequestChunk } from "../../../src/validators/lua/chunks";
import { BODY_TEXT_KINDS, bodyText, generateSuites, Rng } from "../support";
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

interface Body {
  readonly suite: string;
  readonly text: string | Uint8Array;
  readonly kind: string;
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
    const reference = (text: string | Uint8Array): boolean => {
      const read = readJsonText(text);
      return "value" in read && isValidPayload(schema, read.value, options);
    };
    for (const p of suite.payloads) {
      for (const kind of BODY_TEXT_KINDS) {
        if (kind !== "compact" && !rng.chance(0.5)) continue;
        const text = bodyText(p.payload, kind, rng);
        bodies.push({ suite: suite.id, text, kind });
        references.push(reference);
        cases.push(
          { chunk: withScanner, body: text },
          { chunk: without, body: text },
          { chunk: scan, body: text },
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
        scanner: JSON.stringify({ ...verdicts[3 * n], id: undefined, textChecks: undefined }),
        fallback: JSON.stringify({ ...verdicts[3 * n + 1], id: undefined, textChecks: undefined }),
      }))
      .filter((d) => d.scanner !== d.fallback);
    expect(bodies.length).toBeGreaterThan(SUITES * 20);
    expect(differences.slice(0, 3)).toEqual([]);
  });

  it("is certain only of bodies the reference calls valid JSON of the schema", () => {
    const wrong = bodies
      .map((body, n) => ({
        ...body,
        certain: verdicts[3 * n + 2].scan,
        error: verdicts[3 * n + 2].error,
      }))
      .filter((b, n) => b.error !== undefined || (b.certain === true && !references[n](b.text)));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("is certain of most valid compact bodies, and of bodies of every kind", () => {
    const certainKinds = new Set<string>();
    let compactValid = 0;
    let compactCertain = 0;
    bodies.forEach((body, n) => {
      const certain = verdicts[3 * n + 2].scan === true;
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
