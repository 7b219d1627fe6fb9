import { parseSchema, type AvroSchema } from "../../src/avro";

/** Parses an Avro schema given as a JSON value (tests write schemas as object literals). */
export function avro(json: unknown): AvroSchema {
  return parseSchema(json);
}
