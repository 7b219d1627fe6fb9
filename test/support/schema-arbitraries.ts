import fc from "fast-check";
import { parseSchema, type AvroSchema } from "../../src/avro";
import { RandomSchemas } from "../compat/random-schemas";
import { Rng, generateSchema, schemaToJson } from "../validators/support";

/**
 * The project's seeded schema generators as fast-check arbitraries. A seed does not shrink into
 * a simpler schema, but it reproduces one exactly: fast-check prints the seed of a failure.
 */

const seed = fc.integer({ min: 0, max: 0x7fffffff });

/** Schemas of every type (logical types, namespaces, guarded recursion, defaults). */
export const generatedSchemaJson: fc.Arbitrary<unknown> = seed.map((s) =>
  schemaToJson(generateSchema(new Rng(s))),
);

/** Smaller schemas without namespaces, whose few names recur (the compatibility generator). */
const compatSchemaJson: fc.Arbitrary<unknown> = seed
  .map((s) => new RandomSchemas(s + 1).schema(4))
  .filter((json) => parses(json));

/** Either kind. */
export const schemaJson: fc.Arbitrary<unknown> = fc.oneof(generatedSchemaJson, compatSchemaJson);

export function parses(json: unknown): boolean {
  try {
    parseSchema(json);
    return true;
  } catch {
    return false;
  }
}

/** Parses a schema the generators made; they only make valid ones. */
export function parsed(json: unknown): AvroSchema {
  return parseSchema(json);
}
