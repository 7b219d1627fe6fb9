/**
 * The schema registry in Git: subjects with numbered, immutable versions under `schemas/`,
 * shared named types, compatibility levels and environment pins. See `schemas/README.md`.
 */
export { loadRegistry, scanRepository } from "./load";
export type { RepositoryScan } from "./load";
export { checkRepository, checkHistory } from "./check";
export { getSubject, getVersion } from "./registry";
export type { Registry, Subject, SchemaVersion } from "./registry";
export {
  readPins,
  readAllPins,
  readAllPinsCollecting,
  parsePins,
  formatPins,
  pinOf,
  pinHashes,
  isEnvironmentName,
  earlierWriterVersions,
} from "./pins";
export type { Pin, PinnedVersion, Pins } from "./pins";
export { readSchemaFile } from "./read-schema-file";
export { DEFAULT_COMPATIBILITY, isTeamName, parseSubjectConfig } from "./subject-config";
export type { SubjectConfig } from "./subject-config";
export * from "./layout";
export type { RepositoryProblem } from "./problems";
