import { posix } from "path";

/**
 * Where things live in a repository (paths relative to its root, always with `/`):
 *
 *   schemas/<subject>/v<N>.avsc        version N of a subject (N = 1, 2, …, no gaps, immutable)
 *   schemas/<subject>/subject.json     optional: { "compatibility": "BACKWARD" }
 *   schemas/_types/<full name>.avsc    a named type shared by several subjects
 *   stacks/pins/<env>.json             which version of each subject an environment uses
 *
 * `schemas/README.md` documents the same for people.
 */
export const SCHEMAS_DIR = "schemas";
export const TYPES_DIR_NAME = "_types";
export const TYPES_DIR = posix.join(SCHEMAS_DIR, TYPES_DIR_NAME);
export const SUBJECT_FILE_NAME = "subject.json";
export const PINS_DIR = "stacks/pins";

export function subjectDir(subject: string): string {
  return posix.join(SCHEMAS_DIR, subject);
}

export function versionFile(subject: string, version: number): string {
  return posix.join(SCHEMAS_DIR, subject, `v${version}.avsc`);
}

export function subjectConfigFile(subject: string): string {
  return posix.join(SCHEMAS_DIR, subject, SUBJECT_FILE_NAME);
}

export function sharedTypeFile(fullName: string): string {
  return posix.join(TYPES_DIR, `${fullName}.avsc`);
}

export function pinsFile(environment: string): string {
  return posix.join(PINS_DIR, `${environment}.json`);
}

/** The version number of a file name such as `v12.avsc`; undefined for anything else (`v01.avsc`). */
export function parseVersionFileName(name: string): number | undefined {
  const match = /^v([1-9][0-9]*)\.avsc$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Notes for people may sit anywhere in `schemas/`. */
export function isDocumentation(name: string): boolean {
  return name.endsWith(".md");
}
