import { Construct, type IConstruct } from "constructs";
import { TerraformElement, TerraformResource, TerraformStack } from "cdktf";
import { ValidationError } from "../common";

/**
 * A Terraform 1.5 `import` block for one resource. cdktf's own `importFrom` would do the same,
 * but it asks the Terraform binary for its version while synthesizing (DESIGN.md, "Facts the
 * project builds on": synth needs no Terraform); this element writes the block and asks nothing.
 */
class ImportBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly resource: TerraformResource,
    private readonly kongId: string,
  ) {
    super(scope, id);
  }

  toTerraform(): Record<string, unknown> {
    return { import: [{ to: this.address(), id: this.kongId }] };
  }

  toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }

  private address(): string {
    return `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}`;
  }
}

/**
 * Adopts entities that already exist in Kong: for each construct path below `scope` (as
 * `avro-kong import` writes them, e.g. `orders/service`, `storefront/role-admins`), the first
 * plan imports the entity with that Kong id instead of creating it. Terraform ignores the block
 * once the entity is in its state, so it may stay. A refusal carries the path of `scope`.
 */
export function adoptExisting(scope: IConstruct, ids: Readonly<Record<string, string>>): void {
  const stack = TerraformStack.of(scope);
  for (const [path, kongId] of Object.entries(ids)) {
    const found = path
      .split("/")
      .reduce<IConstruct | undefined>((here, part) => here?.node.tryFindChild(part), scope);
    if (!(found instanceof TerraformResource))
      throw new ValidationError(
        `adoptExisting: ${path} is not a Kong resource of this stack; expected a path that avro-kong import wrote.`,
        scope,
      );
    if (typeof kongId !== "string" || kongId === "")
      throw new ValidationError(
        `adoptExisting: the Kong id of ${path} is empty; expected the id decK dumped.`,
        scope,
      );
    new ImportBlock(stack, `import-${found.node.addr}`, found, kongId);
  }
}
