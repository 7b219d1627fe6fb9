import Ajv from "ajv-draft-04";
import fc from "fast-check";
import { branchName, parseSchema, readJsonText, type AvroSchema } from "../../src/avro";
import type { PayloadError, ValidationOptions } from "../../src/validators";
import { compileJsonSchema, compileLuaValidator, validatePayload } from "../../src/validators";
import { propertyRuns } from "../support/properties";
import { runLuaCases, type LuaCase, type LuaVerdict } from "./lua/harness";
import {
  emptyContainers,
  luaExpectedValidity,
  pathAgrees,
  repairedReading,
} from "./lua/harness/agreement";
import { generateSuite, schemaFeatures, type GeneratedSuite } from "./support";
import { setOwn } from "./support/payload-gen";

/**
 * The three validator engines agree, as properties over the seeded suite generator (a schema,
 * valid payloads and payloads mutated to be invalid) and over payloads fast-check edits at
 * random: a valid payload with any subtree replaced by any JSON value, whose verdict nobody
 * knows in advance. The TypeScript reference decides; the JSON Schema in ajv (draft-04) must
 * give the same verdict, and the Lua chunk in LuaJIT + lua-cjson the same verdict and first
 * error path, up to its two documented differences (harness/agreement.ts). Raw bodies that are
 * not JSON at all must be refused by the chunk without a Lua error.
 */

/** ajv reads own properties only, as a JSON decoder's objects have nothing else (see differential.test.ts). */
const ajv = new Ajv({ ownProperties: true, strict: true });

type Token = string | number;

/** Every place in a JSON value, as token lists, the value itself first. */
function places(value: unknown, at: Token[] = []): Token[][] {
  if (typeof value !== "object" || value === null) return [at];
  const entries: Array<[Token, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return [at, ...entries.flatMap(([k, v]) => places(v, [...at, k]))];
}

/** `value` with the subtree at `at` replaced (own properties kept, `__proto__` included). */
function replaced(value: unknown, at: readonly Token[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  if (Array.isArray(value))
    return value.map((v, i) => (i === head ? replaced(v, rest, replacement) : v));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    setOwn(out, k, k === head ? replaced(v, rest, replacement) : v);
  return out;
}

/** What a JSON decoder gives for the payload's text: plain objects with own properties, no -0. */
const decoded = (payload: unknown): unknown => JSON.parse(JSON.stringify(payload));

interface Edit {
  readonly place: number;
  readonly value: unknown;
}

const seed = fc.integer({ min: 0, max: 0x7fffffff });
const edit: fc.Arbitrary<Edit> = fc.record({
  place: fc.nat(),
  value: fc.jsonValue({ maxDepth: 2 }),
});
const rawBody = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.json({ maxDepth: 2 }),
  fc.uint8Array({ maxLength: 30 }),
);

/** The payloads of one run: the suite's own, then the edited ones. */
function payloadsOf(suite: GeneratedSuite, edits: readonly Edit[]): unknown[] {
  const own = suite.payloads.map((p) => decoded(p.payload));
  const base = own[0];
  const spots = places(base);
  return [
    ...own,
    ...edits.map((e) => decoded(replaced(base, spots[e.place % spots.length], e.value))),
  ];
}

/** Why the Lua verdict is not the reference's, or undefined when it agrees. */
function luaDisagreement(
  schema: AvroSchema,
  options: ValidationOptions,
  payload: unknown,
  verdict: LuaVerdict,
): string | undefined {
  if (verdict.error !== undefined) return `Lua error: ${verdict.error}`;
  const luaValid = verdict.exit === undefined;
  const errors = validatePayload(schema, payload, options);
  const hasEmpty = emptyContainers(payload).length > 0;
  // An empty table is both [] and {}: Lua accepts iff some reading of the payload is valid.
  const expected =
    !hasEmpty || errors.length === 0
      ? errors.length === 0
      : luaExpectedValidity(schema, payload, options, 10);
  if (expected === undefined) {
    if (luaValid && repairedReading(schema, payload, options) === undefined)
      return "Lua accepts a payload no reading of which is valid";
    return undefined;
  }
  if (luaValid !== expected) return `Lua says ${luaValid ? "valid" : "invalid"}`;
  const body = verdict.exit?.body;
  const luaPath = typeof body === "object" ? String(body.path) : undefined;
  if (
    !luaValid &&
    !hasEmpty &&
    !pathAgrees(errors, String(luaPath)) &&
    !mapSibling(schema, options, errors, String(luaPath))
  )
    return `Lua's path ${luaPath} is not the reference's ${errors[0]?.path}`;
  return undefined;
}

const tokens = (pointer: string): string[] =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));

/** The schemas a value at `at` may be read with (a plain union: any of its branches). */
function schemasAt(
  schema: AvroSchema,
  options: ValidationOptions,
  at: readonly string[],
): AvroSchema[] {
  const open = (s: AvroSchema): AvroSchema[] =>
    s.kind === "union" && options.dialect !== "avro-json" ? s.branches.flatMap(open) : [s];
  let current = open(schema);
  for (const token of at) {
    current = current.flatMap((s): AvroSchema[] => {
      if (s.kind === "array") return open(s.items);
      if (s.kind === "map") return open(s.values);
      if (s.kind === "record")
        return s.fields.filter((f) => f.name === token).flatMap((f) => open(f.type));
      // avro-json: the wrapper's key names the branch.
      if (s.kind === "union")
        return s.branches.filter((b) => branchName(b) === token).flatMap(open);
      return [];
    });
  }
  return current;
}

/**
 * The other unordered case (harness/agreement.ts, rule 2): several invalid values in one map.
 * Lua may report any of them; the reference reports them all, the first in document order.
 */
function mapSibling(
  schema: AvroSchema,
  options: ValidationOptions,
  errors: readonly PayloadError[],
  luaPath: string,
): boolean {
  const first = errors[0];
  if (first === undefined || !errors.some((e) => e.path === luaPath)) return false;
  const [a, b] = [tokens(first.path), tokens(luaPath)];
  const depth = a.findIndex((t, i) => t !== b[i]);
  if (depth < 0 || b.length <= depth) return false;
  const parent = a.slice(0, depth);
  // The parent is an object: of the schemas it may be read with, those that take an object.
  const holders = schemasAt(schema, options, parent).filter(
    (k) => k.kind === "map" || k.kind === "record",
  );
  return holders.length > 0 && holders.every((k) => k.kind === "map");
}

/** The JSON a raw body holds, if it is JSON text whose top level a chunk validates. */
function jsonContainer(body: string | Uint8Array): unknown {
  try {
    const text =
      typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body);
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

interface Run {
  readonly seed: number;
  readonly edits: readonly Edit[];
  readonly bodies: ReadonlyArray<string | Uint8Array>;
}

const run: fc.Arbitrary<Run> = fc.record({
  seed,
  edits: fc.array(edit, { maxLength: 6 }),
  bodies: fc.array(rawBody, { maxLength: 3 }),
});

/** One run's schema, options and payloads, and its Lua cases (payloads, then raw bodies). */
function prepare(r: Run) {
  const suite = generateSuite(r.seed, 0);
  const schema = parseSchema(suite.schemaJson);
  const options = { dialect: suite.dialect, allowUnknownFields: suite.allowUnknownFields };
  const payloads = payloadsOf(suite, r.edits);
  const identity = { subject: "property", version: 1, fingerprint: "0000000000000000" };
  const chunk = { source: compileLuaValidator(schema, { ...options, ...identity }) };
  const cases: LuaCase[] = [
    ...payloads.map((p) => ({ chunk, body: JSON.stringify(p) })),
    ...r.bodies.map((body) => ({ chunk, body })),
  ];
  return { run: r, suite, schema, options, payloads, cases };
}
type Prepared = ReturnType<typeof prepare>;

/** The reference keeps the generator's verdicts, and the JSON Schema in ajv agrees with it. */
function checkReferenceAndJsonSchema({ suite, schema, options, payloads }: Prepared): void {
  const valid = (p: unknown): boolean => validatePayload(schema, p, options).length === 0;
  expect(suite.payloads.filter((p, i) => valid(payloads[i]) !== p.expectValid)).toEqual([]);
  // ajv loses a field named __proto__ (see differential.test.ts): such schemas skip it.
  if (schemaFeatures(suite.schema).has("field-named-__proto__")) return;
  const viaJsonSchema = ajv.compile(compileJsonSchema(schema, options));
  expect(
    payloads.filter((p) => viaJsonSchema(p) !== valid(p)).map((p) => JSON.stringify(p)),
  ).toEqual([]);
}

/** The Lua chunk's verdicts agree with the reference; raw bodies that are not JSON get a 400. */
function checkLua(
  { run: r, schema, options, payloads }: Prepared,
  verdicts: readonly LuaVerdict[],
): void {
  const problems = payloads.flatMap((p, i) => {
    const why = luaDisagreement(schema, options, p, verdicts[i]);
    return why === undefined ? [] : [`${JSON.stringify(p)}: ${why}`];
  });
  r.bodies.forEach((body, j) => {
    const verdict = verdicts[payloads.length + j];
    const json = jsonContainer(body);
    const why =
      json !== undefined
        ? luaDisagreement(schema, options, json, verdict)
        : verdict.error !== undefined
          ? `Lua error: ${verdict.error}`
          : verdict.exit?.status !== 400
            ? `answered ${verdict.exit?.status ?? "valid"}, not 400`
            : undefined;
    const shown =
      typeof body === "string" ? JSON.stringify(body) : `0x${Buffer.from(body).toString("hex")}`;
    if (why !== undefined) problems.push(`body ${shown}: ${why}`);
  });
  expect(problems).toEqual([]);
}

describe("validator engines (properties)", () => {
  const params = propertyRuns<[Run]>(150);

  it("the reference keeps the generator's verdicts and the JSON Schema (ajv) agrees with it", () => {
    fc.assert(
      fc.property(run, (r) => checkReferenceAndJsonSchema(prepare(r))),
      params,
    );
  });

  it("the Lua chunk agrees with the reference on the same payloads, and refuses what is not JSON", () => {
    // One LuaJIT process for all runs (a process per run costs more than the checks). A failing
    // run is then replayed by fast-check, one process per try, to shrink it and print its seed.
    const runs = fc.sample(run, { numRuns: params.numRuns, seed: params.seed }).map(prepare);
    const verdicts = runLuaCases(runs.flatMap((p) => p.cases));
    let offset = 0;
    const failing = runs.filter((p) => {
      const own = verdicts.slice(offset, (offset += p.cases.length));
      try {
        checkLua(p, own);
        return false;
      } catch {
        return true;
      }
    });
    if (failing.length > 0) {
      process.stderr.write(
        `Lua disagreement in runs sampled with seed ${params.seed}; shrinking the first.\n`,
      );
      fc.assert(
        fc.property(run, (r) => {
          const p = prepare(r);
          checkLua(p, runLuaCases(p.cases));
        }),
        { examples: [[failing[0].run]], numRuns: 1 },
      );
    }
    expect(failing.length).toBe(0);
  });
});

/**
 * A documented difference: Kong's decoder (lua-cjson with its default `decode_invalid_numbers`)
 * also reads number spellings JSON forbids, so the chunk validates the number such a body
 * stands for and passes the body on as written, where the reference refuses the text.
 */
describe("numbers that lua-cjson reads beyond JSON (documented difference)", () => {
  const SPELLINGS = {
    hexadecimal: (n: number) => `${n < 0 ? "-" : ""}0x${Math.abs(n).toString(16)}`,
    "leading zero": (n: number) => `${n < 0 ? "-" : ""}0${Math.abs(n)}`,
    "plus sign": (n: number) => `+${Math.abs(n)}`,
    "trailing point": (n: number) => `${n}.`,
  };
  type Spelling = keyof typeof SPELLINGS;

  it("are validated by the chunk as the numbers they stand for, and refused as text by the reference", () => {
    const schemas = {
      int: parseSchema({ type: "record", name: "N", fields: [{ name: "v", type: "int" }] }),
      long: parseSchema({ type: "record", name: "N", fields: [{ name: "v", type: "long" }] }),
    };
    const identity = { subject: "N", version: 1, fingerprint: "0000000000000000" };
    const chunks = {
      int: { source: compileLuaValidator(schemas.int, identity) },
      long: { source: compileLuaValidator(schemas.long, identity) },
    };
    const cases = fc.sample(
      fc.record({
        type: fc.constantFrom<"int" | "long">("int", "long"),
        n: fc.oneof(fc.integer(), fc.maxSafeInteger()),
        spelling: fc.constantFrom(...(Object.keys(SPELLINGS) as Spelling[])),
      }),
      propertyRuns(200),
    );
    const bodies = cases.map(({ n, spelling }) => `{"v": ${SPELLINGS[spelling](n)}}`);
    const verdicts = runLuaCases(cases.map((c, i) => ({ chunk: chunks[c.type], body: bodies[i] })));
    const disagreements = cases.flatMap((c, i) => {
      const expected = validatePayload(schemas[c.type], { v: c.n }).length === 0;
      const lua = verdicts[i].exit === undefined;
      const refusedAsText = "problem" in readJsonText(bodies[i]);
      return lua === expected && refusedAsText
        ? []
        : [{ body: bodies[i], type: c.type, lua, expected, refusedAsText }];
    });
    expect(disagreements).toEqual([]);
  });
});
