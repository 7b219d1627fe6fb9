import type { TerraformResource } from "cdktf";
import { UserError } from "../common";
import { shown } from "./checks";

/** The rules every route is held to; stricter (errors) where the environment enforces them. */
export const GUARDRAIL_RULES = [
  "identity",
  "rate-limit",
  "request-validation",
  "https-only",
  "jwt-expiry",
  "no-secret-literals",
] as const;
export type GuardrailRule = (typeof GUARDRAIL_RULES)[number];

/** The rules a route or service may be exempted from: a literal credential never is. */
export type ExemptibleRule = Exclude<GuardrailRule, "no-secret-literals">;

/**
 * Where a route's or service's exemptions are recorded in `cdktf.out` for the review: the
 * resource's `"//"` comment (Terraform ignores it), `"//".avroKongExemptions` = `{ rule: reason }`.
 */
export const EXEMPTIONS_MARK = "avroKongExemptions";

/**
 * The guardrail exemptions of one route or service, each with its written reason: kept for the
 * guardrails and written beside the Kong resource, where the review reads them.
 */
export class Exemptions {
  private readonly reasons = new Map<ExemptibleRule, string>();

  constructor(
    private readonly owner: string,
    private readonly resource: () => TerraformResource,
  ) {}

  add(rule: ExemptibleRule, reason: string): void {
    const where = `${this.owner} exemption`;
    const exemptible = GUARDRAIL_RULES.filter((r) => r !== "no-secret-literals");
    if (!(exemptible as readonly string[]).includes(rule)) {
      throw new UserError(
        `${where} from ${shown(rule)} is not possible; expected one of: ${exemptible.join(", ")} (a literal credential is never exempt).`,
      );
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      throw new UserError(
        `${where} from "${rule}" has no reason; expected a sentence saying why, e.g. "public health check".`,
      );
    }
    if (this.reasons.has(rule)) {
      throw new UserError(
        `${where} from "${rule}" is given twice; expected one exemption, with one reason, per rule.`,
      );
    }
    this.reasons.set(rule, reason.trim());
    const sorted = Object.fromEntries([...this.reasons].sort(([a], [b]) => a.localeCompare(b)));
    this.resource().addOverride(`//.${EXEMPTIONS_MARK}`, sorted);
  }

  reasonFor(rule: GuardrailRule): string | undefined {
    return this.reasons.get(rule as ExemptibleRule);
  }

  get size(): number {
    return this.reasons.size;
  }
}
