import type { AvroSchema, JsonTextProblem } from "../../avro";
import { readJsonPayload } from "../../avro";
import type { PayloadError, ValidationOptions } from "../options";
import { DUPLICATE_KEY_MESSAGE } from "../shared-rules";
import { validatePayload } from "./validate";

/**
 * Validates a payload given as JSON text, as the gateway reads a body: text that is not JSON is
 * a problem of the input (`problem`); a key repeated in one object is the payload's one error,
 * at the pointer of its later occurrence, before any check against the schema (the Lua chunks
 * refuse it the same way, with the same message and path); otherwise the schema's errors.
 */
export function validatePayloadText(
  schema: AvroSchema,
  input: string | Uint8Array,
  options?: ValidationOptions,
): { readonly problem: JsonTextProblem } | { readonly errors: PayloadError[] } {
  const read = readJsonPayload(input);
  if ("problem" in read) return read;
  if (read.repeatedKey !== undefined)
    return { errors: [{ path: read.repeatedKey.pointer, message: DUPLICATE_KEY_MESSAGE }] };
  return { errors: validatePayload(schema, read.value, options) };
}
