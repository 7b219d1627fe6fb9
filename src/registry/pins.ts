import { createHash } from "crypto";
import { join } from "path";
import type { AvroSchema } from "../avro";
import type { CompatibilityLevel } from "../compat";
import { fingerprint, isValidFullName, problemError, readJsonText, resolvedJson } from "../avro";
import { isObject, isTemporaryFileName, joinPointer, nameIndex, showValue } from "../common";
import { listDir, readText } from "./files";
import { PINS_DIR, pinsFile } from "./layout";
import type { RepositoryProblem } from "./problems";
import type { SchemaVersion } from "./registry";

/** A version as an environment ran it: its number, and what it looked like then. */
export interface PinnedVersion {
  readonly version: number;
  /** CRC-64-AVRO hex of the version when it was pinned. */
  readonly fingerprint: string;
  /** SHA-256 hex of its `resolvedJson` when it was pinned. */
  readonly sha256: string;
}

/** One subject's pinned version in an environment, and the versions it ran before. */
export interface Pin extends PinnedVersion {
  /**
   * The versions this environment ran before this one, oldest first, one entry per promotion
   * (a rollback makes a version appear again). `avro-kong promote` appends to it; a file
   * without it means no earlier versions.
   */
  readonly history: readonly PinnedVersion[];
}

/** `stacks/pins/<env>.json`: which version of each subject an environment uses. */
export interface Pins {
  readonly environment: string;
  /** Repository-relative file the pins were read from. */
  readonly file: string;
  /** Subject full name → pin, sorted by subject. */
  readonly subjects: Readonly<Record<string, Pin>>;
}

const ENVIRONMENT = /^[a-z0-9][a-z0-9_-]*$/;

export function isEnvironmentName(name: string): boolean {
  return ENVIRONMENT.test(name);
}

/**
 * The versions besides the pinned one that a single-object body may still be written with:
 * under a transitive level every version the environment ran (its history, in order), since
 * each stays readable as the pinned one; under other levels none.
 */
export function earlierWriterVersions(
  level: CompatibilityLevel,
  pinned: number,
  history: readonly number[],
): number[] {
  if (!level.endsWith("_TRANSITIVE")) return [];
  return [...new Set(history)].filter((v) => v !== pinned);
}

/** What a pin records of a schema besides its version number. */
export function pinHashes(schema: AvroSchema): Pick<PinnedVersion, "fingerprint" | "sha256"> {
  return {
    fingerprint: fingerprint(schema),
    sha256: createHash("sha256").update(resolvedJson(schema), "utf8").digest("hex"),
  };
}

/** What a pin records of a version as it is now. */
export function pinOf(version: SchemaVersion): PinnedVersion {
  return { version: version.version, fingerprint: version.fingerprint, sha256: version.sha256 };
}

/**
 * The text of a pins file: fixed key order, subjects sorted, two-space indent, final newline
 * (a form Prettier leaves as it is).
 */
export function formatPins(environment: string, subjects: Readonly<Record<string, Pin>>): string {
  const sorted = nameIndex<unknown>();
  for (const name of Object.keys(subjects).sort()) {
    const pin = subjects[name];
    sorted[name] = { ...recordOf(pin), history: pin.history.map(recordOf) };
  }
  return JSON.stringify({ environment, subjects: sorted }, null, 2) + "\n";
}

function recordOf(pinned: PinnedVersion): PinnedVersion {
  return { version: pinned.version, fingerprint: pinned.fingerprint, sha256: pinned.sha256 };
}

/** Reads pins text strictly, collecting every problem. */
export function parsePins(
  text: string,
  file: string,
  environment: string,
): { readonly pins?: Pins; readonly problems: readonly RepositoryProblem[] } {
  const problems: RepositoryProblem[] = [];
  const problem = (pointer: string, message: string): void => {
    problems.push({ file, pointer, message });
  };
  const json = readJsonText(text);
  if ("problem" in json) return { problems: [{ file, pointer: "", ...json.problem }] };
  const doc = json.value;
  if (!isObject(doc)) {
    problem("", `pins must be a JSON object {"environment": …, "subjects": {…}}.`);
    return { problems };
  }
  for (const key of Object.keys(doc)) {
    if (key !== "environment" && key !== "subjects") {
      problem(
        joinPointer("", key),
        `unknown key "${key}"; pins have "environment" and "subjects".`,
      );
    }
  }
  if (doc.environment !== environment) {
    problem(
      "/environment",
      `environment is ${showValue(doc.environment)}, but the file is ${environment}.json; they must agree.`,
    );
  }
  const subjects = nameIndex<Pin>();
  if (!isObject(doc.subjects)) {
    problem("/subjects", `"subjects" must be an object of subject name → pin.`);
  } else {
    for (const name of Object.keys(doc.subjects).sort()) {
      const at = joinPointer("/subjects", name);
      if (!isValidFullName(name)) problem(at, `"${name}" is not a valid subject name.`);
      const pin = readPin(doc.subjects[name], at, problem);
      if (pin) subjects[name] = pin;
    }
  }
  return problems.length > 0 ? { problems } : { pins: { environment, file, subjects }, problems };
}

function readPin(
  value: unknown,
  at: string,
  problem: (pointer: string, message: string) => void,
): Pin | undefined {
  if (!isObject(value)) {
    problem(at, `a pin must be an object {"version", "fingerprint", "sha256", "history"}.`);
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!PIN_KEYS.includes(key)) {
      problem(
        joinPointer(at, key),
        `unknown key "${key}"; a pin has "version", "fingerprint", "sha256" and "history".`,
      );
      ok = false;
    }
  }
  const pinned = readPinnedVersion(value, at, problem);
  const history: PinnedVersion[] = [];
  const entries = value.history ?? [];
  if (!Array.isArray(entries)) {
    problem(
      joinPointer(at, "history"),
      `history must be an array of {"version", "fingerprint", "sha256"}, oldest first.`,
    );
    ok = false;
  } else {
    entries.forEach((entry: unknown, index: number) => {
      const where = joinPointer(at, "history", index);
      if (!isObject(entry)) {
        problem(where, `a history entry must be an object {"version", "fingerprint", "sha256"}.`);
        ok = false;
        return;
      }
      for (const key of Object.keys(entry)) {
        if (!RECORD_KEYS.includes(key)) {
          problem(
            joinPointer(where, key),
            `unknown key "${key}"; a history entry has "version", "fingerprint" and "sha256".`,
          );
          ok = false;
        }
      }
      const earlier = readPinnedVersion(entry, where, problem);
      if (earlier) history.push(earlier);
      else ok = false;
    });
  }
  return ok && pinned ? { ...pinned, history } : undefined;
}

const RECORD_KEYS = ["version", "fingerprint", "sha256"];
const PIN_KEYS = [...RECORD_KEYS, "history"];

function readPinnedVersion(
  value: Record<string, unknown>,
  at: string,
  problem: (pointer: string, message: string) => void,
): PinnedVersion | undefined {
  let ok = true;
  const { version, fingerprint, sha256 } = value;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    problem(
      joinPointer(at, "version"),
      `version must be a positive integer, not ${showValue(version)}.`,
    );
    ok = false;
  }
  if (typeof fingerprint !== "string" || !/^[0-9a-f]{16}$/.test(fingerprint)) {
    problem(
      joinPointer(at, "fingerprint"),
      `fingerprint must be 16 lowercase hex digits (CRC-64-AVRO), not ${showValue(fingerprint)}.`,
    );
    ok = false;
  }
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) {
    problem(
      joinPointer(at, "sha256"),
      `sha256 must be 64 lowercase hex digits, not ${showValue(sha256)}.`,
    );
    ok = false;
  }
  return ok
    ? { version: version as number, fingerprint: fingerprint as string, sha256: sha256 as string }
    : undefined;
}

/**
 * The pins of one environment (`stacks/pins/<env>.json`). A missing file throws a `UserError`
 * unless `missingOk`, when it means no pins yet. A malformed file throws its first problem.
 */
export function readPins(
  rootDir: string,
  environment: string,
  options: { missingOk?: boolean } = {},
): Pins {
  if (!isEnvironmentName(environment)) {
    throw problemError({
      file: PINS_DIR,
      pointer: "",
      message: `"${environment}" is not a valid environment name (lowercase letters, digits, "-" and "_").`,
    });
  }
  const file = pinsFile(environment);
  const read = readText(rootDir, file);
  if ("problem" in read) {
    if (options.missingOk && read.problem.message.includes("no such file")) {
      return { environment, file, subjects: nameIndex() };
    }
    throw problemError(read.problem);
  }
  const { pins, problems } = parsePins(read.text, file, environment);
  if (!pins) throw problemError(problems[0]);
  return pins;
}

/**
 * Every environment's pins, sorted by environment, and every problem met reading them.
 * A missing `stacks/pins` directory means no pins.
 */
export function readAllPinsCollecting(rootDir: string): {
  readonly pins: readonly Pins[];
  readonly problems: readonly RepositoryProblem[];
} {
  const listing = listDir(join(rootDir, PINS_DIR), PINS_DIR);
  if ("problem" in listing) {
    return listing.problem.message.includes("no such file")
      ? { pins: [], problems: [] }
      : { pins: [], problems: [listing.problem] };
  }
  const all: Pins[] = [];
  const problems: RepositoryProblem[] = [];
  for (const entry of listing.entries) {
    const file = `${PINS_DIR}/${entry.name}`;
    const environment = entry.name.endsWith(".json") ? entry.name.slice(0, -".json".length) : "";
    if (!entry.isFile() || !isEnvironmentName(environment)) {
      problems.push({
        file,
        pointer: "",
        message: isTemporaryFileName(entry.name)
          ? `a temporary file left by an interrupted write; the pins file beside it is whole, delete this one.`
          : `unexpected entry; ${PINS_DIR} holds <environment>.json files.`,
      });
      continue;
    }
    const read = readText(rootDir, file);
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parsePins(read.text, file, environment);
    problems.push(...parsed.problems);
    if (parsed.pins) all.push(parsed.pins);
  }
  return { pins: all, problems };
}

/** Every environment's pins; the first problem throws a `UserError`. */
export function readAllPins(rootDir: string): readonly Pins[] {
  const { pins, problems } = readAllPinsCollecting(rootDir);
  if (problems.length > 0) throw problemError(problems[0]);
  return pins;
}
