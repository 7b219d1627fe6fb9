import type { TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { ValidationError } from "../common";
import { EXEMPTIONS_MARK, Exemptions } from "../guardrails";

/**
 * The guardrail exemptions of a route or service (`what`: "Route health"): recorded beside its
 * Kong resource, where the review reads them, and refused with the construct's path. The
 * resource is read when an exemption is added, so the owner may create it after this call.
 */
export function exemptionsOf(
  owner: IConstruct & { readonly resource: TerraformResource },
  what: string,
): Exemptions {
  return new Exemptions(
    what,
    (reasons) => owner.resource.addOverride(`//.${EXEMPTIONS_MARK}`, reasons),
    (message) => new ValidationError(message, owner),
  );
}
