export { compileJsonSchema, formatJsonSchema } from "./compile";
export { DRAFT_04 } from "./document";
export type { JsonSchemaDocument } from "./document";
