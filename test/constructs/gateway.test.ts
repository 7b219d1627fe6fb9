import { Testing } from "cdktf";
import { Environment, Gateway, KongStack } from "../../src/constructs";
import { provider } from "../../src/provider";
import { Template } from "../support/template";

function synthGateway(props: Partial<ConstructorParameters<typeof Gateway>[2]> = {}) {
  const app = Testing.app();
  const environment = new Environment({ name: "staging" });
  const stack = new KongStack(app, "staging", { environment });
  new Gateway(stack, "kong", { environment, ...props });
  return Template.synth(stack);
}

describe("Gateway", () => {
  it("configures the provider from Terraform variables, the token sensitive, strict plugin matching off", () => {
    const template = synthGateway();
    expect(template.synthesized).toHaveProvider(provider.KongProvider);
    expect(template.json.provider).toEqual({
      kong: [
        {
          kong_admin_uri: "${var.kong_admin_uri}",
          kong_admin_token: "${var.kong_admin_token}",
          strict_plugins_match: false,
        },
      ],
    });
    expect(template.json.variable).toEqual({
      kong_admin_uri: expect.objectContaining({ type: "string", sensitive: false }),
      kong_admin_token: expect.objectContaining({ type: "string", sensitive: true }),
    });
  });

  it("pins the provider source and version", () => {
    expect((synthGateway().json.terraform as Record<string, unknown>).required_providers).toEqual({
      kong: { source: "registry.terraform.io/kevholditch/kong", version: "6.5.1" },
    });
  });

  it.each([
    ["api-key", ["kong_admin_uri", "kong_api_key"]],
    ["basic", ["kong_admin_uri", "kong_admin_username", "kong_admin_password"]],
    ["none", ["kong_admin_uri"]],
  ] as const)("takes %s credentials from variables", (adminAuth, variables) => {
    const template = synthGateway({ adminAuth });
    expect(Object.keys(template.json.variable as object).sort()).toEqual([...variables].sort());
    const sensitive = Object.entries(
      template.json.variable as Record<string, { sensitive: boolean }>,
    )
      .filter(([, v]) => v.sensitive)
      .map(([k]) => k);
    expect(sensitive).toEqual(variables.filter((v) => /key|password/.test(v)));
  });

  it("sets the Enterprise workspace when given", () => {
    expect(synthGateway({ workspace: "shop" }).json.provider).toEqual({
      kong: [expect.objectContaining({ kong_workspace: "shop" })],
    });
  });
});
