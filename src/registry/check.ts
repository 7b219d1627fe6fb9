import { checkLevel } from "../compat";
import { scanRepository } from "./load";
import { readAllPinsCollecting } from "./pins";
import type { RepositoryProblem } from "./problems";
import type { Subject } from "./registry";

/**
 * Every problem in a repository's schemas: lint, layout, version gaps, compatibility of each
 * subject's history at its level, and malformed pins files. What the pins say is checked by
 * the promotion rules (`auditPins` in src/promotion).
 * Throws a `UserError` only when there is no readable `schemas/` directory at all.
 */
export function checkRepository(rootDir: string): RepositoryProblem[] {
  const scan = scanRepository(rootDir, false);
  const problems = [...scan.problems];
  for (const subject of scan.registry.subjects.values()) {
    if (scan.completeSubjects.has(subject.name)) problems.push(...checkHistory(subject));
  }
  problems.push(...readAllPinsCollecting(scan.registry.rootDir).problems);
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
