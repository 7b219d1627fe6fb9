export { UserError, escapePointerToken, joinPointer } from "./errors";
