import Ajv from "ajv-draft-04";
import { parseSchema } from "../../src/avro";
import { compileJsonSchema, isValidPayload, validatePayload } from "../../src/validators";
import { compileLuaValidator } from "../../src/validators/lua";
import {
  emptyContainers,
  luaExpectedValidity,
  pathAgrees,
  repairedReading,
} from "./lua/harness/agreement";
import { runLuaCases, type LuaChunk, type LuaVerdict } from "./lua/harness";
import type { GeneratedSuite } from "./support";
import { MUTATION_KINDS, generateSuites, schemaFeatures } from "./support";

/**
 * The engines must agree on every generated payload: the TypeScript reference validator and the
 * JSON Schema (run by ajv, a real draft-04 validator), and both must call valid payloads valid
 * and mutated ones invalid. Set AVRO_KONG_SEED to explore other seeds; a failure prints the suite
 * id (`seed/index`) that reproduces it with `generateSuite(seed, index)`.
 */

const SEED = Number(process.env.AVRO_KONG_SEED ?? 20261126);
const SUITES = 1500;

/**
 * ajv reads properties with `data[key] !== undefined` unless `ownProperties` is set, which would
 * see `constructor` or `toString` on every object; a JSON decoder's objects have no prototype
 * chain to speak of, so own properties are the faithful reading.
 */
const ajv = new Ajv({ ownProperties: true, strict: true });

/**
 * ajv builds its own objects by assignment and so loses a property named `__proto__` from
 * `properties` (it then calls the field unknown). The compiled document does hold it (see
 * json-schema/compile.test.ts); suites whose records declare such a field are checked against
 * the generator's verdict only.
 */
const ajvCannotRun = (suite: GeneratedSuite): boolean =>
  schemaFeatures(suite.schema).has("field-named-__proto__");

const suites: GeneratedSuite[] = generateSuites(SEED, SUITES);

interface Disagreement {
  readonly id: string;
  readonly payload: string;
  readonly expected: boolean;
  readonly reference: boolean;
  readonly jsonSchema: boolean;
  readonly mutation?: string;
  readonly errors: string;
}

describe("differential: reference validator and JSON Schema (ajv)", () => {
  it("agree with each other and with the generator on every payload", () => {
    const disagreements: Disagreement[] = [];
    let cases = 0;
    for (const suite of suites) {
      const schema = parseSchema(suite.schemaJson);
      const options = { dialect: suite.dialect, allowUnknownFields: suite.allowUnknownFields };
      const viaJsonSchema = ajvCannotRun(suite)
        ? undefined
        : ajv.compile(compileJsonSchema(schema, options));
      for (const p of suite.payloads) {
        cases++;
        const reference = isValidPayload(schema, p.payload, options);
        const jsonSchema = viaJsonSchema ? (viaJsonSchema(p.payload) as boolean) : p.expectValid;
        if (reference !== p.expectValid || jsonSchema !== p.expectValid) {
          disagreements.push({
            id: suite.id,
            payload: JSON.stringify(p.payload),
            expected: p.expectValid,
            reference,
            jsonSchema,
            mutation: p.mutation && `${p.mutation} at ${p.mutationPath}`,
            errors: JSON.stringify(validatePayload(schema, p.payload, options)),
          });
        }
      }
    }
    expect(cases).toBeGreaterThan(SUITES * 6);
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(suites.filter(ajvCannotRun).length).toBeLessThan(SUITES / 4);
  });

  it("covers every schema type and every mutation kind, in both dialects", () => {
    const features = new Set<string>();
    const mutations = new Map<string, number>();
    const combos = new Set<string>();
    for (const suite of suites) {
      for (const f of schemaFeatures(suite.schema)) features.add(f);
      combos.add(`${suite.dialect}/${suite.allowUnknownFields}`);
      for (const p of suite.payloads)
        if (p.mutation) mutations.set(p.mutation, (mutations.get(p.mutation) ?? 0) + 1);
    }
    const expectedFeatures = [
      ...["null", "boolean", "int", "long", "float", "double", "bytes", "string"].map(
        (t) => `primitive:${t}`,
      ),
      ...[
        "date",
        "time-millis",
        "time-micros",
        "timestamp-millis",
        "timestamp-micros",
        "uuid",
        "decimal",
        "duration",
      ].map((l) => `logical:${l}`),
      "enum",
      "fixed",
      "array",
      "map",
      "nested-record",
      "union-with-null",
      "union-without-null",
      "recursion",
      "named-reuse",
      "default",
    ];
    expect(expectedFeatures.filter((f) => !features.has(f))).toEqual([]);
    expect(MUTATION_KINDS.filter((k) => (mutations.get(k) ?? 0) < 20)).toEqual([]);
    expect([...combos].sort()).toEqual([
      "avro-json/false",
      "avro-json/true",
      "plain/false",
      "plain/true",
    ]);
  });
});

/**
 * The third engine: the Lua access chunk in LuaJIT + lua-cjson, loaded into Kong's sandbox
 * environment, reading each payload as a raw JSON body. It must agree with the reference on
 * every payload, up to the two documented differences (test/validators/lua/harness/agreement.ts):
 * empty `[]`/`{}` are one Lua table, and a Lua table has no key order (several unknown fields).
 */
describe("differential: the Lua chunk agrees with the reference validator", () => {
  interface LuaCaseRow {
    readonly id: string;
    readonly schema: ReturnType<typeof parseSchema>;
    readonly options: { dialect: GeneratedSuite["dialect"]; allowUnknownFields: boolean };
    readonly payload: unknown;
  }
  let cases: LuaCaseRow[] = [];
  let verdicts: LuaVerdict[] = [];

  // One LuaJIT process runs every case; done here so that filtering other tests skips it.
  beforeAll(() => {
    cases = suites.flatMap((suite) => {
      const schema = parseSchema(suite.schemaJson);
      const options = { dialect: suite.dialect, allowUnknownFields: suite.allowUnknownFields };
      return suite.payloads.map((p) => ({ id: suite.id, schema, options, payload: p.payload }));
    });
    const chunks = new Map<LuaCaseRow["schema"], LuaChunk>();
    verdicts = runLuaCases(
      cases.map((c) => {
        let chunk = chunks.get(c.schema);
        if (!chunk) {
          const identity = { subject: "differential", version: 1, fingerprint: "0000000000000000" };
          chunk = { source: compileLuaValidator(c.schema, { ...c.options, ...identity }) };
          chunks.set(c.schema, chunk);
        }
        return { chunk, body: JSON.stringify(c.payload) };
      }),
    );
  });

  it("on every payload: same verdict and the same first error path", () => {
    const disagreements: unknown[] = [];
    let comparedPaths = 0;
    let unenumerated = 0;
    cases.forEach((c, i) => {
      const verdict = verdicts[i];
      const luaValid = verdict.exit === undefined;
      const errors = validatePayload(c.schema, c.payload, c.options);
      const hasEmpty = emptyContainers(c.payload).length > 0;
      // The payload as written is one of its readings: valid there means valid in Lua.
      const expected =
        !hasEmpty || errors.length === 0
          ? errors.length === 0
          : luaExpectedValidity(c.schema, c.payload, c.options, 10);
      // Too many empty containers to try every reading: Lua may only be stricter, not laxer.
      if (expected === undefined && luaValid)
        if (repairedReading(c.schema, c.payload, c.options) === undefined) unenumerated++;
      const luaPath = typeof verdict.exit?.body === "object" ? verdict.exit.body.path : undefined;
      const pathOk = luaValid || hasEmpty || pathAgrees(errors, String(luaPath));
      if (!hasEmpty && !luaValid) comparedPaths++;
      if (verdict.error || (expected !== undefined && luaValid !== expected) || !pathOk)
        disagreements.push({
          id: c.id,
          payload: JSON.stringify(c.payload),
          lua: verdict.error ?? verdict.exit?.body ?? "valid",
          reference: errors.slice(0, 3),
        });
    });
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(comparedPaths).toBeGreaterThan(cases.length / 4);
    expect(unenumerated).toBe(0);
  });

  it("differs on [] and {} exactly as documented: an empty table is both", () => {
    const schema = parseSchema({
      type: "record",
      name: "R",
      fields: [
        { name: "tags", type: { type: "array", items: "string" } },
        { name: "attrs", type: { type: "map", values: "int" } },
      ],
    });
    const options = { dialect: "plain" as const, allowUnknownFields: false };
    const chunk = {
      source: compileLuaValidator(schema, {
        ...options,
        subject: "R",
        version: 1,
        fingerprint: "00",
      }),
    };
    const swapped = { tags: {}, attrs: [] };
    const [lua] = runLuaCases([{ chunk, body: JSON.stringify(swapped) }]);
    expect(isValidPayload(schema, swapped, options)).toBe(false);
    expect(lua.exit).toBeUndefined();
    expect(luaExpectedValidity(schema, swapped, options)).toBe(true);
  });
});
