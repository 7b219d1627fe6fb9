import { disagreements, scanSuites } from "./harness/scanner-differential";

/**
 * The raw-body scanner (src/validators/lua/scanner.ts) in real LuaJIT, over generated schemas
 * and bodies written many ways (support/body-text.ts), a fixed-seed share of the differential
 * check that `npm run bench -- scanner` runs on a million bodies
 * (harness/scanner-differential.ts):
 * - the request and response chunks with the scanner answer every body exactly as the chunks
 *   without it (status, message, path, log entry): the scanner can only skip work;
 * - whenever the scanner is certain, the TypeScript reference reads the text as JSON and
 *   calls the payload valid;
 * - it is certain often enough to matter, on schemas with maps and with unions of several
 *   object branches too.
 * AVRO_KONG_SEED explores other seeds.
 */

const SEED = Number(process.env.AVRO_KONG_SEED ?? 20261205);
const SUITES = 250;
/** Suites per LuaJIT process: one process for all of them outlived its timeout on a loaded CI machine. */
const BATCH = 25;

describe("the raw-body scanner", () => {
  const bodies = Array.from({ length: SUITES / BATCH }, (_, batch) =>
    scanSuites(SEED, batch * BATCH, BATCH),
  ).flat();
  const wrong = bodies.flatMap(disagreements);

  it("answers every request and response body exactly as the decode-and-validate path does", () => {
    expect(bodies.length).toBeGreaterThan(SUITES * 20);
    expect(wrong.filter((w) => w.what === "request" || w.what === "response").slice(0, 3)).toEqual(
      [],
    );
  });

  it("is certain only of bodies the reference calls valid JSON of the schema", () => {
    expect(wrong.filter((w) => w.what !== "request" && w.what !== "response").slice(0, 3)).toEqual(
      [],
    );
  });

  it("is certain of valid bodies of schemas with maps and with unions of several object branches", () => {
    for (const shape of ["map", "object-union"]) {
      const valid = bodies.filter((b) => b.shapes.has(shape) && b.kind === "compact" && b.valid);
      const certain = valid.filter((b) => b.certain).length;
      expect([shape, valid.length > 20, certain / valid.length > 0.3]).toEqual([shape, true, true]);
    }
  });

  it("is certain of most valid compact bodies, and of bodies of every kind", () => {
    const valid = bodies.filter((b) => b.kind === "compact" && b.valid);
    expect(valid.filter((b) => b.certain).length / valid.length).toBeGreaterThan(0.3);
    const certainKinds = new Set(bodies.filter((b) => b.certain).map((b) => b.kind));
    expect([...certainKinds].sort()).toEqual(
      expect.arrayContaining(["compact", "escaped-strings", "number-spelling", "pretty"]),
    );
  });
});
