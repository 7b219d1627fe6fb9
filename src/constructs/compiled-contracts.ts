import type { AvroSchema } from "../avro";
import {
  compileJsonSchema,
  compileLuaResponseValidator,
  compileLuaValidator,
  type LuaCompileOptions,
  type LuaResponseCompileOptions,
  type ValidationOptions,
} from "../validators";

/**
 * The validators of a contract, compiled once per schema and options rather than once per
 * route: with thousands of routes over a few dozen subjects, compiling was a large share of
 * synth. Keyed by the schema object (one per pinned version of a loaded registry, so the cache
 * lives as long as the app's environments) and by every option the compiler reads.
 */
const compiled = new WeakMap<AvroSchema, Map<string, unknown>>();

function once<T>(schema: AvroSchema, key: string, compile: () => T): T {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new Map()));
  if (!bySchema.has(key)) bySchema.set(key, compile());
  return bySchema.get(key) as T;
}

export function requestChunk(schema: AvroSchema, options: LuaCompileOptions): string {
  // Writers are schemas (possibly cyclic): their fingerprints key them.
  const key = JSON.stringify({
    ...options,
    writers: options.writers?.map((w) => w.fingerprint),
  });
  return once(schema, `lua-request ${key}`, () => compileLuaValidator(schema, options));
}

export function responseChunk(schema: AvroSchema, options: LuaResponseCompileOptions): string {
  return once(schema, `lua-response ${JSON.stringify(options)}`, () =>
    compileLuaResponseValidator(schema, options),
  );
}

/** The draft-04 document as the JSON text request-validator's `body_schema` takes. */
export function jsonSchemaText(schema: AvroSchema, options: ValidationOptions): string {
  return once(schema, `json-schema ${JSON.stringify(options)}`, () =>
    JSON.stringify(compileJsonSchema(schema, options)),
  );
}
