import type { AvroSchema } from "../avro";
import { UserError } from "../common";

/**
 * Refuses a schema whose top-level type no gateway body can have: Kong's `get_body` only
 * delivers JSON objects and arrays, so only a record, a map or an array can be checked there.
 */
export function assertCompilableTopLevel(schema: AvroSchema, file?: string): void {
  if (schema.kind === "record" || schema.kind === "map" || schema.kind === "array") return;
  const found = schema.kind === "primitive" ? schema.type : schema.kind;
  throw new UserError(
    `${file ?? "The schema"}: the top-level type is ${found}, but a request or response body can only be validated against a record, a map or an array (Kong decodes JSON objects and arrays only).`,
    { file, pointer: "" },
  );
}
