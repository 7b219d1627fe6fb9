export type { BodyEncoding, WriterSchema } from "./encodings";
export { BODY_ENCODINGS } from "./encodings";
export { validateBinary, validateSingleObject } from "./reference";
export { binaryMessages } from "./messages";
