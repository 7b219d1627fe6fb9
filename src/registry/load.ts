import { statSync } from "fs";
import { join, resolve } from "path";
import { isNamed, isValidFullName, lintSchema, problemError, readJsonText } from "../avro";
import { UserError } from "../common";
import { describeFsError, listDir, readText } from "./files";
import {
  isDocumentation,
  parseVersionFileName,
  SCHEMAS_DIR,
  SUBJECT_FILE_NAME,
  subjectConfigFile,
  subjectDir,
  TYPES_DIR_NAME,
  versionFile,
} from "./layout";
import { pinHashes } from "./pins";
import { kindPhrase, type RepositoryProblem } from "./problems";
import type { Registry, SchemaVersion, Subject } from "./registry";
import { SharedTypes } from "./shared-types";
import { DEFAULT_COMPATIBILITY, parseSubjectConfig } from "./subject-config";

/** What a scan found: the registry of everything valid, and every problem on the way. */
export interface RepositoryScan {
  readonly registry: Registry;
  readonly problems: readonly RepositoryProblem[];
  /** Version numbers with a file, per subject directory, valid or not (for pin checks). */
  readonly versionFiles: ReadonlyMap<string, ReadonlySet<number>>;
  /** Subjects whose every version is valid and numbered without gaps (for history checks). */
  readonly completeSubjects: ReadonlySet<string>;
  /** The team of each subject whose `subject.json` names one, valid versions or not. */
  readonly teams: ReadonlyMap<string, string>;
}

/**
 * Loads the registry of a repository (`rootDir` holds `schemas/`): every schema linted, the
 * layout checked. The first problem throws a `UserError` naming its file and place.
 * Compatibility and pins are `checkRepository`'s business.
 */
export function loadRegistry(rootDir: string): Registry {
  return scanRepository(rootDir, true).registry;
}

/** Scans the repository; fail-fast throws the first problem, otherwise all are collected. */
export function scanRepository(rootDir: string, failFast: boolean): RepositoryScan {
  const root = resolve(rootDir);
  const schemasDir = join(root, SCHEMAS_DIR);
  try {
    if (!statSync(schemasDir).isDirectory())
      throw new UserError(`${schemasDir} is not a directory.`);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `${schemasDir}: ${describeFsError(error)}; expected the schemas directory of a repository.`,
    );
  }
  const problems: RepositoryProblem[] = [];
  const report = (problem: RepositoryProblem): void => {
    if (failFast) throw problemError(problem);
    problems.push(problem);
  };
  const shared = new SharedTypes(root, failFast);
  const sharedTypes = shared.loadAll();
  problems.push(...shared.problems);

  const listing = listDir(schemasDir, SCHEMAS_DIR);
  if ("problem" in listing) {
    throw new UserError(`${schemasDir}: directory cannot be read.`, { file: SCHEMAS_DIR });
  }
  const subjects = new Map<string, Subject>();
  const versionFiles = new Map<string, Set<number>>();
  const completeSubjects = new Set<string>();
  const teams = new Map<string, string>();
  for (const entry of listing.entries) {
    if (entry.name === TYPES_DIR_NAME) continue;
    const file = `${SCHEMAS_DIR}/${entry.name}`;
    if (!entry.isDirectory()) {
      if (!isDocumentation(entry.name)) {
        report({
          file,
          pointer: "",
          message: `unexpected file; schemas live in ${SCHEMAS_DIR}/<subject>/v<N>.avsc and ${SCHEMAS_DIR}/${TYPES_DIR_NAME}/<full name>.avsc.`,
        });
      }
      continue;
    }
    if (!isValidFullName(entry.name)) {
      report({
        file,
        pointer: "",
        message: `"${entry.name}" is not a valid subject name; a subject's directory is named after the full name of its schemas.`,
      });
      continue;
    }
    const found = scanSubject(root, entry.name, shared, report);
    versionFiles.set(entry.name, found.numbers);
    if (found.subject) subjects.set(entry.name, found.subject);
    if (found.complete) completeSubjects.add(entry.name);
    if (found.team !== undefined) teams.set(entry.name, found.team);
  }
  return {
    registry: { rootDir: root, subjects, sharedTypes },
    problems,
    versionFiles,
    completeSubjects,
    teams,
  };
}

function scanSubject(
  root: string,
  name: string,
  shared: SharedTypes,
  report: (problem: RepositoryProblem) => void,
): { subject?: Subject; numbers: Set<number>; complete: boolean; team?: string } {
  const dir = subjectDir(name);
  const numbers = new Set<number>();
  const listing = listDir(join(root, dir), dir);
  if ("problem" in listing) {
    report(listing.problem);
    return { numbers, complete: false };
  }
  let compatibility = DEFAULT_COMPATIBILITY;
  let team: string | undefined;
  for (const entry of listing.entries) {
    const version = parseVersionFileName(entry.name);
    if (entry.isFile() && version !== undefined) numbers.add(version);
    else if (entry.isFile() && entry.name === SUBJECT_FILE_NAME) {
      const file = subjectConfigFile(name);
      const read = readText(root, file);
      if ("problem" in read) report(read.problem);
      else {
        const config = parseSubjectConfig(read.text, file);
        config.problems.forEach(report);
        compatibility = config.compatibility;
        team = config.team;
      }
    } else if (!(entry.isFile() && isDocumentation(entry.name))) {
      report({
        file: `${dir}/${entry.name}`,
        pointer: "",
        message: `unexpected ${entry.isDirectory() ? "directory" : "file"}; a subject holds v<N>.avsc versions (v1.avsc, v2.avsc, …) and an optional ${SUBJECT_FILE_NAME}.`,
      });
    }
  }
  if (numbers.size === 0) {
    report({ file: dir, pointer: "", message: `subject "${name}" has no versions; add v1.avsc.` });
    return { numbers, complete: false, team };
  }
  const last = Math.max(...numbers);
  let complete = true;
  const versions: SchemaVersion[] = [];
  for (let n = 1; n <= last; n++) {
    const file = versionFile(name, n);
    if (!numbers.has(n)) {
      report({
        file,
        pointer: "",
        message: `version ${n} of "${name}" is missing; versions are numbered 1, 2, 3, … without gaps.`,
      });
      complete = false;
      continue;
    }
    const version = loadVersion(root, name, n, shared, report);
    if (version) versions.push(version);
    else complete = false;
  }
  const subject =
    versions.length > 0
      ? { name, compatibility, ...(team === undefined ? {} : { team }), versions }
      : undefined;
  return { subject, numbers, complete, team };
}

function loadVersion(
  root: string,
  subject: string,
  version: number,
  shared: SharedTypes,
  report: (problem: RepositoryProblem) => void,
): SchemaVersion | undefined {
  const file = versionFile(subject, version);
  const read = readText(root, file);
  if ("problem" in read) return void report(read.problem);
  const json = readJsonText(read.text);
  if ("problem" in json) return void report({ file, pointer: "", ...json.problem });
  const { schema, problems } = lintSchema(json.value, {
    file,
    resolve: shared.get,
    definedElsewhere: shared.definedElsewhere(),
  });
  problems.forEach((p) => report({ ...shared.explain(p), file }));
  if (!schema) return undefined;
  if (!isNamed(schema)) {
    return void report({
      file,
      pointer: "",
      message: `a version of "${subject}" must be the named type "${subject}", not ${kindPhrase(schema)}.`,
    });
  }
  if (schema.name !== subject) {
    return void report({
      file,
      pointer: "/name",
      message: `the schema is named "${schema.name}", but its directory is "${subject}"; each version's full name is its subject's name.`,
    });
  }
  const tooDeep = shared.depthProblem(schema, file);
  if (tooDeep) return void report(tooDeep);
  return {
    subject,
    version,
    file,
    schema,
    ...pinHashes(schema),
  };
}
