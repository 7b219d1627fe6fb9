export { Rng } from "./prng";
export { generateSchema, schemaToJson, FIELD_NAMES } from "./schema-gen";
export { validPayload, MAP_KEYS, EXTRA_KEYS } from "./payload-gen";
export type { PayloadOptions } from "./payload-gen";
export { mutatePayload, MUTATION_KINDS } from "./mutate";
export type { MutationKind } from "./mutate";
export { generateCases, generateSuite, generateSuites } from "./cases";
export type { GeneratedCase, GeneratedPayload, GeneratedSuite, SuiteOptions } from "./cases";
export { schemaFeatures } from "./features";
