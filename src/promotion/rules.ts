import { checkLevel, type CompatibilityLevel, type Incompatibility } from "../compat";
import type { Pin, PinnedVersion, RepositoryScan, SchemaVersion, Subject } from "../registry";

/** Why a candidate version cannot replace one an environment ran, in one direction. */
export interface Violation {
  readonly level: CompatibilityLevel;
  readonly candidate: SchemaVersion;
  readonly against: SchemaVersion;
  readonly direction: "backward" | "forward";
  readonly errors: readonly Incompatibility[];
}

/**
 * The version numbers a candidate must be compatible with in an environment: the one it runs
 * now, or under a _TRANSITIVE level every one it has run (oldest first, each once). The
 * candidate's own number is left out: a version is always compatible with itself.
 */
export function versionsToCheck(
  level: CompatibilityLevel,
  ran: readonly PinnedVersion[],
  candidate: number,
): number[] {
  const chosen = level.endsWith("_TRANSITIVE") ? ran : ran.slice(-1);
  return [...new Set(chosen.map((r) => r.version))].filter((n) => n !== candidate);
}

/** Every way `candidate` fails the subject's level against `against` (versions it ran). */
export function violationsOf(
  subject: Subject,
  candidate: SchemaVersion,
  against: readonly SchemaVersion[],
): Violation[] {
  const found: Violation[] = [];
  for (const earlier of against) {
    // One at a time, so that each violation names the version it is against.
    for (const violation of checkLevel(subject.compatibility, candidate.schema, [earlier.schema])) {
      found.push({
        level: subject.compatibility,
        candidate,
        against: earlier,
        direction: violation.direction,
        errors: violation.errors,
      });
    }
  }
  return found;
}

/**
 * `under BACKWARD, v3 must read data written with v2, which dev runs now, and cannot`;
 * `ran` says how the environment relates to the earlier version ("runs now", "ran before").
 */
export function describeViolation(violation: Violation, ran: string): string {
  const c = `v${violation.candidate.version}`;
  const a = `v${violation.against.version}, which ${ran}`;
  return violation.direction === "backward"
    ? `under ${violation.level}, ${c} must read data written with ${a}, and cannot`
    : `under ${violation.level}, ${a}, must read data written with ${c}, and cannot`;
}

/** `TYPE at PATH of vN: message`, the path a JSON Pointer into the reading version. */
export function describeError(violation: Violation, error: Incompatibility): string {
  const reader = violation.direction === "backward" ? violation.candidate : violation.against;
  return `${error.type} at ${error.path} of v${reader.version}: ${error.message}`;
}

/** Every record of a pin, oldest first: its history, then the version it runs now. */
export function recordsOf(pin: Pin): readonly PinnedVersion[] {
  return [...pin.history, pin];
}

/** What a record of a version finds in the schemas as they are now. */
export type RecordCheck =
  | { readonly kind: "intact"; readonly version: SchemaVersion }
  | { readonly kind: "no-subject" }
  | { readonly kind: "no-version" }
  /** The file exists but does not load: its own problems say why. */
  | { readonly kind: "broken" }
  | {
      readonly kind: "edited";
      readonly version: SchemaVersion;
      readonly hash: "fingerprint" | "sha256";
    };

/** Compares a record with the version file it names. */
export function checkRecord(
  scan: RepositoryScan,
  subject: string,
  record: PinnedVersion,
): RecordCheck {
  const numbers = scan.versionFiles.get(subject);
  if (numbers === undefined) return { kind: "no-subject" };
  if (!numbers.has(record.version)) return { kind: "no-version" };
  const version = findVersion(scan, subject, record.version);
  if (version === undefined) return { kind: "broken" };
  if (version.fingerprint !== record.fingerprint)
    return { kind: "edited", version, hash: "fingerprint" };
  if (version.sha256 !== record.sha256) return { kind: "edited", version, hash: "sha256" };
  return { kind: "intact", version };
}

export function findVersion(
  scan: RepositoryScan,
  subject: string,
  version: number,
): SchemaVersion | undefined {
  return scan.registry.subjects.get(subject)?.versions.find((v) => v.version === version);
}

/** `dev, staging, prod` */
export function listed(names: readonly string[]): string {
  return names.join(", ");
}
