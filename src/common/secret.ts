import { UserError } from "./errors";

const VAULT_REFERENCE = /^\{vault:\/\/[a-z][a-z0-9-]*\/[^{}\s]+\}$/;
const VARIABLE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A credential, never a literal: a sensitive Terraform variable (rotated by changing the
 * variable, not the code) or a Kong vault reference resolved by Kong itself. A plain value: the
 * constructs resolve it where it is used (the variable is created in that gateway's stack).
 */
export abstract class Secret {
  /** A sensitive Terraform variable, set as `TF_VAR_<name>` where the stack is deployed. */
  static fromVariable(name: string, description?: string): Secret {
    if (typeof name !== "string" || !VARIABLE_NAME.test(name)) {
      throw new UserError(
        `Secret variable name "${String(name)}" is invalid; expected lower-case letters, digits and "_", starting with a letter.`,
      );
    }
    return new VariableSecret(name, description ?? `Secret ${name}`);
  }

  /** A Kong vault reference such as `{vault://env/orders-jwt-secret}`. */
  static fromVault(reference: string): Secret {
    if (typeof reference !== "string" || !VAULT_REFERENCE.test(reference)) {
      throw new UserError(
        `Secret vault reference "${String(reference)}" is invalid; expected e.g. {vault://env/orders-jwt-secret}.`,
      );
    }
    return new VaultSecret(reference);
  }

  /** Whether `value` is a Secret made by `fromVariable` or `fromVault`. */
  static isSecret(value: unknown): value is Secret {
    return value instanceof VariableSecret || value instanceof VaultSecret;
  }

  // Nominal (a protected member): a look-alike object literal does not type-check as a Secret.
  protected abstract readonly kind: "variable" | "vault";
}

/** A sensitive Terraform variable of the gateway's stack. */
export class VariableSecret extends Secret {
  /** @internal Use `Secret.fromVariable`. */
  constructor(
    readonly name: string,
    readonly description: string,
  ) {
    super();
  }

  protected readonly kind = "variable";
}

/** A reference Kong resolves from its vault when it loads the entity. */
export class VaultSecret extends Secret {
  /** @internal Use `Secret.fromVault`. */
  constructor(readonly reference: string) {
    super();
  }

  protected readonly kind = "vault";
}
