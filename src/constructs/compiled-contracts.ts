import type { AvroSchema } from "../avro";
import { compileJsonSchema, type ValidationOptions } from "../validators";

/**
 * The JSON Schema of a contract, compiled once per schema and options rather than once per
 * route: with thousands of routes over a few dozen subjects, compiling was a large share of
 * synth. Keyed by the schema object (one per pinned version of a loaded registry, so the cache
 * lives as long as the app's environments) and by every option the compiler reads. The Lua
 * chunks have their cache in src/validators (`requestChunkAtPin`), which the trust check shares.
 */
const compiled = new WeakMap<AvroSchema, Map<string, string>>();

/** The draft-04 document as the JSON text request-validator's `body_schema` takes. */
export function jsonSchemaText(schema: AvroSchema, options: ValidationOptions): string {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new Map()));
  const key = JSON.stringify(options);
  let text = bySchema.get(key);
  if (text === undefined)
    bySchema.set(key, (text = JSON.stringify(compileJsonSchema(schema, options))));
  return text;
}
