import type { AvroSchema } from "../avro";

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
