import type { Review, RiskKind } from "./model";

/** Risk kinds, most severe first: the order of the review's "needs attention" list. */
export const RISK_KINDS: readonly RiskKind[] = [
  "removed",
  "weakened",
  "rate-limit",
  "incompatible",
  "new-state",
  "plugin-disabled",
  "destructive",
];

/**
 * Conditions `review --fail-on` can make exit 1: each risk kind by name; `destructive` for
 * any change that breaks clients working today (removals, tightening on an existing route,
 * lowered limits, replacements, stack moves); `risky` for any risk at all; `guardrail` for a
 * guardrail warning the base did not have.
 */
export const FAIL_ON_CONDITIONS = [
  "incompatible",
  "destructive",
  "guardrail",
  "removed",
  "weakened",
  "rate-limit",
  "new-state",
  "plugin-disabled",
  "risky",
] as const;
export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

function where(r: Review["risks"][number]): string {
  return `${r.label ?? r.subject ?? r.stack ?? r.address ?? "?"} in ${r.environment}`;
}

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
    } else if (condition === "guardrail") {
      // Warnings the base already had are not this change's doing.
      const fresh = review.guardrails.filter((g) => g.new);
      if (fresh.length > 0)
        out.push({
          condition,
          reason: `${fresh.length} new guardrail warning(s): ${fresh.map((g) => g.message).join(" ")}`,
        });
    } else {
      const hits = review.risks.filter((r) => condition === "risky" || r.kind === condition);
      if (hits.length > 0)
        out.push({
          condition,
          reason: `${hits.length} risk(s): ${hits.map((r) => `${r.kind}: ${r.message} (${where(r)})`).join("; ")}.`,
        });
    }
  }
  return out;
}
