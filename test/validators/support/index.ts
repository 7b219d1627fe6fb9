export { Rng } from "./prng";
export { generateSchema, schemaToJson } from "./schema-gen";
export { validPayload } from "./payload-gen";
export { mutatePayload, MUTATION_KINDS } from "./mutate";
export { generateCases, generateSuite, generateSuites } from "./cases";
export type { GeneratedSuite } from "./cases";
export { schemaFeatures } from "./features";
export { BODY_TEXT_KINDS, bodyText } from "./body-text";
