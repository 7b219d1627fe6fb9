import type { Construct, IConstruct } from "constructs";
import type { TerraformElement } from "cdktf";
import { Secret, ValidationError, VariableSecret, VaultSecret } from "../common";
import { isAdminCredentialVariable } from "../secrets";
import { gatewayOf } from "./gateway-scope";
import { literalForTerraform } from "./terraform-literals";

export { Secret };

/**
 * `value` as a Secret, or a `ValidationError` naming where it was given (`where`, in `scope`):
 * JavaScript callers (and `as any`) can pass anything, and a literal credential must never reach
 * the stack.
 */
export function expectSecret(scope: IConstruct, where: string, value: unknown): Secret {
  if (Secret.isSecret(value)) return value;
  const given =
    typeof value === "string"
      ? "a literal string"
      : value === null || value === undefined
        ? String(value)
        : typeof value === "object"
          ? "an object that is not a Secret"
          : `a ${typeof value}`;
  throw new ValidationError(
    `${where} is ${given}; expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.`,
    scope,
  );
}

/**
 * The value Terraform gets: a reference to the gateway's sensitive variable, or the vault
 * reference. `where` names the secret in a refusal, which carries the path of `scope`.
 */
export function resolveSecret(scope: Construct, secret: Secret, where: string): string {
  if (secret instanceof VariableSecret && isAdminCredentialVariable(secret.name))
    throw new ValidationError(
      `${where} uses Secret.fromVariable("${secret.name}"), the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; expected a credential of its own (Secret.fromVariable with another name, or Secret.fromVault).`,
      scope,
    );
  if (secret instanceof VariableSecret)
    return gatewayOf(scope)._variable(secret.name, secret.description, true).stringValue;
  if (secret instanceof VaultSecret) return secret.reference;
  throw new ValidationError(
    `${where} is a kind of Secret avro-kong does not know; expected Secret.fromVariable or Secret.fromVault.`,
    scope,
  );
}

/** Whether an escape hatch (`addOverride`) changed what `element` synthesizes to. */
export function hasOverrides(element: TerraformElement): boolean {
  // cdktf keeps overrides in a protected field, merged into the element's output at synth.
  const overrides = (element as unknown as { rawOverrides?: object }).rawOverrides;
  return overrides !== undefined && Object.keys(overrides).length > 0;
}

/**
 * A copy of a plugin config with every Secret replaced by the value Terraform gets, and every
 * literal string, keys included, written so that Terraform reads it as text (`literalForTerraform`); `where`
 * names the config in messages (`Plugin request-termination config`), which carry the path of `scope`.
 */
export function resolveSecrets(scope: Construct, value: unknown, where = "Plugin config"): unknown {
  if (Secret.isSecret(value)) return resolveSecret(scope, value, where);
  if (typeof value === "string") return literalForTerraform(value, where, scope);
  if (Array.isArray(value))
    return value.map((item, i) => resolveSecrets(scope, item, `${where}[${i}]`));
  if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    // config_json is one string to Terraform: a map's keys are template text as much as its values.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        literalForTerraform(key, `${where} (a key)`, scope),
        resolveSecrets(scope, item, `${where}.${key}`),
      ]),
    );
  }
  return value;
}
