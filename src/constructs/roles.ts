import { ValidationError } from "../common";
import type { IConstruct } from "constructs";
import { assertName, kindOf } from "./checks";

export interface RoleDefinition {
  /** The identity provider's groups that grant this role, e.g. Okta group names. */
  readonly idpGroups: readonly string[];
  /** What the role may do, for reviewers. @default none */
  readonly description?: string;
}

/**
 * The one mapping from the identity provider's groups to roles. A role is a Kong ACL group:
 * consumers (JWT, key-auth) carry role names as ACLs; OpenID Connect callers carry IdP groups
 * in their token, so their routes allow the groups mapped to the route's roles.
 */
export class RoleMap {
  private readonly roles: ReadonlyMap<string, RoleDefinition>;

  /** A refusal of `roles` carries the path of `gateway`, the construct whose props they are. */
  constructor(gateway: IConstruct, roles: Readonly<Record<string, RoleDefinition>> = {}) {
    const entries = Object.entries(roles);
    for (const [role, definition] of entries) {
      assertName(gateway, "Role name", role);
      if (!Array.isArray(definition.idpGroups))
        throw new ValidationError(
          `Role ${role} idpGroups is ${kindOf(definition.idpGroups)}; expected an array of group names.`,
          gateway,
        );
      if (definition.idpGroups.length === 0) {
        throw new ValidationError(
          `Role ${role} maps no identity-provider groups; expected at least one group name.`,
          gateway,
        );
      }
    }
    this.roles = new Map(entries);
  }

  /** Checks that every role exists; `where` names the route or consumer `scope`. */
  assertKnown(scope: IConstruct, where: string, roles: readonly string[]): void {
    for (const role of roles) {
      if (!this.roles.has(role)) {
        const known = [...this.roles.keys()];
        throw new ValidationError(
          `${where} names role "${role}", which is not mapped; expected one of: ${known.length ? known.join(", ") : "(no roles defined)"}.`,
          scope,
        );
      }
    }
  }

  /** The IdP groups that grant any of `roles`, sorted and without repeats. */
  idpGroups(roles: readonly string[]): string[] {
    return [...new Set(roles.flatMap((r) => this.roles.get(r)?.idpGroups ?? []))].sort();
  }

  get names(): string[] {
    return [...this.roles.keys()];
  }
}
