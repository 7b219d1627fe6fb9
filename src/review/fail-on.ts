import type { Review } from "./model";

/** Conditions `review --fail-on` can make exit 1. */
export const FAIL_ON_CONDITIONS = ["incompatible", "destructive", "guardrail"] as const;
export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

/** The conditions among `conditions` that hold for the review, each with a sentence saying why. */
export function failedConditions(
  review: Review,
  conditions: readonly FailOnCondition[],
): Array<{ condition: FailOnCondition; reason: string }> {
  const out: Array<{ condition: FailOnCondition; reason: string }> = [];
  for (const condition of conditions) {
    if (condition === "incompatible") {
      const bad = review.contractChanges.filter((c) => !c.compatible);
      if (bad.length > 0)
        out.push({
          condition,
          reason: `${bad.length} incompatible contract change(s): ${bad.map((c) => `${c.subject} in ${c.environment}`).join(", ")}.`,
        });
    } else if (condition === "destructive") {
      const bad = review.environments.flatMap((e) =>
        e.entities
          .filter((c) => c.destructive.length > 0)
          .map((c) => `${c.address} in ${e.environment}`),
      );
      if (bad.length > 0)
        out.push({ condition, reason: `${bad.length} destructive change(s): ${bad.join(", ")}.` });
    } else {
      // Warnings the base already had are not this change's doing.
      const fresh = review.guardrails.filter((g) => g.new);
      if (fresh.length > 0)
        out.push({
          condition,
          reason: `${fresh.length} new guardrail warning(s): ${fresh.map((g) => g.message).join(" ")}`,
        });
    }
  }
  return out;
}
