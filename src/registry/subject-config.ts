import { readJsonText } from "../avro";
import { isObject, joinPointer, showValue } from "../common";
import { COMPATIBILITY_LEVELS, isCompatibilityLevel, type CompatibilityLevel } from "../compat";
import type { RepositoryProblem } from "./problems";

export const DEFAULT_COMPATIBILITY: CompatibilityLevel = "BACKWARD";

/** Reads `subject.json`: `{ "compatibility": LEVEL }`, every key optional, no other keys. */
export function parseSubjectConfig(
  text: string,
  file: string,
): { readonly compatibility: CompatibilityLevel; readonly problems: readonly RepositoryProblem[] } {
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
    } else {
      problems.push({
        file,
        pointer,
        message: `unknown key "${key}"; the only key is "compatibility".`,
      });
    }
  }
  return { compatibility, problems };
}
