import { checkLevel } from "../compat";
import { scanRepository, type RepositoryScan } from "./load";
import { readAllPinsCollecting, type Pins } from "./pins";
import type { RepositoryProblem } from "./problems";
import type { Subject } from "./registry";

/**
 * Every problem in a repository: schema lint, layout, version gaps, compatibility of each
 * subject's history at its level, and pins (a pinned version must exist and be unchanged).
 * Throws a `UserError` only when there is no readable `schemas/` directory at all.
 */
export function checkRepository(rootDir: string): RepositoryProblem[] {
  const scan = scanRepository(rootDir, false);
  const problems = [...scan.problems];
  for (const subject of scan.registry.subjects.values()) {
    if (scan.completeSubjects.has(subject.name)) problems.push(...checkHistory(subject));
  }
  const pins = readAllPinsCollecting(scan.registry.rootDir);
  problems.push(...pins.problems);
  for (const environment of pins.pins) problems.push(...checkPins(scan, environment));
  return problems;
}

/** Each version against the earlier ones, at the subject's compatibility level. */
export function checkHistory(subject: Subject): RepositoryProblem[] {
  const problems: RepositoryProblem[] = [];
  const schemas = subject.versions.map((v) => v.schema);
  for (let i = 1; i < subject.versions.length; i++) {
    const candidate = subject.versions[i];
    for (const violation of checkLevel(
      subject.compatibility,
      candidate.schema,
      schemas.slice(0, i),
    )) {
      const earlier = subject.versions[violation.againstIndex];
      const [reader, writer] =
        violation.direction === "backward" ? [candidate, earlier] : [earlier, candidate];
      for (const error of violation.errors) {
        problems.push({
          file: candidate.file,
          // A path points into the reader; it is this file's only when this version reads.
          pointer: reader === candidate ? error.path : "",
          message:
            `v${reader.version} cannot read data written with v${writer.version}, which ` +
            `${subject.compatibility} requires: ` +
            (reader === candidate
              ? `${error.type} (${error.message}).`
              : `${error.type} at ${error.path} of v${reader.version} (${error.message}).`),
        });
      }
    }
  }
  return problems;
}

/** A pin must name an existing subject and version, whose file still has the pinned hashes. */
function checkPins(scan: RepositoryScan, pins: Pins): RepositoryProblem[] {
  const problems: RepositoryProblem[] = [];
  for (const [name, pin] of Object.entries(pins.subjects)) {
    const at = `/subjects/${name}`;
    const numbers = scan.versionFiles.get(name);
    if (numbers === undefined) {
      problems.push({
        file: pins.file,
        pointer: at,
        message: `pins subject "${name}", which has no directory in schemas/.`,
      });
      continue;
    }
    if (!numbers.has(pin.version)) {
      problems.push({
        file: pins.file,
        pointer: `${at}/version`,
        message: `pins version ${pin.version} of "${name}", which does not exist.`,
      });
      continue;
    }
    const version = scan.registry.subjects
      .get(name)
      ?.versions.find((v) => v.version === pin.version);
    if (!version) continue; // the version's own problems are reported already
    if (version.fingerprint !== pin.fingerprint) {
      problems.push({
        file: version.file,
        pointer: "",
        message: `v${pin.version} of "${name}" was edited after it was pinned in ${pins.file}: its fingerprint is ${version.fingerprint}, the pin says ${pin.fingerprint}; add a new version instead.`,
      });
    } else if (version.sha256 !== pin.sha256) {
      problems.push({
        file: version.file,
        pointer: "",
        message: `v${pin.version} of "${name}" was edited after it was pinned in ${pins.file}: a default, doc, alias, order or logical type changed (here or in a shared type it uses): its sha256 is ${version.sha256}, the pin says ${pin.sha256}; add a new version instead.`,
      });
    }
  }
  return problems;
}
