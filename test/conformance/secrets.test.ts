import { checkSecretsInStack } from "../../src/conformance";
import { pluginSecrets } from "../../src/secrets";
import { synthFixtureStack } from "./cdktf-stack";
import { goodStack } from "./fixtures";

function check(
  edit: (stack: ReturnType<typeof goodStack>) => void,
): ReturnType<typeof checkSecretsInStack> {
  const stack = goodStack();
  edit(stack);
  return checkSecretsInStack(stack);
}

const EXPECTED =
  "expected a sensitive variable or a Kong vault reference such as {vault://env/NAME}";

describe("pluginSecrets", () => {
  it("finds credential fields of plugin configs", () => {
    const paths = (name: string, config: unknown) =>
      pluginSecrets(name, config).map((s) => [s.path, s.value]);
    expect(paths("rate-limiting", { minute: 1, redis: { host: "r", password: "pw" } })).toEqual([
      ["config.redis.password", "pw"],
    ]);
    expect(
      paths("openid-connect", {
        issuer: "https://idp",
        client_id: ["app"],
        client_secret: ["s1", "s2"],
      }),
    ).toEqual([
      ["config.client_id[0]", "app"],
      ["config.client_secret[0]", "s1"],
      ["config.client_secret[1]", "s2"],
    ]);
    expect(
      paths("http-log", {
        http_endpoint: "https://u:p@logs",
        headers: { Authorization: "Basic x", "X-A": "b", "X-Api-Key": "k" },
      }),
    ).toEqual([
      ["config.http_endpoint", "https://u:p@logs"],
      ['config.headers["Authorization"]', "Basic x"],
      ['config.headers["X-Api-Key"]', "k"],
    ]);
    expect(paths("http-log", { http_endpoint: "https://logs?token=t" })).toEqual([
      ["config.http_endpoint", "https://logs?token=t"],
    ]);
    expect(paths("http-log", { http_endpoint: "https://logs" })).toEqual([]);
    expect(paths("no-such-plugin", { password: "x" })).toEqual([]);
  });
});

describe("checkSecretsInStack", () => {
  it("passes stacks whose credentials come from sensitive variables", () => {
    expect(checkSecretsInStack(goodStack())).toEqual([]);
    expect(checkSecretsInStack(synthFixtureStack())).toEqual([]);
  });

  it("reports a literal provider credential without echoing it", () => {
    const problems = check((s) => (s.provider.kong[0].kong_admin_token = "s3cr3t-token"));
    expect(problems).toEqual([
      {
        address: "provider.kong",
        message: `attribute kong_admin_token holds a literal secret; ${EXPECTED}.`,
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain("s3cr3t-token");
  });

  it("reports a credential taken from a variable that is not sensitive", () => {
    expect(check((s) => (s.provider.kong[0].kong_admin_token = "${var.kong_admin_uri}"))).toEqual([
      {
        address: "provider.kong",
        message:
          "attribute kong_admin_token references var.kong_admin_uri, which is not marked sensitive; expected sensitive = true so that Terraform hides it.",
      },
    ]);
  });

  it("reports literal credentials of Kong resources, and accepts vault references", () => {
    expect(
      check((s) => {
        s.resource.kong_consumer_jwt_auth = {
          svc_jwt: {
            consumer_id: "${kong_consumer.svc.id}",
            algorithm: "HS256",
            key: "svc",
            secret: "hunter2",
            rsa_public_key: "",
          },
          svc_vault: {
            consumer_id: "${kong_consumer.svc.id}",
            secret: "{vault://env/svc-jwt-secret}",
            rsa_public_key: "",
          },
        };
        s.resource.kong_consumer_key_auth = {
          svc_key: {
            consumer_id: "${kong_consumer.svc.id}",
            key: "Bearer ${var.kong_admin_token}",
          },
        };
      }),
    ).toEqual([
      {
        address: "kong_consumer_jwt_auth.svc_jwt",
        message: `attribute secret holds a literal secret; ${EXPECTED}.`,
      },
      {
        address: "kong_consumer_key_auth.svc_key",
        message: `attribute key holds a literal secret; ${EXPECTED}.`,
      },
    ]);
  });

  it("reports literal credentials inside config_json", () => {
    expect(
      check(
        (s) =>
          (s.resource.kong_plugin.orders_limit.config_json = JSON.stringify({
            minute: 5,
            policy: "redis",
            redis: { host: "r", password: "pw" },
          })),
      ),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message: `Plugin rate-limiting: config.redis.password holds a literal secret; ${EXPECTED}.`,
      },
    ]);
    expect(
      check(
        (s) =>
          (s.resource.kong_plugin.orders_limit.config_json =
            '{"minute":5,"policy":"redis","redis":{"host":"r","password":"${var.kong_admin_token}"}}'),
      ),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message:
          "Plugin rate-limiting: config.redis.password references var.kong_admin_token, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; expected Secret.fromVariable (a sensitive variable) or Secret.fromVault (a Kong vault reference) of its own.",
      },
    ]);
    expect(
      check((s) => {
        s.variable.redis_password = { type: "string", sensitive: true };
        s.resource.kong_plugin.orders_limit.config_json =
          '{"minute":5,"policy":"redis","redis":{"host":"r","password":"${var.redis_password}"}}';
      }),
    ).toEqual([]);
    expect(
      check(
        (s) =>
          (s.resource.kong_plugin.orders_limit.config_json =
            '{"minute":5,"policy":"redis","redis":{"host":"r","password":"${base64decode("cHc=")}"}}'),
      ),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message:
          "Plugin rate-limiting: config.redis.password holds a call to the function base64decode() (it decodes text written in the stack), which can carry or reveal the credential; expected Secret.fromVariable (a sensitive variable) or Secret.fromVault (a Kong vault reference).",
      },
    ]);
  });

  it("reports literal credentials in any plugin's free text, catalogued or not, and in entities' strings", () => {
    const jwt = ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "c2ln"].join(".");
    const problems = check((s) => {
      s.resource.kong_plugin.orders_limit.name = "request-transformer";
      s.resource.kong_plugin.orders_limit.config_json = JSON.stringify({
        add: { headers: ["X-Tenant:shop", "X-Api-Key:${var.kong_admin_token}", "apikey:hunter3"] },
        rename: { headers: ["Authorization:X-Auth"] },
      });
      s.resource.kong_route["orders_create-order_1A2B3C"].header = [
        { name: "x-version", values: [`Bearer ${jwt}`] },
        { name: "X-Api-Key", values: ["${var.kong_admin_token}", "hunter3"] },
      ];
      s.resource.kong_consumer.svc.tags.push("token:not-a-header");
    });
    expect(problems).toEqual([
      {
        address: "kong_route.orders_create-order_1A2B3C",
        message:
          'attribute header[1].values[1] holds a literal credential (a match on the credential header "X-Api-Key"); expected no credential in it.',
      },
      {
        address: "kong_route.orders_create-order_1A2B3C",
        message:
          "attribute header[0].values[0] holds a literal credential (a JWT); expected no credential in it.",
      },
      {
        address: "kong_plugin.orders_limit",
        message:
          "Plugin request-transformer: config.add.headers[1] references the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; expected Secret.fromVariable (a sensitive variable) or Secret.fromVault (a Kong vault reference) of its own, never the provider's.",
      },
      {
        address: "kong_plugin.orders_limit",
        message:
          'Plugin request-transformer: config.add.headers[2] holds a literal credential (the credential header "apikey" with a literal value); expected a sensitive variable or a Kong vault reference.',
      },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/hunter3|eyJ/);
  });

  it("reports a sensitive variable with a default", () => {
    expect(check((s) => (s.variable.kong_admin_token.default = "changeme"))).toEqual([
      {
        address: "var.kong_admin_token",
        message:
          "the variable is sensitive but has a default, which writes its value into the synthesized stack; expected no default.",
      },
    ]);
  });
});
