export { compileJsonSchema, formatJsonSchema, LATIN1_PATTERN } from "./compile";
export { DRAFT_04 } from "./document";
export type { JsonSchemaDocument, JsonSchemaNode, JsonSchemaType } from "./document";
