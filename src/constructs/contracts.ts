import type { AvroSchema } from "../avro";
import { trustedChunk } from "../validators";

/** One version of a subject, as an environment runs it. */
export interface ContractVersion {
  /** The subject: the schema's full name, e.g. `shop.orders.OrderPlaced`. */
  readonly subject: string;
  readonly version: number;
  readonly schema: AvroSchema;
  /** CRC-64-AVRO fingerprint, lowercase hex: what Kong logs with every validation. */
  readonly fingerprint: string;
  /**
   * Earlier versions a single-object body may still be written with: under a transitive
   * compatibility level, every version in the pin's history (they stay readable as this one).
   * @default none
   */
  readonly earlier?: readonly { readonly fingerprint: string; readonly schema: AvroSchema }[];
}

/** Which version of each subject an environment runs: its pins. */
export interface ContractSource {
  /** The pinned version of `subject`, or undefined when the environment does not pin it. */
  pinned(subject: string): ContractVersion | undefined;
  /** Every pinned subject, for messages. */
  subjects(): readonly string[];
}

/**
 * The Lua the credential scan skips in an environment: only chunks byte for byte what the
 * compiler writes for its pins (`trustedChunk`); anything else is scanned like any code.
 */
export function trustedIn(environment: {
  readonly contracts?: ContractSource;
}): (lua: string) => boolean {
  const contracts = environment.contracts;
  if (contracts === undefined) return untrusted;
  // One function per contract source: every plugin asks for it.
  let trusted = trustedBySource.get(contracts);
  if (!trusted) {
    trusted = (lua) => trustedChunk(lua, contracts) !== undefined;
    trustedBySource.set(contracts, trusted);
  }
  return trusted;
}

const trustedBySource = new WeakMap<ContractSource, (lua: string) => boolean>();
const untrusted = (lua: string): boolean => trustedChunk(lua, undefined) !== undefined;
