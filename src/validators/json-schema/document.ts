/** The subset of JSON Schema draft-04 the compiler emits, typed so that callers can inspect it. */

export const DRAFT_04 = "http://json-schema.org/draft-04/schema#";

export type JsonSchemaType =
  "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

export interface JsonSchemaNode {
  readonly $ref?: string;
  readonly type?: JsonSchemaType;
  readonly minimum?: number;
  readonly maximum?: number;
  /** Draft-04 form: a boolean that makes `maximum` exclusive. */
  readonly exclusiveMaximum?: boolean;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
  readonly items?: JsonSchemaNode;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
}

export interface JsonSchemaDocument extends JsonSchemaNode {
  readonly $schema: typeof DRAFT_04;
  /** One entry per Avro named type, keyed by its full name. */
  readonly definitions?: Readonly<Record<string, JsonSchemaNode>>;
}
