/**
 * Options shared by every validator engine (TypeScript reference, JSON Schema, Lua), so that the
 * three read one payload under one set of rules.
 */

/** How a payload's JSON maps onto an Avro schema; see docs/reference/json-dialects.md. */
export type Dialect = "plain" | "avro-json";

export const DIALECTS: readonly Dialect[] = ["plain", "avro-json"];

export interface ValidationOptions {
  /**
   * `plain`: what API clients send (unions are bare values). `avro-json`: the Avro
   * specification's JSON encoding (unions wrapped in `{"<branch name>": value}`).
   * @default "plain"
   */
  readonly dialect?: Dialect;
  /** Accept record fields the schema does not declare. @default false */
  readonly allowUnknownFields?: boolean;
}

/** One reason a payload does not match its schema. */
export interface PayloadError {
  /** JSON Pointer (RFC 6901) into the payload; `""` is the payload itself. */
  readonly path: string;
  /** One sentence saying what was found and what was expected. */
  readonly message: string;
}

/** The options with their defaults filled in. */
export function resolveOptions(options: ValidationOptions = {}): Required<ValidationOptions> {
  return {
    dialect: options.dialect ?? "plain",
    allowUnknownFields: options.allowUnknownFields ?? false,
  };
}
