import { join } from "path";
import { readJsonText } from "../avro";
import { joinPointer, readFileBounded } from "../common";
import { isEnvironmentName, type RepositoryProblem } from "../registry";

/** The file that lists the environments in promotion order; the stacks build the same list. */
export const PROMOTION_FILE = "stacks/promotion.json";

/**
 * Reads `stacks/promotion.json`: `{"order": ["dev", "staging", "prod"]}`, the environments in
 * the order a version must run in them, each once.
 */
function parsePromotionOrder(
  text: string,
  file: string = PROMOTION_FILE,
): { readonly order?: readonly string[]; readonly problems: readonly RepositoryProblem[] } {
  const json = readJsonText(text);
  if ("problem" in json) return { problems: [{ file, pointer: "", ...json.problem }] };
  const doc = json.value;
  const problems: RepositoryProblem[] = [];
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    return { problems: [{ file, pointer: "", message: `must be a JSON object ${EXAMPLE}.` }] };
  }
  for (const key of Object.keys(doc)) {
    if (key !== "order") {
      problems.push({
        file,
        pointer: joinPointer("", key),
        message: `unknown key "${key}"; the only key is "order", as in ${EXAMPLE}.`,
      });
    }
  }
  const order = (doc as Record<string, unknown>).order;
  if (!Array.isArray(order) || order.length === 0) {
    problems.push({
      file,
      pointer: "/order",
      message: `"order" must be a non-empty array of environment names, as in ${EXAMPLE}.`,
    });
    return { problems };
  }
  const seen = new Set<string>();
  order.forEach((name: unknown, index) => {
    const pointer = joinPointer("/order", index);
    if (typeof name !== "string" || !isEnvironmentName(name)) {
      problems.push({
        file,
        pointer,
        message: `${JSON.stringify(name)} is not an environment name (lowercase letters, digits, "-" and "_").`,
      });
    } else if (seen.has(name)) {
      problems.push({ file, pointer, message: `"${name}" is listed twice; list each once.` });
    } else seen.add(name);
  });
  return problems.length > 0 ? { problems } : { order: order as string[], problems };
}

const EXAMPLE = `{"order": ["dev", "staging", "prod"]}`;

/** Reads `stacks/promotion.json` under `rootDir`; `missing` when there is no such file. */
export function readPromotionOrderFile(rootDir: string): {
  readonly order?: readonly string[];
  readonly problems: readonly RepositoryProblem[];
  readonly missing: boolean;
} {
  const read = readFileBounded(join(rootDir, PROMOTION_FILE), { within: rootDir });
  if ("error" in read) {
    const missing = read.error === "no such file or directory";
    const why = missing ? "cannot be read" : `cannot be read: ${read.error}`;
    const message = `${why}; it lists the environments in promotion order, as in ${EXAMPLE}.`;
    return { problems: [{ file: PROMOTION_FILE, pointer: "", message }], missing };
  }
  const text = read.bytes.toString("utf8");
  return { ...parsePromotionOrder(text), missing: false };
}
