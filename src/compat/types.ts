/**
 * Avro's `SchemaIncompatibilityType` (Java, Avro ≥ 1.9): the kinds of reason a reader cannot
 * decode what a writer wrote. Other tools read these names, so they are spelled exactly as Avro's.
 */
export const INCOMPATIBILITY_TYPES = [
  "NAME_MISMATCH",
  "FIXED_SIZE_MISMATCH",
  "MISSING_ENUM_SYMBOLS",
  "READER_FIELD_MISSING_DEFAULT_VALUE",
  "TYPE_MISMATCH",
  "MISSING_UNION_BRANCH",
] as const;

export type IncompatibilityType = (typeof INCOMPATIBILITY_TYPES)[number];

/** One reason why data written with the writer schema cannot be read with the reader schema. */
export interface Incompatibility {
  readonly type: IncompatibilityType;
  /**
   * JSON Pointer into the READER schema, built as Java's `Incompatibility.getLocation()` builds
   * it: `/` for the root, `/fields/0/type`, `/symbols`, `/size`, `/items`, `/values`, a union
   * branch index, …
   */
  readonly path: string;
  readonly message: string;
}

export interface CompatibilityResult {
  readonly compatible: boolean;
  /** Every incompatibility found, in schema order; empty when `compatible`. */
  readonly errors: readonly Incompatibility[];
}
