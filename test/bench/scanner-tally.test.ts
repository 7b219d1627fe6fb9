import { describeMix, emptyTally, mergeTally, tallyBodies } from "../../bench/scanner-tally";
import type { ScannedBody } from "../validators/lua/harness/scanner-differential";

/**
 * The scanner bench's tally: every body counted once in each of its sorts (body text, payload,
 * scanner form, schema shape), every disagreement counted, and the shares of two workers added.
 */

const same = { scanner: "{}", fallback: "{}" };
const body = (over: Partial<ScannedBody>): ScannedBody => ({
  suite: "1/0",
  text: "{}",
  kind: "compact",
  shapes: new Set<string>(),
  form: "functions",
  valid: true,
  request: same,
  response: same,
  fast: { request: true, response: true },
  certain: true,
  forms: { stack: true, functions: true },
  ...over,
});

describe("the scanner bench's tally", () => {
  const bodies = [
    body({ shapes: new Set(["map"]) }),
    body({
      kind: "cut",
      mutation: "missing-field",
      form: "stack",
      valid: false,
      fast: { request: false, response: false },
      certain: false,
      forms: { stack: false, functions: false },
    }),
    // The scanner certain of an invalid body, and its response chunk answering otherwise.
    body({ kind: "pretty", valid: false, response: { scanner: "{}", fallback: '{"exit":1}' } }),
  ];

  it("counts each body in each of its sorts, and each disagreement", () => {
    const tally = tallyBodies(1, bodies);
    expect(tally.all).toEqual({ cases: 3, valid: 1, certain: 2 });
    expect(tally.fast).toEqual({ request: 2, response: 2 });
    expect(tally.kinds).toEqual({
      compact: { cases: 1, valid: 1, certain: 1 },
      cut: { cases: 1, valid: 0, certain: 0 },
      pretty: { cases: 1, valid: 0, certain: 1 },
    });
    expect(tally.mutations["missing-field"]).toEqual({ cases: 1, valid: 0, certain: 0 });
    expect(tally.mutations["valid payload"]).toEqual({ cases: 2, valid: 1, certain: 2 });
    expect(tally.forms.stack).toEqual({ cases: 1, valid: 0, certain: 0 });
    expect(tally.shapes).toEqual({ map: { cases: 1, valid: 1, certain: 1 } });
    expect(tally.disagreements).toBe(2);
    expect(tally.examples.map((e) => e.what)).toEqual(["response", "certain of an invalid body"]);
  });

  it("adds the tallies of several workers", () => {
    const total = emptyTally();
    mergeTally(total, tallyBodies(1, bodies.slice(0, 2)));
    mergeTally(total, tallyBodies(1, bodies.slice(2)));
    expect(total).toEqual({ ...tallyBodies(1, bodies), suites: 2 });
  });

  it("describes the mix: valid and invalid, fast path and fallback, each sort", () => {
    const text = describeMix(tallyBodies(1, bodies));
    expect(text).toContain("1 valid (33.3%), 2 invalid");
    expect(text).toContain("fell back to decode-and-validate: 1 requests, 1 responses");
    expect(text).toContain("by body text: compact 1 (1 valid, 1 certain); cut 1");
    expect(text).toContain("schemas with: maps 1 (1 valid, 1 certain)");
  });
});
