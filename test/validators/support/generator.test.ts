import { parseSchema } from "../../../src/avro";
import { isValidPayload } from "../../../src/validators";
import { MUTATION_KINDS, Rng, generateCases, generateSuite, schemaFeatures } from "./index";

/** The generator itself: reproducible, legal Avro, and honest about what it produced. */
describe("random case generator", () => {
  it("is deterministic: the same seed gives the same cases", () => {
    const strip = (cases: ReturnType<typeof generateCases>) =>
      JSON.stringify(cases.map(({ schema: _schema, ...rest }) => rest));
    expect(strip(generateCases(7, 200))).toBe(strip(generateCases(7, 200)));
    expect(strip(generateCases(7, 200))).not.toBe(strip(generateCases(8, 200)));
  });

  it("mulberry32 stays in range and is reproducible", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("produces schemas the Avro parser accepts, whose top level is a record", () => {
    for (let i = 0; i < 300; i++) {
      const suite = generateSuite(99, i);
      expect(suite.schema.kind).toBe("record");
      const parsed = parseSchema(suite.schemaJson);
      expect(parsed.kind).toBe("record");
    }
  });

  it("gives each case everything a batch runner needs, and flags each mutation", () => {
    const cases = generateCases(5, 400);
    expect(cases.length).toBeGreaterThanOrEqual(400);
    for (const c of cases) {
      expect(["plain", "avro-json"]).toContain(c.dialect);
      expect(typeof c.allowUnknownFields).toBe("boolean");
      if (c.expectValid) expect(c.mutation).toBeUndefined();
      else expect(MUTATION_KINDS).toContain(c.mutation);
    }
    expect(cases.some((c) => c.expectValid)).toBe(true);
    expect(cases.some((c) => !c.expectValid)).toBe(true);
  });

  it("mutated payloads really differ from valid ones (the reference agrees on a sample)", () => {
    const cases = generateCases(11, 300);
    for (const c of cases) {
      const options = { dialect: c.dialect, allowUnknownFields: c.allowUnknownFields };
      expect([c.id, c.mutation, isValidPayload(c.schema, c.payload, options)]).toEqual([
        c.id,
        c.mutation,
        c.expectValid,
      ]);
    }
  });

  it("reports recursion and named-type reuse when they occur", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++)
      for (const f of schemaFeatures(generateSuite(3, i).schema)) seen.add(f);
    expect(seen.has("recursion")).toBe(true);
    expect(seen.has("named-reuse")).toBe(true);
  });
});
