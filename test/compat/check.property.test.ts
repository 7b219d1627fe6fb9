import fc from "fast-check";
import { Type, type Schema } from "avsc";
import { canonicalForm, type AvroSchema } from "../../src/avro";
import { COMPATIBILITY_LEVELS, checkCompatibility, checkLevel } from "../../src/compat";
import { validatePayload } from "../../src/validators";
import { RandomSchemas } from "./random-schemas";
import { propertyRuns } from "../support/properties";
import { generatedSchemaJson, parsed, parses, schemaJson } from "../support/schema-arbitraries";
import { Rng, validPayload } from "../validators/support";

/**
 * Properties of the compatibility checker. The promise behind "compatible" is checked with
 * data: a payload written with the writer schema is encoded by avsc (an independent Avro
 * implementation), decoded with the reader schema through avsc's resolver, and the result must
 * be a valid payload of the reader schema for the reference validator. The schema pairs are the
 * compatibility generator's (no namespaces: there avsc's resolver does not follow the spec).
 */

describe("compatibility (properties)", () => {
  it("is reflexive: every schema reads its own data, at every level", () => {
    fc.assert(
      fc.property(schemaJson, (json) => {
        // Two parses: the checker must compare schemas, not object identities.
        const [a, b] = [parsed(json), parsed(json)];
        expect(checkCompatibility(a, a).errors).toEqual([]);
        expect(checkCompatibility(a, b).errors).toEqual([]);
        for (const level of COMPATIBILITY_LEVELS) expect(checkLevel(level, a, [b, a])).toEqual([]);
      }),
      propertyRuns(300),
    );
  });

  it("compares names unqualified, as the spec does: moving every type to another namespace keeps it compatible", () => {
    fc.assert(
      fc.property(generatedSchemaJson, (json) => {
        const [here, there] = [parsed(json), parsed(moved(json))];
        expect(canonicalForm(there)).not.toBe(canonicalForm(here));
        expect(checkCompatibility(here, there).errors).toEqual([]);
        expect(checkCompatibility(there, here).errors).toEqual([]);
      }),
      propertyRuns(200),
    );
  });
});

/** The generated schema with every named type moved to another namespace (references too). */
function moved(json: unknown): unknown {
  const type = (t: unknown): unknown => {
    // The generator gives every named type a namespace: a dotted name is a reference.
    if (typeof t === "string") return t.includes(".") ? `moved.${t}` : t;
    if (Array.isArray(t)) return t.map(type);
    const o = { ...(t as Record<string, unknown>) };
    if (typeof o.namespace === "string") o.namespace = `moved.${o.namespace}`;
    if (o.items !== undefined) o.items = type(o.items);
    if (o.values !== undefined) o.values = type(o.values);
    if (Array.isArray(o.fields))
      o.fields = (o.fields as Array<Record<string, unknown>>).map((f) => ({
        ...f,
        type: type(f.type),
      }));
    return o;
  };
  return type(json);
}

/** A seeded schema and versions made from it by the edits a schema author makes. */
interface History {
  readonly json: readonly unknown[];
  readonly schemas: readonly AvroSchema[];
}

function history(seed: number, length: number): History | undefined {
  const random = new RandomSchemas(seed + 1);
  const json = [random.schema(4)];
  while (json.length < length) json.push(random.edit(json[json.length - 1]));
  // An edit can break a schema (a default no longer matching its type): no such history.
  if (!json.every((j) => parses(j) && avscParses(j))) return undefined;
  return { json, schemas: json.map(parsed) };
}

function avscType(json: unknown): Type {
  return Type.forSchema(json as Schema, { wrapUnions: true });
}

function avscParses(json: unknown): boolean {
  try {
    avscType(json);
    return true;
  } catch {
    return false;
  }
}

const AVRO_JSON = { dialect: "avro-json", allowUnknownFields: false } as const;

/**
 * Payloads of the writer schema (Avro's JSON encoding) that its binary encoding can hold; the
 * generator's longs beyond 2^53 and floats beyond single precision are left out.
 */
function writerData(writer: AvroSchema, writerJson: unknown, seed: number, count: number) {
  const type = avscType(writerJson);
  const rng = new Rng(seed);
  const data: unknown[] = [];
  for (let i = 0; i < count; i++) {
    let payload: unknown;
    try {
      payload = validPayload(writer, rng, AVRO_JSON);
    } catch (error) {
      // A record that requires itself has no finite value: nothing to write.
      if (error instanceof RangeError) return data;
      throw error;
    }
    expect(validatePayload(writer, payload, AVRO_JSON)).toEqual([]);
    let datum: unknown;
    try {
      datum = type.fromString(JSON.stringify(payload));
    } catch {
      continue;
    }
    if (!type.isValid(datum)) continue;
    const again = JSON.parse(type.toString(type.fromBuffer(type.toBuffer(datum))));
    if (validatePayload(writer, again, AVRO_JSON).length === 0) data.push(datum);
  }
  return data;
}

/** Each datum of the writer, encoded, then decoded with the reader: its errors as a reader payload. */
function readErrors(
  reader: { schema: AvroSchema; json: unknown },
  writer: { json: unknown },
  data: readonly unknown[],
): string[] {
  const readerType = avscType(reader.json);
  const writerType = avscType(writer.json);
  const resolver = readerType.createResolver(writerType, {
    ignoreNamespaces: true,
  } as Parameters<Type["createResolver"]>[1]);
  return data.flatMap((datum) => {
    const read = readerType.fromBuffer(writerType.toBuffer(datum), resolver);
    const payload = JSON.parse(readerType.toString(read));
    return validatePayload(reader.schema, payload, AVRO_JSON).map(
      (e) =>
        `${writerType.toString(datum)} read as ${JSON.stringify(payload)}: ${e.path} ${e.message}`,
    );
  });
}

const seed = fc.integer({ min: 0, max: 0x7fffffff });

describe("compatibility keeps its promise for generated data (properties)", () => {
  it("a reader called compatible with a writer reads every payload the writer writes", () => {
    let checked = 0;
    fc.assert(
      fc.property(seed, fc.boolean(), (s, forward) => {
        const h = history(s, 2);
        fc.pre(h !== undefined);
        const [a, b] = forward ? [0, 1] : [1, 0];
        const [reader, writer] = [h.schemas[a], h.schemas[b]];
        fc.pre(checkCompatibility(reader, writer).compatible);
        const data = writerData(writer, h.json[b], s, 4);
        checked += data.length;
        expect(readErrors({ schema: reader, json: h.json[a] }, { json: h.json[b] }, data)).toEqual(
          [],
        );
      }),
      { ...propertyRuns(300), maxSkipsPerRun: 1000 },
    );
    expect(checked).toBeGreaterThan(300);
  });

  it("every history a level accepts keeps the level's guarantee", () => {
    let checked = 0;
    fc.assert(
      fc.property(seed, fc.constantFrom(...COMPATIBILITY_LEVELS), (s, level) => {
        fc.pre(level !== "NONE");
        const h = history(s, 3);
        fc.pre(h !== undefined);
        const versions = h.schemas;
        // The level accepted each version in turn, as `schema check` and promotion apply it.
        fc.pre(versions.every((v, i) => checkLevel(level, v, versions.slice(0, i)).length === 0));
        const transitive = level.endsWith("_TRANSITIVE");
        const backward = !level.startsWith("FORWARD");
        const forward = !level.startsWith("BACKWARD");
        const promised: Array<[reader: number, writer: number]> = [];
        for (let newer = 1; newer < versions.length; newer++)
          for (let older = transitive ? 0 : newer - 1; older < newer; older++) {
            if (backward) promised.push([newer, older]);
            if (forward) promised.push([older, newer]);
          }
        for (const [r, w] of promised) {
          const data = writerData(versions[w], h.json[w], s + w, 3);
          checked += data.length;
          expect(
            readErrors({ schema: versions[r], json: h.json[r] }, { json: h.json[w] }, data),
          ).toEqual([]);
        }
      }),
      { ...propertyRuns(200), maxSkipsPerRun: 1000 },
    );
    expect(checked).toBeGreaterThan(400);
  });
});
