import { joinPointer } from "../common";
import {
  pinsFile,
  type Pin,
  type PinnedVersion,
  type Pins,
  type RepositoryProblem,
} from "../registry";
import { PROMOTION_FILE } from "./order";
import {
  checkRecord,
  describeError,
  describeViolation,
  findVersion,
  listed,
  recordsOf,
  versionsToCheck,
  violationsOf,
} from "./rules";
import type { PromotionState } from "./state";

/**
 * Every pin that `promote` would have refused, as problems in the pins file (or in the version
 * file that was edited after it was pinned): a subject or version that does not exist, a hash
 * that does not match its version, a version the environment before has never run, and a
 * version incompatible with what the environment ran before it (its history), under the
 * subject's level. With `environment`, only that environment's pins; else all of them.
 */
export function auditPins(state: PromotionState, environment?: string): RepositoryProblem[] {
  const problems = state.problems.filter((p) => p.file === PROMOTION_FILE);
  for (const pins of state.pins.values()) {
    if (environment === undefined || pins.environment === environment) {
      problems.push(...auditEnvironment(state, pins));
    }
  }
  return problems;
}

function auditEnvironment(state: PromotionState, pins: Pins): RepositoryProblem[] {
  const problems: RepositoryProblem[] = [];
  const index = state.order?.indexOf(pins.environment);
  if (state.order !== undefined && index === -1) {
    problems.push({
      file: pins.file,
      pointer: "",
      message: `environment "${pins.environment}" is not in ${PROMOTION_FILE}, which lists ${listed(state.order)}; add it there, in promotion order.`,
    });
  }
  const before = index !== undefined && index > 0 ? state.order?.[index - 1] : undefined;
  // A pins file that cannot be read is reported once, as itself: the environment after it is
  // not also blamed, pin by pin, for versions that unreadable file would have shown it ran.
  const unreadable = (env: string) => state.problems.some((p) => p.file === pinsFile(env));
  const previous = before !== undefined && !unreadable(before) ? before : undefined;
  for (const [subject, pin] of Object.entries(pins.subjects)) {
    const at = joinPointer("/subjects", subject);
    const recordProblems = auditRecords(state, pins, subject, pin);
    problems.push(...recordProblems);
    if (recordProblems.length > 0 || findVersion(state.scan, subject, pin.version) === undefined) {
      continue;
    }
    const refused = `pins v${pin.version} of "${subject}", which promote would refuse`;
    if (previous !== undefined && !hasRun(state.pins.get(previous)?.subjects[subject], pin)) {
      problems.push({
        file: pins.file,
        pointer: joinPointer(at, "version"),
        message: `${refused}: ${previous} comes before ${pins.environment} in ${PROMOTION_FILE} and has never run v${pin.version}; promote it to ${previous} first.`,
      });
    }
    problems.push(...auditCompatibility(state, pins, subject, pin, refused));
  }
  return problems;
}

function hasRun(pin: Pin | undefined, wanted: PinnedVersion): boolean {
  return pin !== undefined && recordsOf(pin).some((r) => r.version === wanted.version);
}

/** The pinned version against the ones the environment ran before it, under its level. */
function auditCompatibility(
  state: PromotionState,
  pins: Pins,
  subject: string,
  pin: Pin,
  refused: string,
): RepositoryProblem[] {
  const registered = state.scan.registry.subjects.get(subject);
  const candidate = findVersion(state.scan, subject, pin.version);
  if (registered === undefined || candidate === undefined) return [];
  const against = versionsToCheck(registered.compatibility, pin.history, pin.version)
    .map((n) => findVersion(state.scan, subject, n))
    .filter((v) => v !== undefined);
  const problems: RepositoryProblem[] = [];
  for (const violation of violationsOf(registered, candidate, against)) {
    const why = describeViolation(violation, `${pins.environment} ran before`);
    for (const error of violation.errors) {
      problems.push({
        file: pins.file,
        pointer: joinPointer("/subjects", subject, "version"),
        message: `${refused}: ${why}: ${describeError(violation, error)}.`,
      });
    }
  }
  return problems;
}

/**
 * Each record of a pin (its history and its version) must name a version that exists and still
 * has the recorded hashes. An edited version is reported once per environment, in its file.
 */
function auditRecords(
  state: PromotionState,
  pins: Pins,
  subject: string,
  pin: Pin,
): RepositoryProblem[] {
  const at = joinPointer("/subjects", subject);
  const problems: RepositoryProblem[] = [];
  const reportedEdits = new Set<number>();
  const records = recordsOf(pin);
  records.forEach((record, index) => {
    const current = index === records.length - 1;
    const where = current ? at : joinPointer(at, "history", index);
    const check = checkRecord(state.scan, subject, record);
    switch (check.kind) {
      case "no-subject":
        if (current) {
          problems.push({
            file: pins.file,
            pointer: at,
            message: `pins subject "${subject}", which has no directory in schemas/.`,
          });
        }
        return;
      case "no-version":
        problems.push({
          file: pins.file,
          pointer: joinPointer(where, "version"),
          message: current
            ? `pins version ${record.version} of "${subject}", which does not exist.`
            : `records that ${pins.environment} ran version ${record.version} of "${subject}", which does not exist.`,
        });
        return;
      case "broken":
      case "intact":
        return; // a broken version's own problems are reported with its file
      case "edited": {
        if (!confirmedElsewhere(state, pins, subject, record)) {
          const actual = check.version[check.hash];
          problems.push({
            file: pins.file,
            pointer: joinPointer(where, check.hash),
            message: `the ${current ? "pin" : "record"} of v${record.version} of "${subject}" says ${check.hash} ${record[check.hash]}, but ${check.version.file} has ${actual}; expected ${actual} (avro-kong promote writes pins), unless the file was edited after it was pinned, which needs a new version instead.`,
          });
        } else if (!reportedEdits.has(record.version)) {
          reportedEdits.add(record.version);
          problems.push({
            file: check.version.file,
            pointer: "",
            message:
              `v${record.version} of "${subject}" was edited after it was pinned in ${pins.file}: ` +
              (check.hash === "fingerprint"
                ? `its fingerprint is ${check.version.fingerprint}, the pin says ${record.fingerprint}; add a new version instead.`
                : `a default, doc, alias, order or logical type changed (here or in a shared type it uses): its sha256 is ${check.version.sha256}, the pin says ${record.sha256}; add a new version instead.`),
          });
        }
      }
    }
  });
  return problems;
}

/**
 * Whether another environment recorded the same version with the same hashes: then the file,
 * not this record, changed. A record no other one confirms may simply have been mistyped.
 */
function confirmedElsewhere(
  state: PromotionState,
  pins: Pins,
  subject: string,
  record: PinnedVersion,
): boolean {
  for (const other of state.pins.values()) {
    if (other.environment === pins.environment) continue;
    const pin = other.subjects[subject];
    if (
      pin !== undefined &&
      recordsOf(pin).some(
        (r) =>
          r.version === record.version &&
          r.fingerprint === record.fingerprint &&
          r.sha256 === record.sha256,
      )
    ) {
      return true;
    }
  }
  return false;
}
