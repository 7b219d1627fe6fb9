import { mkdirSync } from "fs";
import { dirname, join } from "path";
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
  mkdirSync(dirname(path), { recursive: true }); // an environment's first pins file
  writeFileAtomically(path, plan.text, after);
  return true;
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
