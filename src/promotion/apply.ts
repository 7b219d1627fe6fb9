import { mkdirSync, realpathSync } from "fs";
import { dirname, isAbsolute, join, relative, sep } from "path";
import { formatProblem } from "../avro";
import { UserError, writeFileAtomically, type AtomicWriteStep } from "../common";
import { auditPins } from "./audit";
import { readPromotionOrderFile } from "./order";
import type { PromotionPlan } from "./plan";
import { loadPromotionState } from "./state";

/**
 * Writes a plan's new pins file atomically (the old file or the new one, never part of one).
 * A plan with refusals or without changes writes nothing. `after` is the writer's test seam.
 */
export function applyPromotion(
  rootDir: string,
  plan: PromotionPlan,
  after?: (step: AtomicWriteStep) => void,
): boolean {
  if (plan.refusals.length > 0 || plan.text === undefined) return false;
  const path = join(rootDir, plan.file);
  const outside = linkedOut(rootDir, dirname(plan.file));
  if (outside !== undefined) {
    throw new UserError(
      `${plan.file}: cannot be written: ${outside} lies outside the repository (through a link).`,
    );
  }
  try {
    mkdirSync(dirname(path), { recursive: true }); // an environment's first pins file
    writeFileAtomically(path, plan.text, after);
  } catch (error) {
    // A file-system refusal (a read-only folder, a full disk) in words; anything else as it is.
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    throw new UserError(
      `${plan.file}: cannot be written: ${describeWriteError(error as NodeJS.ErrnoException)}.`,
    );
  }
  return true;
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EEXIST":
    case "ENOTDIR":
      return "a file stands where its folder should be";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "permission denied";
    case "ENOSPC":
    case "EDQUOT":
      return "no space left";
    default:
      return `the file system refused (${error.code ?? "unknown"})`;
  }
}

/** The first existing folder of `folder` (repository-relative) that links out of `rootDir`. */
function linkedOut(rootDir: string, folder: string): string | undefined {
  const root = realpathSync(rootDir);
  const parts = folder.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const here = parts.slice(0, i).join("/");
    let real: string;
    try {
      real = realpathSync(join(rootDir, here));
    } catch {
      return undefined; // not there yet: made below, inside the repository
    }
    const rel = relative(root, real);
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return here;
  }
  return undefined;
}

/**
 * Throws, as one sentence, the first pin of `environment` that `promote` would have refused,
 * the same sentence `schema check` prints; for the stacks, before anything is synthesized.
 */
export function assertPinsPromoted(rootDir: string, environment: string): void {
  const [first] = auditPins(loadPromotionState(rootDir), environment);
  if (first !== undefined) throw new UserError(formatProblem(first), first);
}

/** The environments of `stacks/promotion.json`, in promotion order; a `UserError` if unusable. */
export function readPromotionOrder(rootDir: string): readonly string[] {
  const { order, problems } = readPromotionOrderFile(rootDir);
  if (order === undefined) throw new UserError(formatProblem(problems[0]), problems[0]);
  return order;
}
