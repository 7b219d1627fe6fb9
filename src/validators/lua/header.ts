import type { Dialect } from "../options";
import { DIALECTS } from "../options";
import { BODY_ENCODINGS, type BodyEncoding } from "../binary/encodings";
import { DEFAULT_MAX_BODY_BYTES, type ResponseMode } from "./options";

/**
 * What a generated chunk checks, as its first line states it: everything the compiler was given
 * besides the pinned schema, so that the chunk can be compiled again from this line and the
 * environment's pin and compared (`trustedChunk`). The line is also what people read.
 */
export interface ChunkContract {
  /** `request`/`response`: the chunk validates that body; `request-log`: it only logs what request-validator checked. */
  readonly checks: "request" | "response" | "request-log";
  readonly subject: string;
  readonly version: number | string;
  /** CRC-64-AVRO hex of the schema. */
  readonly fingerprint: string;
  /** Unknown for `request-log` chunks: request-validator's JSON Schema carries the dialect. */
  readonly dialect?: Dialect;
  readonly allowUnknownFields?: boolean;
  /** `enforce` rejects a mismatch, `report` logs it; requests are always enforced. */
  readonly mode: ResponseMode;
  /** Request chunks: the largest body read. */
  readonly maxBodyBytes?: number;
  /** Request chunks: the body encodings accepted, in order. */
  readonly encodings?: readonly BodyEncoding[];
  /** Request chunks: whether the chunk turns on buffered proxying for response validation. */
  readonly bufferResponse?: boolean;
}

function describe(contract: ChunkContract): string {
  // A comment line cannot be broken out of: the names are Avro names, the version is quoted.
  return `${contract.subject} version ${String(contract.version)} (crc64 ${contract.fingerprint})`.replace(
    /[\r\n]/g,
    " ",
  );
}

/** The first line of a chunk: a Lua comment naming its contract. */
export function formatChunkHeader(contract: ChunkContract): string {
  if (contract.checks === "request-log")
    return `-- avro-kong: log the contract checked by request-validator: ${describe(contract)}.`;
  const unknown = contract.allowUnknownFields
    ? "unknown fields allowed"
    : "unknown fields rejected";
  const kind =
    contract.checks === "request" ? "request validation" : `response validation (${contract.mode})`;
  return `-- avro-kong ${kind}: ${describe(contract)}, dialect ${contract.dialect ?? "plain"}, ${unknown}${requestSettings(contract)}. Generated; do not edit.`;
}

/** A request chunk's settings, each only where it differs from the default. */
function requestSettings(contract: ChunkContract): string {
  if (contract.checks !== "request") return "";
  const limit = contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const encodings = contract.encodings ?? ["json"];
  return [
    limit === DEFAULT_MAX_BODY_BYTES ? "" : `, bodies up to ${limit} bytes`,
    encodings.join("+") === "json" ? "" : `, encodings ${encodings.join("+")}`,
    contract.bufferResponse ? ", buffers the response" : "",
  ].join("");
}

const IDENTITY = String.raw`(\S+) version (\S+) \(crc64 ([0-9a-f]{16})\)`;
const VALIDATION = new RegExp(
  String.raw`^-- avro-kong (request validation|response validation \((enforce|report)\)): ${IDENTITY}, dialect (\S+), unknown fields (rejected|allowed)(?:, bodies up to ([1-9][0-9]{0,9}) bytes)?(?:, encodings ([a-z+-]+))?(, buffers the response)?\. Generated; do not edit\.$`,
);
const LOG = new RegExp(
  String.raw`^-- avro-kong: log the contract checked by request-validator: ${IDENTITY}\.$`,
);

function version(text: string): number | string {
  return /^[1-9][0-9]*$/.test(text) ? Number(text) : text;
}

/** The contract a generated chunk states in its first line; undefined for any other text. */
export function readChunkContract(chunk: string): ChunkContract | undefined {
  const first = chunk.split("\n", 1)[0];
  const log = LOG.exec(first);
  if (log) {
    return {
      checks: "request-log",
      subject: log[1],
      version: version(log[2]),
      fingerprint: log[3],
      mode: "enforce",
    };
  }
  const m = VALIDATION.exec(first);
  if (!m || !(DIALECTS as readonly string[]).includes(m[6])) return undefined;
  const response = m[1].startsWith("response");
  const common = {
    subject: m[3],
    version: version(m[4]),
    fingerprint: m[5],
    dialect: m[6] as Dialect,
    allowUnknownFields: m[7] === "allowed",
  };
  if (response) {
    if (m[8] !== undefined || m[9] !== undefined || m[10] !== undefined) return undefined;
    return { checks: "response", ...common, mode: m[2] as ResponseMode };
  }
  const encodings = m[9] === undefined ? ["json"] : m[9].split("+");
  if (!encodings.every((e) => (BODY_ENCODINGS as readonly string[]).includes(e))) return undefined;
  return {
    checks: "request",
    ...common,
    mode: "enforce",
    maxBodyBytes: m[8] === undefined ? DEFAULT_MAX_BODY_BYTES : Number(m[8]),
    encodings: encodings as BodyEncoding[],
    bufferResponse: m[10] !== undefined,
  };
}
