import { Annotations } from "cdktf";
import type { IConstruct } from "constructs";
import { UserError, ValidationError } from "../common";

/**
 * An error found when the stack is synthesized (a guardrail, a cross-stack reference): an error
 * annotation, which the cdktf CLI prints, and a validation of the construct, so that a plain
 * `app.synth()` also refuses the stack before writing it, even under the CLI, which sets
 * `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS` (cdktf runs validations after the aspects, whatever
 * that variable says).
 */
export function refuseAtSynth(scope: IConstruct, message: string): void {
  Annotations.of(scope).addError(message);
  scope.node.addValidation({ validate: () => [message] });
}

/**
 * The error of a helper that constructs and the Gateway share: a `ValidationError` carrying the
 * path of `scope`, the construct it concerns, when the caller passes one; a `UserError` when the
 * check runs before that construct exists.
 */
export function refusal(message: string, scope: IConstruct | undefined): UserError {
  return scope === undefined ? new UserError(message) : new ValidationError(message, scope);
}
