export type { BodyEncoding, WriterSchema } from "./encodings";
export {
  BINARY_MEDIA_TYPES,
  BODY_ENCODINGS,
  SINGLE_OBJECT_HEADER_BYTES,
  SINGLE_OBJECT_MARKER,
} from "./encodings";
export { validateBinary, validateSingleObject } from "./reference";
export { binaryMessages } from "./messages";
