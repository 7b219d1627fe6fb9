import type { AvroSchema } from "../../avro";

/**
 * How a request body may be encoded: `json` (the JSON dialects), `avro-binary` (Avro's binary
 * encoding, as Avro's HTTP transport sends it) and `avro-single-object` (the binary encoding
 * behind the marker C3 01 and the writer schema's CRC-64-AVRO fingerprint).
 */
export type BodyEncoding = "json" | "avro-binary" | "avro-single-object";

export const BODY_ENCODINGS: readonly BodyEncoding[] = [
  "json",
  "avro-binary",
  "avro-single-object",
];

/** The media type (Content-Type) that announces each binary encoding; see docs/reference/binary-bodies.md. */
export const BINARY_MEDIA_TYPES: Readonly<Record<Exclude<BodyEncoding, "json">, string>> = {
  "avro-binary": "avro/binary",
  "avro-single-object": "application/vnd.apache.avro+binary",
};

/** A schema a single-object body may be written with: the pinned version or an earlier one. */
export interface WriterSchema {
  /** CRC-64-AVRO fingerprint, lowercase hex, little-endian as in the single-object header. */
  readonly fingerprint: string;
  readonly schema: AvroSchema;
}

/** The two bytes every single-object body starts with. */
export const SINGLE_OBJECT_MARKER = [0xc3, 0x01] as const;
/** Marker plus the 8-byte fingerprint. */
export const SINGLE_OBJECT_HEADER_BYTES = 10;
