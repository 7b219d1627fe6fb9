import type { Construct } from "constructs";
import { Gateway } from "./gateway";

const VAULT_REFERENCE = /^\{vault:\/\/[a-z][a-z0-9-]*\/[^{}\s]+\}$/;
const VARIABLE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A credential, never a literal: a sensitive Terraform variable (rotated by changing the
 * variable, not the code) or a Kong vault reference resolved by Kong itself.
 */
export abstract class Secret {
  /** A sensitive Terraform variable, set as `TF_VAR_<name>` where the stack is deployed. */
  static fromVariable(name: string, description?: string): Secret {
    if (!VARIABLE_NAME.test(name)) {
      throw new Error(
        `Secret variable name "${name}" is invalid; expected lower-case letters, digits and "_", starting with a letter.`,
      );
    }
    return new VariableSecret(name, description ?? `Secret ${name}`);
  }

  /** A Kong vault reference such as `{vault://env/orders-jwt-secret}`. */
  static fromVault(reference: string): Secret {
    if (!VAULT_REFERENCE.test(reference)) {
      throw new Error(
        `Secret vault reference "${reference}" is invalid; expected e.g. {vault://env/orders-jwt-secret}.`,
      );
    }
    return new VaultSecret(reference);
  }

  /** The value to put in configuration: a Terraform expression or the vault reference. */
  abstract resolve(scope: Construct): string;
}

class VariableSecret extends Secret {
  constructor(
    readonly name: string,
    private readonly description: string,
  ) {
    super();
  }

  resolve(scope: Construct): string {
    return Gateway.of(scope).variable(this.name, this.description, true).stringValue;
  }
}

class VaultSecret extends Secret {
  constructor(readonly reference: string) {
    super();
  }

  resolve(): string {
    return this.reference;
  }
}
