import { createHash } from "node:crypto";
import { canonicalForm } from "./canonical";
import type { AvroSchema } from "./model";

export type FingerprintAlgorithm = "crc64" | "sha256" | "md5";

export const FINGERPRINT_ALGORITHMS: readonly FingerprintAlgorithm[] = ["crc64", "sha256", "md5"];

/** The spec's CRC-64-AVRO constant: the empty fingerprint and the (reflected) polynomial. */
const EMPTY = 0xc15d213aa4d7a795n;
const MASK = 0xffffffffffffffffn;

let table: readonly bigint[] | undefined;

function crcTable(): readonly bigint[] {
  if (table) return table;
  const result: bigint[] = [];
  for (let i = 0; i < 256; i++) {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n) & MASK);
    result.push(fp);
  }
  table = result;
  return result;
}

/** CRC-64-AVRO of some bytes, as the unsigned 64-bit value. */
export function crc64Avro(bytes: Uint8Array): bigint {
  const t = crcTable();
  let fp = EMPTY;
  for (const b of bytes) fp = (fp >> 8n) ^ t[Number((fp ^ BigInt(b)) & 0xffn)];
  return fp;
}

/** The 8 bytes of a 64-bit value, least significant first, as lowercase hex. */
function littleEndianHex(value: bigint): string {
  let hex = "";
  for (let i = 0n; i < 8n; i++) hex += ((value >> (8n * i)) & 0xffn).toString(16).padStart(2, "0");
  return hex;
}

/**
 * The fingerprint of the schema's Parsing Canonical Form (its UTF-8 bytes) as lowercase hex.
 * crc64 is printed as its 8 bytes in little-endian order, as in the single-object encoding
 * header: `"int"` → `8f5c393f1ad57572`.
 */
export function fingerprint(schema: AvroSchema, algorithm: FingerprintAlgorithm = "crc64"): string {
  const bytes = Buffer.from(canonicalForm(schema), "utf8");
  if (algorithm === "crc64") return littleEndianHex(crc64Avro(bytes));
  return createHash(algorithm).update(bytes).digest("hex");
}

/** The CRC-64-AVRO fingerprint as a signed 64-bit decimal, as the spec's test vectors list it. */
export function fingerprintSigned64(schema: AvroSchema): string {
  const bytes = Buffer.from(canonicalForm(schema), "utf8");
  return BigInt.asIntN(64, crc64Avro(bytes)).toString();
}
