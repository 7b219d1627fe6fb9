import { formatProblem } from "../avro";
import { nameIndex, UserError } from "../common";
import {
  formatPins,
  pinOf,
  pinsFile,
  versionFile,
  type Pin,
  type PinnedVersion,
  type SchemaVersion,
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

/** One subject moving to another version in an environment. */
export interface PromotionChange {
  readonly subject: string;
  /** What the environment ran before; undefined for its first promotion of the subject. */
  readonly from?: PinnedVersion;
  readonly to: PinnedVersion;
}

/** Why a promotion cannot be made: one sentence, and the compatibility errors behind it. */
export interface Refusal {
  readonly sentence: string;
  /** `TYPE at PATH of vN: message` lines, or the problems of a version file. */
  readonly details: readonly string[];
}

/**
 * What a promotion would do to one environment's pins file: either refusals (and nothing is to
 * be written), or the changes and the file's new text (undefined when nothing changes).
 */
export interface PromotionPlan {
  readonly environment: string;
  /** Repository-relative pins file. */
  readonly file: string;
  readonly changes: readonly PromotionChange[];
  readonly refusals: readonly Refusal[];
  readonly text?: string;
}

/** `promote SUBJECT VERSION --env ENV`. */
export function planPromotion(
  state: PromotionState,
  environment: string,
  subject: string,
  version: number,
): PromotionPlan {
  return plan(state, environment, () => [{ subject, version }]);
}

/** Which of FROM's subjects `promote --from` moves: one subject, one team's, or (empty) all. */
export interface PromotionScope {
  readonly subject?: string;
  /** A team, as subjects' `subject.json` name it. */
  readonly team?: string;
}

/**
 * `promote --from FROM --env ENV`: every subject FROM runs and ENV does not run at that
 * version, all or none. FROM must come right before ENV. `scope` narrows it to one subject
 * and/or one team's subjects (both: that subject, which must be the team's); a subject not in
 * `schemas/`, a team no `subject.json` names, or a subject of another team is a `UserError`.
 */
export function planPromotionFrom(
  state: PromotionState,
  from: string,
  environment: string,
  scope: PromotionScope = {},
): PromotionPlan {
  const inScope = scopeFilter(state, scope);
  return plan(state, environment, (order) => {
    const refusal = checkSource(order, from, environment);
    if (refusal) return { refusal };
    const source = state.pins.get(from)?.subjects ?? nameIndex();
    const target = state.pins.get(environment)?.subjects ?? nameIndex();
    if (scope.subject !== undefined && source[scope.subject] === undefined) {
      return {
        refusal: {
          sentence: `Cannot promote ${scope.subject} from ${from} to ${environment}: ${from} does not run it; promote it to ${from} first.`,
          details: [],
        },
      };
    }
    return Object.entries(source)
      .filter(([subject, pin]) => inScope(subject) && target[subject]?.version !== pin.version)
      .map(([subject, pin]) => ({ subject, version: pin.version }));
  });
}

/** The subjects a scope admits; its names are checked against `schemas/` first. */
function scopeFilter(state: PromotionState, scope: PromotionScope): (subject: string) => boolean {
  const { versionFiles, teams } = state.scan;
  const { subject, team } = scope;
  if (subject !== undefined && !versionFiles.has(subject)) {
    const known = [...versionFiles.keys()];
    throw new UserError(
      `No subject "${subject}" in schemas/; known subjects: ${known.length > 0 ? listed(known) : "none"}.`,
    );
  }
  if (team !== undefined && ![...teams.values()].includes(team)) {
    const known = [...new Set(teams.values())].sort();
    throw new UserError(
      `No subject in schemas/ belongs to team "${team}" (a subject's team is the "team" of its subject.json); teams named there: ${known.length > 0 ? listed(known) : "none"}.`,
    );
  }
  if (subject !== undefined && team !== undefined && teams.get(subject) !== team) {
    const owner = teams.get(subject);
    throw new UserError(
      `Subject "${subject}" does not belong to team "${team}"; ${owner === undefined ? "its subject.json names no team" : `it belongs to team "${owner}"`}.`,
    );
  }
  return (name) =>
    (subject === undefined || name === subject) && (team === undefined || teams.get(name) === team);
}

interface Request {
  readonly subject: string;
  readonly version: number;
}

function plan(
  state: PromotionState,
  environment: string,
  requests: (order: readonly string[]) => { readonly refusal: Refusal } | readonly Request[],
): PromotionPlan {
  const file = pinsFile(environment);
  const refuse = (refusals: Refusal[]): PromotionPlan => ({
    environment,
    file,
    changes: [],
    refusals,
  });
  const { order } = state;
  if (order === undefined || !order.includes(environment)) {
    const blocking = state.problems.filter((p) => p.file === PROMOTION_FILE);
    if (blocking.length > 0) return refuse(blocking.map(problemRefusal));
    return refuse([
      {
        sentence: `Unknown environment "${environment}"; ${PROMOTION_FILE} lists ${listed(order ?? [])}.`,
        details: [],
      },
    ]);
  }
  const previous = order[order.indexOf(environment) - 1];
  const involved = [file, ...(previous === undefined ? [] : [pinsFile(previous)])];
  const blocking = state.problems.filter((p) => involved.includes(p.file));
  if (blocking.length > 0) return refuse(blocking.map(problemRefusal));

  const wanted = requests(order);
  if ("refusal" in wanted) return refuse([wanted.refusal]);
  const pins = nameIndex(state.pins.get(environment)?.subjects);
  const changes: PromotionChange[] = [];
  const refusals: Refusal[] = [];
  for (const { subject, version } of wanted) {
    const judged = judge(state, environment, previous, subject, version);
    if ("sentence" in judged) refusals.push(judged);
    else if (judged.pin !== undefined) {
      changes.push({ subject, from: pins[subject], to: judged.pin });
      pins[subject] = judged.pin;
    }
  }
  if (refusals.length > 0) return refuse(refusals);
  return {
    environment,
    file,
    changes,
    refusals,
    text: changes.length > 0 ? formatPins(environment, pins) : undefined,
  };
}

function checkSource(order: readonly string[], from: string, to: string): Refusal | undefined {
  const source = order.indexOf(from);
  const target = order.indexOf(to);
  const sentence =
    source === -1
      ? `Unknown environment "${from}"; ${PROMOTION_FILE} lists ${listed(order)}.`
      : source >= target
        ? `Cannot promote from ${from} to ${to}: ${from} does not come before ${to} in ${PROMOTION_FILE} (${listed(order)}).`
        : source < target - 1
          ? `Cannot promote from ${from} to ${to}: that skips ${listed(order.slice(source + 1, target))}; promote --from ${order[target - 1]} --env ${to}.`
          : undefined;
  return sentence === undefined ? undefined : { sentence, details: [] };
}

/** The new pin of one subject (undefined when the environment runs that version already). */
function judge(
  state: PromotionState,
  environment: string,
  previous: string | undefined,
  subject: string,
  version: number,
): { readonly pin?: Pin } | Refusal {
  const { scan } = state;
  const cannot = `Cannot promote ${subject} v${version} to ${environment}`;
  const registered = scan.registry.subjects.get(subject);
  if (!scan.versionFiles.has(subject)) {
    const known = [...scan.versionFiles.keys()];
    return {
      sentence: `No subject "${subject}" in schemas/; known subjects: ${known.length > 0 ? listed(known) : "none"}.`,
      details: [],
    };
  }
  const numbers = [...(scan.versionFiles.get(subject) ?? [])].sort((a, b) => a - b);
  if (!numbers.includes(version)) {
    return {
      sentence: `Subject "${subject}" has no version ${version}; it has versions ${numbers.length > 0 ? `1 to ${numbers[numbers.length - 1]}` : "none"}.`,
      details: [],
    };
  }
  const candidate = findVersion(scan, subject, version);
  if (registered === undefined || candidate === undefined) {
    const file = versionFile(subject, version);
    return {
      sentence: `${cannot}: ${file} has problems; avro-kong schema check lists them.`,
      details: scan.problems.filter((p) => p.file === file).map(formatProblem),
    };
  }
  const edited = editedRecords(state, subject, candidate);
  if (edited !== undefined) return { sentence: `${cannot}: ${edited}`, details: [] };

  const current = state.pins.get(environment)?.subjects[subject];
  if (current?.version === version) return {};
  if (previous !== undefined) {
    const before = state.pins.get(previous)?.subjects[subject];
    if (before?.version !== version) {
      return {
        sentence: `${cannot}: ${previous} comes before ${environment} and ${before === undefined ? "does not run it" : `runs v${before.version} of it, not v${version}`}; promote it to ${previous} first.`,
        details: [],
      };
    }
  }
  if (current === undefined) return { pin: { ...pinOf(candidate), history: [] } };

  const ran = recordsOf(current);
  const against: SchemaVersion[] = [];
  for (const number of versionsToCheck(registered.compatibility, ran, version)) {
    const record = ran.filter((r) => r.version === number).pop() as PinnedVersion;
    const check = checkRecord(scan, subject, record);
    const runs = number === current.version ? "runs now" : "ran";
    if (check.kind !== "intact") {
      return {
        sentence: `${cannot}: v${number}, which ${environment} ${runs}, cannot be compared with it: ${check.kind === "edited" ? `${check.version.file} was edited after it was pinned` : `${versionFile(subject, number)} ${check.kind === "broken" ? "has problems" : "does not exist"}`}; avro-kong schema check says more.`,
        details: [],
      };
    }
    against.push(check.version);
  }
  const violations = violationsOf(registered, candidate, against);
  if (violations.length > 0) {
    return {
      sentence: `${cannot}: ${violations
        .map((v) =>
          describeViolation(
            v,
            `${environment} ${v.against.version === current.version ? "runs now" : "ran before"}`,
          ),
        )
        .join("; ")}.`,
      details: violations.flatMap((v) => v.errors.map((e) => describeError(v, e))),
    };
  }
  const { version: was, fingerprint, sha256 } = current;
  return {
    pin: {
      ...pinOf(candidate),
      history: [...current.history, { version: was, fingerprint, sha256 }],
    },
  };
}

/** Why a candidate's file no longer matches what an environment pinned, if it does not. */
function editedRecords(
  state: PromotionState,
  subject: string,
  candidate: SchemaVersion,
): string | undefined {
  for (const pins of state.pins.values()) {
    const pin = pins.subjects[subject];
    if (pin === undefined) continue;
    for (const record of recordsOf(pin)) {
      if (record.version !== candidate.version) continue;
      for (const hash of ["fingerprint", "sha256"] as const) {
        if (record[hash] !== candidate[hash]) {
          return `${candidate.file} was edited after it was pinned in ${pins.file} (its ${hash} is ${candidate[hash]}, the pin says ${record[hash]}); add a new version instead.`;
        }
      }
    }
  }
  return undefined;
}

function problemRefusal(problem: Parameters<typeof formatProblem>[0]): Refusal {
  return { sentence: formatProblem(problem), details: [] };
}
