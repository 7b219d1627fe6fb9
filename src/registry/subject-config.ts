import { readJsonText } from "../avro";
import { isObject, joinPointer, showValue } from "../common";
import { COMPATIBILITY_LEVELS, isCompatibilityLevel, type CompatibilityLevel } from "../compat";
import type { RepositoryProblem } from "./problems";

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = "BACKWARD";

const TEAM_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A team's name, as `KongStack`'s `team` and `subject.json`'s `team` spell it. */
export function isTeamName(name: unknown): name is string {
  return typeof name === "string" && TEAM_NAME.test(name);
}

/** What `subject.json` says about its subject. */
export interface SubjectConfig {
  readonly compatibility: CompatibilityLevel;
  /** The team that owns the subject (`promote --team` moves its subjects), if named. */
  readonly team?: string;
  readonly problems: readonly RepositoryProblem[];
}

/**
 * Reads `subject.json`: `{ "compatibility": LEVEL, "team": TEAM }`, every key optional, no
 * other keys.
 */
export function parseSubjectConfig(text: string, file: string): SubjectConfig {
  const problems: RepositoryProblem[] = [];
  const json = readJsonText(text);
  if ("problem" in json) {
    return {
      compatibility: DEFAULT_COMPATIBILITY,
      problems: [{ file, pointer: "", ...json.problem }],
    };
  }
  const config = json.value;
  if (!isObject(config)) {
    problems.push({
      file,
      pointer: "",
      message: `must be a JSON object such as {"compatibility": "BACKWARD"}.`,
    });
    return { compatibility: DEFAULT_COMPATIBILITY, problems };
  }
  let compatibility = DEFAULT_COMPATIBILITY;
  let team: string | undefined;
  for (const [key, value] of Object.entries(config)) {
    const pointer = joinPointer("", key);
    if (key === "compatibility") {
      if (isCompatibilityLevel(value)) compatibility = value;
      else
        problems.push({
          file,
          pointer,
          message: `compatibility ${showValue(value)} is not one of ${COMPATIBILITY_LEVELS.join(", ")}.`,
        });
    } else if (key === "team") {
      if (isTeamName(value)) team = value;
      else
        problems.push({
          file,
          pointer,
          message: `team ${showValue(value)} is not a team name; expected lower-case letters, digits and single "-", starting with a letter, as KongStack's team.`,
        });
    } else {
      problems.push({
        file,
        pointer,
        message: `unknown key "${key}"; the keys are "compatibility" and "team".`,
      });
    }
  }
  return { compatibility, ...(team === undefined ? {} : { team }), problems };
}
