import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { addKongProvider, gatewayVariable } from "../../src/constructs/gateway-provider";
import { validationErrorOf } from "../support/user-error";

/** The synthesized Terraform JSON of `stack`. */
const synth = (stack: TerraformStack) =>
  JSON.parse(Testing.synth(stack)) as { provider?: unknown; variable?: unknown };

/** A bare construct in a stack of its own, standing for a gateway. */
function scope() {
  const stack = new TerraformStack(Testing.app(), "dev");
  return { stack, gateway: new Construct(stack, "kong") };
}

describe("gatewayVariable", () => {
  it("creates a string variable named as asked, under the gateway, once", () => {
    const { stack, gateway } = scope();
    const first = gatewayVariable(gateway, "partner_key", "Partner key", true);
    expect(gatewayVariable(gateway, "partner_key", "described again", true)).toBe(first);
    expect(first.node.path).toBe("dev/kong/partner_key");
    expect(synth(stack).variable).toEqual({
      partner_key: expect.objectContaining({
        type: "string",
        description: "Partner key",
        sensitive: true,
        nullable: false,
      }),
    });
  });

  it("refuses a name used both as a secret and as a plain value, naming the variable", () => {
    const { gateway } = scope();
    gatewayVariable(gateway, "partner_key", "Partner key", false);
    expect(
      validationErrorOf(() => gatewayVariable(gateway, "partner_key", "Partner key", true)),
    ).toMatchObject({
      constructPath: "dev/kong/partner_key",
      message:
        'Terraform variable "partner_key" is used both as a secret and as a plain value; expected one name per kind.',
    });
  });
});

describe("addKongProvider", () => {
  it("describes the Admin API address by environment and takes no credential for none", () => {
    const { stack, gateway } = scope();
    addKongProvider(gateway, { environment: "dev", adminAuth: "none" });
    const json = synth(stack);
    expect(json.provider).toEqual({
      kong: [{ kong_admin_uri: "${var.kong_admin_uri}", strict_plugins_match: false }],
    });
    expect(json.variable).toEqual({
      kong_admin_uri: expect.objectContaining({
        description: "Kong Admin API address for dev, e.g. https://kong-admin.internal:8444",
        sensitive: false,
      }),
    });
  });
});
