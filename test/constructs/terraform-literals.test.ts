import { TerraformLocal, Token } from "cdktf";
import { Secret } from "../../src/constructs";
import { literalForTerraform } from "../../src/constructs/terraform-literals";
import { SHOP_CERTIFICATE } from "../support/certificate";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";
import { readByTerraform, validateByTerraform as validate } from "../support/terraform";
import { validationErrorOf } from "../support/user-error";

// Template text a user may write by mistake or by malice: Terraform must read it as text.
const TEMPLATE = "${var.kong_admin_token}";
const DIRECTIVE = "%{if true}x%{endif}";

describe("literal strings reach Terraform as text", () => {
  it("an unescaped %{ breaks the config, which is why every literal is escaped", () => {
    expect(validate(`a ${DIRECTIVE.replace("if true", "(")}`)).toMatch(/Invalid template/);
    expect(validate(literalForTerraform(`a %{(`))).toMatch(/Success/);
  });

  it("Terraform reads every escaped literal back unchanged", () => {
    const literals = [
      TEMPLATE,
      DIRECTIVE,
      "$${already}",
      "$$${x}",
      "a$",
      "%%{",
      "%{(%w+)%}",
      "${",
      "plain",
    ];
    expect(readByTerraform(literals.map((s) => literalForTerraform(s)))).toEqual(literals);
  });

  it("the tags and custom ids of services, routes and consumers are written as text", () => {
    const { stack, gateway } = gatewayFixture();
    const service = gateway.addService("orders", {
      url: "http://orders.internal",
      tags: [`t-${TEMPLATE}`, `d-${DIRECTIVE}`],
    });
    service.addRoute("a", { paths: ["/a"], tags: [`r-${TEMPLATE}`] });
    gateway.addConsumer("app", { customId: `c-${TEMPLATE}-${DIRECTIVE}` });
    const template = Template.synth(stack);
    const written = [
      ...(template.resourceNamed("kong_service", "orders").tags as string[]).slice(-2),
      ...(template.resourceNamed("kong_route", "a").tags as string[]).slice(-1),
      template.findResources("kong_consumer", { username: "app" })[0].custom_id as string,
    ];
    expect(written).toEqual([
      "t-$${var.kong_admin_token}",
      "d-%%{if true}x%%{endif}",
      "r-$${var.kong_admin_token}",
      "c-$${var.kong_admin_token}-%%{if true}x%%{endif}",
    ]);
    expect(readByTerraform(written)).toEqual([
      `t-${TEMPLATE}`,
      `d-${DIRECTIVE}`,
      `r-${TEMPLATE}`,
      `c-${TEMPLATE}-${DIRECTIVE}`,
    ]);
  });

  it("certificate tags and the gateway's workspace are written as text", () => {
    const { stack, gateway } = gatewayFixture({}, { workspace: `w-${TEMPLATE}` });
    gateway.addCertificate("shop", {
      certificate: SHOP_CERTIFICATE,
      privateKey: Secret.fromVariable("shop_tls_key"),
      tags: [`c-${DIRECTIVE}`],
    });
    const template = Template.synth(stack);
    const [certificate] = template.findResources("kong_certificate");
    const provider = (template.json.provider as { kong: { kong_workspace: string }[] }).kong[0];
    const written = [(certificate.tags as string[]).at(-1)!, provider.kong_workspace];
    expect(written).toEqual(["c-%%{if true}x%%{endif}", "w-$${var.kong_admin_token}"]);
    expect(readByTerraform(written)).toEqual([`c-${DIRECTIVE}`, `w-${TEMPLATE}`]);
  });

  it("in a string mixing text and a reference, only the text is escaped", () => {
    const { stack, gateway } = gatewayFixture();
    const who = new TerraformLocal(stack, "who", "ops");
    const route = gateway.addService("orders", { url: "http://orders.internal" }).addRoute("a", {
      paths: ["/a"],
    });
    route.addPlugin("request-termination", {
      status_code: 503,
      message: `down ${TEMPLATE} ${DIRECTIVE}, ask ${Token.asString(who.expression)} %{`,
    });
    const [config] = pluginConfigs(Template.synth(stack), "request-termination");
    expect(config.message).toBe(
      "down $${var.kong_admin_token} %%{if true}x%%{endif}, ask ${local.who} %%{",
    );
    expect(readByTerraform([config.message as string], { who: "ops" })).toEqual([
      `down ${TEMPLATE} ${DIRECTIVE}, ask ops %{`,
    ]);
  });

  it("refuses a literal $ right before a reference, which Terraform would read as an escape", () => {
    const { stack, gateway } = gatewayFixture();
    const who = new TerraformLocal(stack, "who", "ops");
    const route = gateway.addService("orders", { url: "http://orders.internal" }).addRoute("a", {
      paths: ["/a"],
    });
    const error = validationErrorOf(() =>
      route.addPlugin("request-termination", {
        status_code: 503,
        message: `cost $${Token.asString(who.expression)}`,
      }),
    );
    expect(error.constructPath).toBe("dev/kong/orders/a/request-termination");
    expect(error.message).toMatch(
      /^Plugin request-termination config\.message puts a literal "\$" right before a reference/,
    );
  });

  it("writes a text the same each time and refuses a refused one each time, naming each place", () => {
    // literalForTerraform remembers what it wrote, by text; nothing refused may be remembered.
    const { stack } = gatewayFixture();
    const who = Token.asString(new TerraformLocal(stack, "who", "ops").expression);
    const written = literalForTerraform(`a ${TEMPLATE} ${who}`);
    expect(literalForTerraform(`a ${TEMPLATE} ${who}`)).toBe(written);
    expect(written).toMatch(/^a \$\$\{var\.kong_admin_token\} \$\{TfToken\[/);
    const refused = `cost $${who}`;
    expect(() => literalForTerraform(refused, "The first place")).toThrow(
      /^The first place puts a literal "\$" right before a reference/,
    );
    expect(() => literalForTerraform(refused, "The second place")).toThrow(
      /^The second place puts a literal "\$" right before a reference/,
    );
    // Given the construct the text belongs to, the refusal carries its path.
    expect(validationErrorOf(() => literalForTerraform(refused, "A third", stack))).toMatchObject({
      constructPath: "dev",
      message: expect.stringMatching(/^A third puts a literal "\$" right before a reference/),
    });
  });
});
