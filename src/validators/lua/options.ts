import { UserError } from "../../common";
import type { BodyEncoding, WriterSchema } from "../binary/encodings";
import type { ValidationOptions } from "../options";

/** What the access-phase chunk needs besides the schema. */
export interface LuaCompileOptions extends ValidationOptions {
  /** The schema's full name (its registry subject), e.g. `shop.orders.OrderPlaced`. */
  readonly subject: string;
  /** The registry version the route is pinned to. */
  readonly version: number | string;
  /** CRC-64-AVRO fingerprint of the schema, lowercase hex (`schema fingerprint` output). */
  readonly fingerprint: string;
  /**
   * The route also validates responses: the access chunk then turns on buffered proxying
   * (`kong.service.request.enable_buffering()`) so that `header_filter` can read the body.
   * @default false
   */
  readonly bufferResponse?: boolean;
  /**
   * The largest request body the chunk reads, in bytes; a larger one is answered 413. Kong
   * keeps bodies up to `client_body_buffer_size` in memory and writes larger ones to a temp
   * file, which the chunk reads up to this size.
   * @default DEFAULT_MAX_BODY_BYTES (1 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * The body encodings accepted; binary ones are announced by their Content-Type
   * (docs/reference/binary-bodies.md).
   * @default ["json"]
   */
  readonly encodings?: readonly BodyEncoding[];
  /**
   * The schemas a single-object body may be written with, the pinned version first.
   * @default the pinned schema only
   */
  readonly writers?: readonly WriterSchema[];
}

/** What a request chunk reads unless told otherwise: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The largest limit a route may set: 128 MiB, Kong's request-size-limiting default. The chunk
 * holds the body and its decoded table in the worker's memory.
 */
export const MAX_BODY_BYTES_CEILING = 128 * 1024 * 1024;

/** Throws unless `value` is a whole number of bytes from 1 to MAX_BODY_BYTES_CEILING. */
export function checkMaxBodyBytes(value: number, on: string): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_BODY_BYTES_CEILING) {
    throw new UserError(
      `${on} maxBodyBytes ${String(value)} is invalid; expected a whole number of bytes from 1 to ${MAX_BODY_BYTES_CEILING}.`,
    );
  }
}

/** How a response that does not match its schema is handled. */
export type ResponseMode = "report" | "enforce";

/** What the `header_filter` chunk needs besides the schema. */
export interface LuaResponseCompileOptions extends ValidationOptions {
  readonly subject: string;
  readonly version: number | string;
  readonly fingerprint: string;
  /**
   * `report`: log the violation (with the fingerprint) and pass the response through.
   * `enforce`: replace the response with a 502 and a JSON error body.
   * @default "report"
   */
  readonly mode?: ResponseMode;
}
