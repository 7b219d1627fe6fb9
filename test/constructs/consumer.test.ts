import { Testing } from "cdktf";
import { Credential, Secret, type ConsumerOptions } from "../../src/constructs";
import {
  consumer,
  consumerAcl,
  consumerBasicAuth,
  consumerJwtAuth,
  consumerKeyAuth,
} from "../../src/provider";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";
import { validationErrorOf } from "../support/user-error";

const roles = {
  "orders-writer": { idpGroups: ["Okta-Orders"] },
  "orders-reader": { idpGroups: ["Okta-Readers"] },
};

describe("Consumer", () => {
  it("holds its roles as ACL groups and its credentials from secrets, never literals", () => {
    const { stack, gateway } = gatewayFixture({}, { roles });
    gateway.addConsumer("mobile-app", {
      roles: ["orders-writer", "orders-reader"],
      credentials: [
        Credential.jwt({
          algorithm: "HS256",
          key: "mobile-app",
          secret: Secret.fromVariable("mobile_app_jwt_secret"),
        }),
        Credential.jwt({
          algorithm: "RS256",
          key: "mobile-app-rsa",
          publicKey: Secret.fromVault("{vault://env/mobile-app-public-key}"),
        }),
        Credential.keyAuth({ key: Secret.fromVault("{vault://env/mobile-app-api-key}") }),
        Credential.basicAuth({
          username: "mobile",
          password: Secret.fromVariable("mobile_app_password"),
        }),
      ],
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(consumerBasicAuth.ConsumerBasicAuth, {
      username: "mobile",
      password: "${var.mobile_app_password}",
      tags: ["managed-by:avro-kong", "environment:dev", "consumer:mobile-app"],
    });
    expect(synthesized).toHaveResourceWithProperties(consumer.Consumer, {
      username: "mobile-app",
      tags: ["managed-by:avro-kong", "environment:dev", "consumer:mobile-app"],
    });
    expect(synthesized).toHaveResourceWithProperties(consumerAcl.ConsumerAcl, {
      group: "orders-writer",
    });
    expect(synthesized).toHaveResourceWithProperties(consumerAcl.ConsumerAcl, {
      group: "orders-reader",
    });
    expect(synthesized).toHaveResourceWithProperties(consumerJwtAuth.ConsumerJwtAuth, {
      algorithm: "HS256",
      key: "mobile-app",
      secret: "${var.mobile_app_jwt_secret}",
      rsa_public_key: "unused-for-HS256",
    });
    expect(synthesized).toHaveResourceWithProperties(consumerJwtAuth.ConsumerJwtAuth, {
      algorithm: "RS256",
      rsa_public_key: "{vault://env/mobile-app-public-key}",
    });
    expect(synthesized).toHaveResourceWithProperties(consumerKeyAuth.ConsumerKeyAuth, {
      key: "{vault://env/mobile-app-api-key}",
    });
    expect(Template.synth(stack).json.variable).toMatchObject({
      mobile_app_jwt_secret: { type: "string", sensitive: true },
    });
  });

  it("rotating a secret is a variable change: the same variable serves every use", () => {
    const { stack, gateway } = gatewayFixture();
    const secret = Secret.fromVariable("shared_secret");
    gateway.addConsumer("a", {
      credentials: [Credential.jwt({ algorithm: "HS256", key: "a", secret })],
    });
    gateway.addConsumer("b", {
      credentials: [Credential.jwt({ algorithm: "HS256", key: "b", secret })],
    });
    const template = Template.synth(stack);
    expect(Object.keys(template.json.variable as object)).toContain("shared_secret");
    expect(
      template.findResources("kong_consumer_jwt_auth", { secret: "${var.shared_secret}" }),
    ).toHaveLength(2);
  });

  it("refuses a secret named like a plain variable, which Terraform would print", () => {
    const { gateway } = gatewayFixture();
    expect(() =>
      gateway.addConsumer("a", {
        credentials: [Credential.keyAuth({ key: Secret.fromVariable("kong_admin_uri") })],
      }),
    ).toThrow(
      'Terraform variable "kong_admin_uri" is used both as a secret and as a plain value; expected one name per kind.',
    );
  });

  it("carries its own rate limit", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addConsumer("partner", { rateLimit: { perHour: 1000 } });
    const template = Template.synth(stack);
    expect(template.findResources("kong_plugin", { name: "rate-limiting" })).toEqual([
      expect.objectContaining({ consumer_id: expect.stringMatching(/^\$\{kong_consumer\./) }),
    ]);
    expect(pluginConfigs(template, "rate-limiting")[0]).toMatchObject({
      hour: 1000,
      limit_by: "consumer",
    });
  });

  it.each([
    [
      () => Secret.fromVault("vault://env/x"),
      'Secret vault reference "vault://env/x" is invalid; expected e.g. {vault://env/orders-jwt-secret}.',
    ],
    [
      () => Secret.fromVariable("Mobile-Secret"),
      'Secret variable name "Mobile-Secret" is invalid; expected lower-case letters, digits and "_", starting with a letter.',
    ],
    [
      () =>
        Credential.jwt({
          algorithm: "HS512" as "HS256",
          key: "k",
          secret: Secret.fromVariable("s"),
        }),
      'JWT credential algorithm "HS512" is not supported; expected HS256 or RS256.',
    ],
  ])("rejects bad credentials: %#", (make, message) => {
    expect(make).toThrow(message);
  });

  it.each([
    [
      "a literal key",
      { credentials: [Credential.keyAuth({ key: "hunter2" as unknown as Secret })] },
      "Consumer partner key-auth credential 0 key is a literal string; expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.",
    ],
    [
      "a literal basic-auth password",
      {
        credentials: [
          Credential.basicAuth({ username: "p", password: "hunter2" as unknown as Secret }),
        ],
      },
      "Consumer partner basic-auth credential 0 password is a literal string; expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.",
    ],
    [
      "a look-alike object",
      {
        credentials: [
          Credential.jwt({
            algorithm: "HS256",
            key: "p",
            secret: { resolve: () => "hunter2" } as unknown as Secret,
          }),
        ],
      },
      "Consumer partner JWT credential p secret is an object that is not a Secret; expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.",
    ],
    [
      "a missing public key",
      {
        credentials: [
          Credential.jwt({
            algorithm: "RS256",
            key: "p",
            publicKey: undefined as unknown as string,
          }),
        ],
      },
      "Consumer partner JWT credential p publicKey is undefined; expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.",
    ],
    [
      "something that is not a credential",
      { credentials: [{ key: "hunter2" } as unknown as Credential] },
      "Consumer partner credentials[0] is not a Credential; expected Credential.jwt(…), Credential.keyAuth(…) or Credential.basicAuth(…).",
    ],
  ])("refuses %s where a Secret is expected, naming the consumer", (_what, options, message) => {
    const { gateway } = gatewayFixture();
    const add = () => gateway.addConsumer("partner", options);
    expect(add).toThrow(message);
    expect(add).not.toThrow(/hunter2/);
  });

  it.each<[string, ConsumerOptions, string]>([
    [
      "a role nobody maps",
      { roles: ["admin"] },
      'Consumer partner names role "admin", which is not mapped',
    ],
    [
      "a rate limit below 1",
      { rateLimit: { perHour: -1 } },
      "Rate limit on consumer partner per hour is -1",
    ],
    [
      "credentials that are no array",
      { credentials: "key" as unknown as Credential[] },
      "Consumer partner credentials is a string",
    ],
    [
      "two JWT credentials of one key",
      {
        credentials: [
          Credential.jwt({ algorithm: "HS256", key: "k", secret: Secret.fromVariable("a") }),
          Credential.jwt({ algorithm: "HS256", key: "k", secret: Secret.fromVariable("b") }),
        ],
      },
      'Consumer partner has two JWT credentials with key "k"',
    ],
    [
      "a renamedFrom of its own name",
      { renamedFrom: "partner" },
      'Consumer partner renamedFrom is its own name "partner"',
    ],
  ])("names its construct path and the bad value when refused: %s", (_what, options, sentence) => {
    const { gateway } = gatewayFixture({}, { roles });
    const error = validationErrorOf(() => gateway.addConsumer("partner", options));
    expect(error.constructPath).toBe("dev/kong/partner");
    expect(error.message).toContain(sentence);
  });

  it("refuses a name used twice before joining the tree, naming the gateway", () => {
    const { gateway } = gatewayFixture();
    gateway.addConsumer("partner");
    gateway.addService("orders", { url: "http://orders.internal" });
    expect(validationErrorOf(() => gateway.addConsumer("partner"))).toMatchObject({
      constructPath: "dev/kong",
      message:
        'Consumer name "partner" is used twice in the dev gateway (a Consumer has it); expected a name no other consumer or service there has.',
    });
    expect(validationErrorOf(() => gateway.addConsumer("orders")).message).toContain(
      "(a Service has it)",
    );
  });

  it("takes any username Kong and its tags take, an email address included", () => {
    const { stack, gateway } = gatewayFixture({}, { roles });
    gateway.addConsumer("alice@example.com");
    gateway.addConsumer("Zoë Müller");
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(consumer.Consumer, {
      username: "alice@example.com",
      tags: ["managed-by:avro-kong", "environment:dev", "consumer:alice@example.com"],
    });
    expect(synthesized).toHaveResourceWithProperties(consumer.Consumer, { username: "Zoë Müller" });
  });

  it.each([
    ["a,b", '"a,b"'],
    ["team/app", '"team/app"'],
    [" app", '" app"'],
    ["", '""'],
    ["bad\u0001", '"bad\\u0001"'],
  ])("refuses the username %j, which no Kong tag can carry", (name, shown) => {
    const { gateway } = gatewayFixture({}, { roles });
    expect(() => gateway.addConsumer(name)).toThrow(
      `Consumer name ${shown} is not a valid Kong username; expected printable text without "," or "/" and no space at either end (Kong's tag rule).`,
    );
  });

  it("rejects a role that is not mapped", () => {
    const { gateway } = gatewayFixture({}, { roles });
    expect(() => gateway.addConsumer("x", { roles: ["admin"] })).toThrow(
      'Consumer x names role "admin", which is not mapped; expected one of: orders-writer, orders-reader.',
    );
  });
});

describe("the provider's Admin API variable as a consumer's credential", () => {
  it("is refused with the construct path, the field and what is expected", () => {
    const { gateway } = gatewayFixture();
    expect(
      validationErrorOf(() =>
        gateway.addConsumer("app", {
          credentials: [Credential.keyAuth({ key: Secret.fromVariable("kong_admin_token") })],
        }),
      ),
    ).toMatchObject({
      constructPath: "dev/kong/app",
      message:
        'Consumer app key-auth credential 0 key uses Secret.fromVariable("kong_admin_token"), the provider\'s Kong Admin API credential, which would hand the Admin API to whoever reads it; expected a credential of its own (Secret.fromVariable with another name, or Secret.fromVault).',
    });
  });
});
