export { UserError, ValidationError, escapePointerToken, joinPointer } from "./errors";
export { writeFileAtomically, isTemporaryFileName } from "./atomic-write";
export type { AtomicWriteStep } from "./atomic-write";
export { Secret, VariableSecret, VaultSecret } from "./secret";
export { isObject, nameIndex, showValue } from "./values";
export { sealGeneratedCode, isSealedGeneratedCode } from "./generated-code";
export { withFileLock } from "./file-lock";
export type { FileLockOptions } from "./file-lock";
export { makeTemporaryFolder } from "./temporary-folder";
