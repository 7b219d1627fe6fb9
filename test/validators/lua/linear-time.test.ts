import { parseSchema, type AvroSchema } from "../../../src/avro";
import { isValidPayload } from "../../../src/validators";
import type { ValidationOptions } from "../../../src/validators";
import { compileLuaCheck } from "../../../src/validators/lua";
import { Rng } from "../support";
import { runLuaCases, type LuaCase, type LuaChunk } from "./harness";

/**
 * The chunk's work grows linearly with the body, whatever the schema: a plain-dialect union with
 * several branches that take an object (two records, a record and a map) must not try each on
 * the same nested body again and again. Work is counted, not timed: an instrumented build
 * counts every call of a checking function (`V[n]`) while it runs in real LuaJIT + lua-cjson.
 */

/** The compiled check, with every checking function counting its calls; the count leads the message. */
function countingCheck(schema: AvroSchema, options: ValidationOptions): LuaChunk {
  const source = compileLuaCheck(schema, options);
  const heads = /^(V\[\d+\] = function\([^)]*\))$/gm;
  if (!heads.test(source)) throw new Error("no checking function to instrument");
  const counted = source.replace(heads, "$1 CALLS = CALLS + 1");
  return {
    phase: "check",
    source: `local CALLS = 0
local inner = (function()
${counted}
end)()
return function(value)
  CALLS = 0
  local ok, message, path = inner(value)
  return ok, CALLS .. "|" .. tostring(message), path
end`,
  };
}

/** `{"<key>": {"<key>": … leaf}}`, `depth` objects deep, as JSON text. */
function nested(keys: readonly string[], depth: number, leaf: string): string {
  let text = leaf;
  for (let i = depth - 1; i >= 0; i--) text = `{${JSON.stringify(keys[i % keys.length])}:${text}}`;
  return text;
}

interface Shape {
  readonly text: string;
  readonly schema: AvroSchema;
  readonly options: ValidationOptions;
  readonly keys: readonly string[];
  readonly leaves: readonly string[];
}

/**
 * A recursive record whose field holds a union of several object-taking branches chosen at
 * random: the record itself, a map of it, a second record with the same field name (and
 * perhaps another, optional, field), an array of the record; plus scalar branches.
 */
function ambiguousShape(rng: Rng): Shape {
  const key = rng.pick(["k", "kids", "next"]);
  const union = (): unknown[] => {
    const branches: unknown[] = ["null"];
    if (rng.chance(0.3)) branches.push(rng.pick(["string", "int", "boolean"]));
    return branches;
  };
  const objectBranches: Array<() => unknown> = [
    () => "t.R",
    () => ({ type: "map", values: "t.R" }),
    () => "t.S",
  ];
  const chosen = objectBranches.filter(() => rng.chance(0.7));
  while (chosen.length < 2) chosen.push(rng.pick(objectBranches));
  const used = [...new Set(chosen.map((make) => JSON.stringify(make())))].map(
    (text) => JSON.parse(text) as unknown,
  );
  if (used.length < 2) used.push(used[0] === "t.R" ? "t.S" : "t.R");
  const withArray = rng.chance(0.3);
  const sBranches = [...union(), "t.R", ...(withArray ? [{ type: "array", items: "t.S" }] : [])];
  const sFields = [
    { name: key, type: sBranches },
    ...(rng.chance(0.5) ? [{ name: "extra", type: "int", default: 0 }] : []),
  ];
  const rBranches = [...union(), ...used];
  // S is defined where it is first used: in R's own union, or in a field of its own.
  const sIndex = rBranches.indexOf("t.S");
  const sDefinition = { type: "record", name: "t.S", fields: sFields };
  if (sIndex >= 0) rBranches[sIndex] = sDefinition;
  const rFields: unknown[] = [{ name: key, type: rBranches }];
  if (sIndex < 0) rFields.push({ name: "s", type: ["null", sDefinition], default: null });
  const json = { type: "record", name: "t.R", fields: rFields };
  return {
    text: JSON.stringify(json),
    schema: parseSchema(json),
    options: { dialect: "plain", allowUnknownFields: rng.chance(0.5) },
    keys: [key],
    // A leaf no branch takes makes every branch fail at the bottom: the worst case.
    leaves: ["null", "1.5", '"leaf"', "{}", "[]", '{"unknown":1}'],
  };
}

const DEPTHS = [4, 8, 12, 16];

interface Measured {
  readonly calls: number;
  readonly ok: boolean;
}

/** Runs every case in one LuaJIT process. */
function runAll(cases: readonly LuaCase[]): Measured[] {
  return runLuaCases(cases).map((verdict) => {
    if (!verdict.check) throw new Error(`no verdict: ${JSON.stringify(verdict)}`);
    return { calls: Number(verdict.check.message!.split("|")[0]), ok: verdict.check.ok };
  });
}

/** Linear: each further 4 levels cost no more than the first 4 did beyond the body's base. */
function expectLinear(calls: readonly number[], what: string): void {
  const steps = calls.slice(1).map((c, i) => c - calls[i]);
  const allowed = Math.max(steps[0], 1) * 1.5 + 4;
  for (const step of steps)
    if (step > allowed)
      throw new Error(
        `${what}: calls per 4 levels grew: ${calls.join(", ")} at depths ${DEPTHS.join(", ")}`,
      );
}

describe("the Lua chunk's work is linear in the body for ambiguous unions", () => {
  it("counts calls that grow linearly with depth on the issue's schema (a record or a map of it)", () => {
    const schema = parseSchema({
      type: "record",
      name: "t.Tree",
      fields: [{ name: "kids", type: ["null", "t.Tree", { type: "map", values: "t.Tree" }] }],
    });
    const chunk = countingCheck(schema, { dialect: "plain" });
    const cases = DEPTHS.map((depth) => ({ chunk, body: nested(["kids"], depth, "1") }));
    const measured = runAll(cases);
    expect(measured.every((m) => !m.ok)).toBe(true);
    expectLinear(
      measured.map((m) => m.calls),
      "t.Tree",
    );
    // A map and a record per level, each checked once: about two calls a level.
    expect(measured[measured.length - 1].calls).toBeLessThanOrEqual(4 * DEPTHS[DEPTHS.length - 1]);
  });

  it("holds over generated schemas, leaves and both settings of unknown fields, with the reference's verdicts", () => {
    const shapes = Array.from({ length: 40 }, (_, seed) => ambiguousShape(new Rng(1900 + seed)));
    const plan: Array<{ shape: Shape; leaf: string; depth: number; body: string }> = [];
    const cases: LuaCase[] = [];
    for (const shape of shapes) {
      const chunk = countingCheck(shape.schema, shape.options);
      for (const leaf of shape.leaves)
        for (const depth of DEPTHS) {
          const body = nested(shape.keys, depth, leaf);
          plan.push({ shape, leaf, depth, body });
          cases.push({ chunk, body });
        }
    }
    const measured = runAll(cases);
    for (let i = 0; i < plan.length; i += DEPTHS.length) {
      const { shape, leaf } = plan[i];
      const what = `${shape.text} with leaf ${leaf}`;
      expectLinear(
        measured.slice(i, i + DEPTHS.length).map((m) => m.calls),
        what,
      );
      DEPTHS.forEach((_, j) => {
        const { body } = plan[i + j];
        const expected = isValidPayload(shape.schema, JSON.parse(body), shape.options);
        // `{}` and `[]` read alike in Lua (the empty table rule): only non-empty leaves compare.
        if (leaf !== "{}" && leaf !== "[]")
          expect([what, body, measured[i + j].ok]).toEqual([what, body, expected]);
      });
    }
  });
});
