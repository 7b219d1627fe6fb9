import type { AvroSchema } from "../avro";
import { checkCompatibility } from "./check";
import type { Incompatibility } from "./types";

/** Confluent Schema Registry's compatibility levels, by the names Confluent uses. */
export const COMPATIBILITY_LEVELS = [
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
  "NONE",
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export function isCompatibilityLevel(x: unknown): x is CompatibilityLevel {
  return typeof x === "string" && (COMPATIBILITY_LEVELS as readonly string[]).includes(x);
}

/** One earlier version the candidate fails against, in one direction. */
export interface LevelViolation {
  /** Index into the `history` given to `checkLevel` (0 = oldest). */
  readonly againstIndex: number;
  /**
   * `backward`: the candidate cannot read data written with that version.
   * `forward`: that version cannot read data written with the candidate.
   */
  readonly direction: "backward" | "forward";
  readonly errors: readonly Incompatibility[];
}

/**
 * Checks a candidate schema against a subject's earlier versions (oldest first) under a level:
 * BACKWARD, the candidate reads the latest; FORWARD, the latest reads the candidate; FULL, both;
 * the _TRANSITIVE levels do the same against every earlier version; NONE checks nothing.
 * Violations come oldest version first, backward before forward.
 */
export function checkLevel(
  level: CompatibilityLevel,
  candidate: AvroSchema,
  history: readonly AvroSchema[],
): LevelViolation[] {
  if (level === "NONE" || history.length === 0) return [];
  const transitive = level.endsWith("_TRANSITIVE");
  const backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
  const forward = level.startsWith("FORWARD") || level.startsWith("FULL");
  const first = transitive ? 0 : history.length - 1;
  const violations: LevelViolation[] = [];
  for (let index = first; index < history.length; index++) {
    const earlier = history[index];
    if (backward) {
      const { errors } = checkCompatibility(candidate, earlier);
      if (errors.length > 0)
        violations.push({ againstIndex: index, direction: "backward", errors });
    }
    if (forward) {
      const { errors } = checkCompatibility(earlier, candidate);
      if (errors.length > 0) violations.push({ againstIndex: index, direction: "forward", errors });
    }
  }
  return violations;
}
