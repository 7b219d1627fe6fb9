import { showValue, UserError } from "../common";
import { GUARDRAIL_RULES, type ExemptibleRule, type GuardrailRule } from "./rules";

/**
 * Where a route's or service's exemptions are recorded in `cdktf.out` for the review: the
 * resource's `"//"` comment (Terraform ignores it), `"//".avroKongExemptions` = `{ rule: reason }`.
 */
export const EXEMPTIONS_MARK = "avroKongExemptions";

/**
 * The guardrail exemptions of one route or service, each with its written reason: kept for the
 * guardrails and handed, sorted by rule, to `record` (which writes them beside the Kong
 * resource, where the review reads them) after each change. A mistake is thrown as `refuse`
 * makes it (a construct passes one that carries its path; nothing here knows cdktf).
 */
export class Exemptions {
  private readonly reasons = new Map<ExemptibleRule, string>();

  constructor(
    private readonly owner: string,
    private readonly record: (reasons: Readonly<Record<string, string>>) => void,
    private readonly refuse: (message: string) => Error = (message) => new UserError(message),
  ) {}

  add(rule: ExemptibleRule, reason: string): void {
    const where = `${this.owner} exemption`;
    const exemptible = GUARDRAIL_RULES.filter((r) => r !== "no-secret-literals");
    if (!(exemptible as readonly string[]).includes(rule)) {
      const given = typeof rule === "string" ? showValue(rule) : `a ${typeof rule}`;
      throw this.refuse(
        `${where} from ${given} is not possible; expected one of: ${exemptible.join(", ")} (a literal credential is never exempt).`,
      );
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      throw this.refuse(
        `${where} from "${rule}" has no reason; expected a sentence saying why, e.g. "public health check".`,
      );
    }
    if (this.reasons.has(rule)) {
      throw this.refuse(
        `${where} from "${rule}" is given twice; expected one exemption, with one reason, per rule.`,
      );
    }
    this.reasons.set(rule, reason.trim());
    this.record(Object.fromEntries([...this.reasons].sort(([a], [b]) => a.localeCompare(b))));
  }

  reasonFor(rule: GuardrailRule): string | undefined {
    return this.reasons.get(rule as ExemptibleRule);
  }
}
