import type { AvroSchema, RecordSchema } from "../../../src/avro";
import type { Dialect } from "../../../src/validators";
import { mutatePayload, type MutationKind } from "./mutate";
import { validPayload } from "./payload-gen";
import { Rng } from "./prng";
import { generateSchema, schemaToJson } from "./schema-gen";

/** One random schema with its options and payloads, valid and mutated. */
export interface GeneratedSuite {
  /** `seed/index`: regenerate with `generateSuites(seed, index + 1)[index]`. */
  readonly id: string;
  readonly schema: RecordSchema;
  /** The schema as Avro JSON text would hold it (named types defined once, then by full name). */
  readonly schemaJson: unknown;
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
  readonly payloads: readonly GeneratedPayload[];
}

export interface GeneratedPayload {
  readonly payload: unknown;
  readonly expectValid: boolean;
  /** For a mutated payload: what was done, and where (JSON Pointer). */
  readonly mutation?: MutationKind;
  readonly mutationPath?: string;
}

/** A flat view of one payload with everything needed to check it (e.g. in a Lua batch). */
export interface GeneratedCase {
  readonly id: string;
  readonly schema: AvroSchema;
  readonly schemaJson: unknown;
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
  readonly payload: unknown;
  readonly expectValid: boolean;
  readonly mutation?: MutationKind;
  readonly mutationPath?: string;
}

export interface SuiteOptions {
  /** @default 3 */
  readonly validPerSchema?: number;
  /** @default 5 */
  readonly invalidPerSchema?: number;
}

export function generateSuite(
  seed: number,
  index: number,
  options: SuiteOptions = {},
): GeneratedSuite {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0);
  const schema = generateSchema(rng);
  const dialect: Dialect = rng.chance(0.5) ? "plain" : "avro-json";
  const allowUnknownFields = rng.chance(0.3);
  const payloadOptions = { dialect, allowUnknownFields };
  const payloads: GeneratedPayload[] = [];
  for (let i = 0; i < (options.validPerSchema ?? 3); i++)
    payloads.push({ payload: validPayload(schema, rng, payloadOptions), expectValid: true });
  for (let i = 0; i < (options.invalidPerSchema ?? 5); i++) {
    const mutated = mutatePayload(
      schema,
      validPayload(schema, rng, payloadOptions),
      rng,
      payloadOptions,
    );
    if (mutated)
      payloads.push({
        payload: mutated.payload,
        expectValid: false,
        mutation: mutated.kind,
        mutationPath: mutated.path,
      });
  }
  return {
    id: `${seed}/${index}`,
    schema,
    schemaJson: schemaToJson(schema),
    dialect,
    allowUnknownFields,
    payloads,
  };
}

/** `count` suites from one seed; the same seed always gives the same suites. */
export function generateSuites(
  seed: number,
  count: number,
  options: SuiteOptions = {},
): GeneratedSuite[] {
  return Array.from({ length: count }, (_, i) => generateSuite(seed, i, options));
}

/** At least `count` cases, whole suites at a time (consecutive cases share one schema object). */
export function generateCases(
  seed: number,
  count: number,
  options: SuiteOptions = {},
): GeneratedCase[] {
  const cases: GeneratedCase[] = [];
  for (let i = 0; cases.length < count; i++) {
    const suite = generateSuite(seed, i, options);
    for (const p of suite.payloads) {
      cases.push({
        id: suite.id,
        schema: suite.schema,
        schemaJson: suite.schemaJson,
        dialect: suite.dialect,
        allowUnknownFields: suite.allowUnknownFields,
        ...p,
      });
    }
  }
  return cases;
}
