import { TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { ValidationError } from "../common";
import { provider } from "../provider";
import { literalForTerraform } from "./terraform-literals";

/** How Terraform authenticates to Kong's Admin API. */
export type AdminAuth = "token" | "api-key" | "basic" | "none";

interface KongProviderProps {
  /** The environment's name, for the Admin API address's description. */
  readonly environment: string;
  /** How Terraform authenticates to the Admin API. */
  readonly adminAuth: AdminAuth;
  /** Kong Enterprise workspace. @default the default workspace */
  readonly workspace?: string;
}

/**
 * Configures the Kong provider of the gateway's stack (each stack configures its own). The Admin
 * API's address and credentials come from Terraform variables of the gateway, the secrets
 * sensitive (`TF_VAR_kong_admin_token`, …), never from code.
 */
export function addKongProvider(
  gateway: Construct,
  props: KongProviderProps,
): provider.KongProvider {
  return new provider.KongProvider(gateway, "provider", {
    kongAdminUri: gatewayVariable(
      gateway,
      "kong_admin_uri",
      `Kong Admin API address for ${props.environment}, e.g. https://kong-admin.internal:8444`,
      false,
    ).stringValue,
    ...adminCredentials(gateway, props.adminAuth),
    kongWorkspace:
      props.workspace && literalForTerraform(props.workspace, "Gateway workspace", gateway),
    strictPluginsMatch: false,
  });
}

function adminCredentials(
  gateway: Construct,
  auth: AdminAuth,
): Partial<provider.KongProviderConfig> {
  const secret = (name: string, description: string) =>
    gatewayVariable(gateway, name, description, true).stringValue;
  switch (auth) {
    case "token":
      return { kongAdminToken: secret("kong_admin_token", "Kong Admin API RBAC token") };
    case "api-key":
      return { kongApiKey: secret("kong_api_key", "Key for a key-auth protected Admin API") };
    case "basic":
      return {
        kongAdminUsername: gatewayVariable(
          gateway,
          "kong_admin_username",
          "Admin API basic-auth user",
          false,
        ).stringValue,
        kongAdminPassword: secret("kong_admin_password", "Admin API basic-auth password"),
      };
    case "none":
      return {};
  }
}

/**
 * The string variable `name` of the gateway's stack, created on first use; a second use must
 * agree on sensitivity, so that a secret never reuses a variable Terraform would print.
 */
export function gatewayVariable(
  gateway: Construct,
  name: string,
  description: string,
  sensitive: boolean,
): TerraformVariable {
  const existing = gateway.node.tryFindChild(name);
  if (existing instanceof TerraformVariable) {
    if (existing.sensitive !== sensitive) {
      throw new ValidationError(
        `Terraform variable "${name}" is used both as a secret and as a plain value; expected one name per kind.`,
        existing,
      );
    }
    return existing;
  }
  const variable = new TerraformVariable(gateway, name, {
    type: "string",
    description,
    sensitive,
    nullable: false,
  });
  variable.overrideLogicalId(name);
  return variable;
}
