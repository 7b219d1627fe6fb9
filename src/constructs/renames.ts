import { Aspects, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { showValue, ValidationError } from "../common";

/** The id each renamed construct had before (`renamedFrom`). */
const formerIds = new WeakMap<IConstruct, string>();
/** Stacks whose resources are already looked at for renames. */
const watched = new WeakSet<TerraformStack>();

/**
 * Checks a `renamedFrom` option of the construct `id`: the id it had before, or undefined for a
 * construct that was not renamed. `what` names it in sentences; a refusal carries the path of
 * `construct`, or of its parent when checked before it joins the tree (a shared upstream's).
 */
export function formerIdOf(
  what: string,
  id: string,
  formerId: unknown,
  construct: IConstruct,
): string | undefined {
  if (formerId === undefined) return undefined;
  if (typeof formerId !== "string" || formerId === "" || formerId.includes("/"))
    throw new ValidationError(
      `${what} renamedFrom is ${showValue(formerId)}; expected the name it had before (a construct id, without "/").`,
      construct,
    );
  if (formerId === id)
    throw new ValidationError(
      `${what} renamedFrom is its own name "${formerId}"; expected the name it had before the rename.`,
      construct,
    );
  return formerId;
}

/**
 * Keeps a renamed construct's Kong entities in place. Its resources' Terraform addresses derive
 * from the construct path, so a new id is a new address: Terraform would destroy the route (or
 * service, consumer) and create it again, leaving a moment without it. Each resource under the
 * construct gets a `moved` block (cdktf's `moveFromId`) from the address it had under `formerId`,
 * and Terraform updates it in place instead. `formerName` is the former name as the user wrote it.
 */
export function keepInPlace(
  construct: IConstruct,
  formerId: string | undefined,
  what: string,
  formerName = formerId,
): void {
  if (formerId === undefined) return;
  formerIds.set(construct, formerId);
  const stack = TerraformStack.of(construct);
  // The resources are added later (plugins, credentials): an aspect sees them all at synth.
  if (!watched.has(stack)) {
    watched.add(stack);
    Aspects.of(stack).add({ visit: (node) => moveFromFormerAddress(stack, node) });
  }
  const scope = construct.node.scope;
  // A rule on the whole construct, judged when the tree is complete.
  construct.node.addValidation({
    validate: () =>
      scope?.node.tryFindChild(formerId) === undefined
        ? []
        : [
            `${what} is renamedFrom "${formerName}", which still exists beside it; expected the old one removed (or no renamedFrom, to keep both).`,
          ],
  });
}

function moveFromFormerAddress(stack: TerraformStack, node: IConstruct): void {
  if (!(node instanceof TerraformResource)) return;
  const scopes = node.node.scopes;
  const below = scopes.slice(scopes.indexOf(stack) + 1);
  if (!below.some((s) => formerIds.has(s))) return;
  const ids = below.map((s) => formerIds.get(s) ?? s.node.id);
  node.moveFromId(`${node.terraformResourceType}.${logicalIdAt(stack, ids)}`);
}

/**
 * The logical id the stack gives an element at the construct path `ids` (below the stack), as
 * `allocateLogicalId` computes it from a node's scopes: so that the stack's own naming (a
 * subclass's override included) decides the former address, not a copy of cdktf's scheme.
 */
function logicalIdAt(stack: TerraformStack, ids: readonly string[]): string {
  const node = { scopes: [stack, ...ids.map((id) => ({ node: { id } }))] };
  const naming = stack as unknown as { allocateLogicalId(node: unknown): string };
  return naming.allocateLogicalId(node);
}
