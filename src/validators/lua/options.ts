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
}

/** How a response that does not match its schema is handled. */
export type ResponseMode = "report" | "enforce";

export const RESPONSE_MODES: readonly ResponseMode[] = ["report", "enforce"];

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
