import { TerraformStack } from "cdktf";
import {
  Credential,
  Duration,
  Identity,
  Secret,
  type Route,
  type RouteOptions,
} from "../../src/constructs";
import { consumerKeyAuth, plugin } from "../../src/provider";
import { contractsOf, orderPlacedV2 } from "../support/contracts";
import { annotations, gatewayFixture, synthJudged } from "../support/template";

const contracts = contractsOf({ "shop.orders.OrderPlaced": { version: 2, schema: orderPlacedV2 } });

/** A route that satisfies every guardrail in every environment. */
const compliant: RouteOptions = {
  methods: ["POST"],
  paths: ["/orders"],
  protocols: ["https"],
  identity: Identity.jwt({ maxTokenLifetime: Duration.minutes(15) }),
  rateLimit: { perMinute: 600 },
  validate: { request: "shop.orders.OrderPlaced" },
};

const remoteState = { type: "http", address: "https://state.internal/kong" } as const;

function routeIn(environment: "dev" | "prod", options: Partial<RouteOptions>) {
  const { stack, gateway } = gatewayFixture({ name: environment, contracts, backend: remoteState });
  gateway
    .addService("orders", { url: "http://orders.internal" })
    .addRoute("create-order", { ...compliant, ...options });
  synthJudged(stack);
  return { stack, errors: annotations(stack, "error"), warnings: annotations(stack, "warn") };
}

describe("guardrails", () => {
  it("pass a compliant route in prod and dev", () => {
    expect(routeIn("prod", {})).toMatchObject({ errors: [], warnings: [] });
    expect(routeIn("dev", {})).toMatchObject({ errors: [], warnings: [] });
  });

  const violations: Array<[string, Partial<RouteOptions>, string]> = [
    ["identity", { identity: undefined }, "no identity plugin on the route or its service"],
    ["rate-limit", { rateLimit: undefined }, "no rate limit on the route or its service"],
    [
      "request-validation",
      { validate: undefined },
      "accepts bodies (POST) without request validation",
    ],
    [
      "request-validation",
      { methods: undefined, validate: undefined },
      "accepts bodies (every method) without request validation",
    ],
    [
      "jwt-expiry",
      { identity: Identity.jwt({ maxTokenLifetime: "unlimited" }) },
      "accepts JWTs of unlimited lifetime; expected at most 1 hour",
    ],
    [
      "jwt-expiry",
      { identity: Identity.jwt({ maxTokenLifetime: Duration.hours(8) }) },
      "accepts JWTs living 8 hours; expected at most 1 hour",
    ],
  ];

  it.each(violations)("%s: an error in prod", (rule, options, problem) => {
    expect(routeIn("prod", options).errors).toEqual([
      `Route create-order breaks guardrail "${rule}" in prod: ${problem}.`,
    ]);
  });

  it.each(violations.filter(([rule]) => rule !== "jwt-expiry"))(
    "%s: a warning in dev",
    (rule, options, problem) => {
      const { errors, warnings } = routeIn("dev", options);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([
        `Route create-order breaks guardrail "${rule}" in dev: ${problem}.`,
      ]);
    },
  );

  it("jwt-expiry allows up to 24 hours outside production", () => {
    expect(
      routeIn("dev", { identity: Identity.jwt({ maxTokenLifetime: Duration.hours(8) }) }).warnings,
    ).toEqual([]);
    expect(
      routeIn("dev", { identity: Identity.jwt({ maxTokenLifetime: Duration.hours(48) }) }).warnings,
    ).toEqual([
      'Route create-order breaks guardrail "jwt-expiry" in dev: accepts JWTs living 48 hours; expected at most 24 hours.',
    ]);
  });

  it("https-only: production routes may not accept plain HTTP", () => {
    expect(routeIn("prod", { protocols: ["http", "https"] }).errors).toEqual([
      'Route create-order breaks guardrail "https-only" in prod: accepts http; production routes are HTTPS only.',
    ]);
    expect(routeIn("dev", { protocols: ["http", "https"] }).warnings).toEqual([]);
  });

  const identities: Array<[string, (route: Route) => void]> = [
    ["basic-auth", (route) => route.addPlugin("basic-auth", { hide_credentials: true })],
    [
      "hmac-auth",
      (route) =>
        route.addPlugin("hmac-auth", { algorithms: ["hmac-sha256"], enforce_headers: ["date"] }),
    ],
  ];
  it.each(identities)("identity: %s added to the route is an identity in prod", (_, add) => {
    const { stack, gateway } = gatewayFixture({ name: "prod", contracts, backend: remoteState });
    add(
      gateway
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("create-order", { ...compliant, identity: undefined }),
    );
    synthJudged(stack);
    expect(annotations(stack, "error")).toEqual([]);
  });

  it("GET routes need no request validation", () => {
    expect(routeIn("prod", { methods: ["GET"], validate: undefined }).errors).toEqual([]);
  });

  it("fail synthesis in prod with the route and the rule", () => {
    const { stack, gateway } = gatewayFixture({ name: "prod", contracts });
    gateway
      .addService("orders", { url: "http://o" })
      .addRoute("create-order", { ...compliant, rateLimit: undefined });
    const app = stack.node.root as unknown as { synth(): void };
    expect(() => app.synth()).toThrow('Route create-order breaks guardrail "rate-limit" in prod');
  });

  it.each(["prod", "dev"])(
    "no-secret-literals: a credential or plugin secret written as a literal through an escape hatch is an error in %s",
    (environment) => {
      const { stack, gateway } = gatewayFixture({
        name: environment,
        contracts,
        backend: remoteState,
      });
      const consumer = gateway.addConsumer("partner");
      new consumerKeyAuth.ConsumerKeyAuth(consumer, "raw-key", {
        consumerId: consumer.resource.id,
        key: "hunter2",
      });
      new consumerKeyAuth.ConsumerKeyAuth(consumer, "vault-key", {
        consumerId: consumer.resource.id,
        key: "{vault://env/partner-key}",
      });
      new plugin.Plugin(gateway, "raw-plugin", {
        name: "openid-connect",
        configJson: JSON.stringify({ issuer: "https://idp", client_secret: ["s3cr3t"] }),
      });
      synthJudged(stack);
      const errors = annotations(stack, "error");
      expect(errors).toEqual([
        expect.stringMatching(
          new RegExp(
            `^kong_consumer_key_auth\\.\\S*raw-key\\S* breaks guardrail "no-secret-literals" in ${environment}: attribute key holds a literal secret; expected a sensitive variable or a Kong vault reference`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^kong_plugin\\.\\S*raw-plugin\\S* breaks guardrail "no-secret-literals" in ${environment}: Plugin openid-connect: config\\.client_secret\\[0\\] holds a literal secret`,
          ),
        ),
      ]);
      expect(errors.join("\n")).not.toContain("hunter2");
      expect(errors.join("\n")).not.toContain("s3cr3t");
    },
  );

  describe("no-secret-literals reads only what can hold a credential", () => {
    function partner(environment = "prod") {
      const f = gatewayFixture({ name: environment, contracts, backend: remoteState });
      const consumer = f.gateway.addConsumer("partner", {
        credentials: [Credential.keyAuth({ key: Secret.fromVariable("partner_key") })],
      });
      return { ...f, consumer };
    }

    it("synthesizes the stack once, for its output, not a second time for the check", () => {
      const { stack, gateway } = partner();
      gateway
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("create-order", compliant);
      const toTerraform = jest.spyOn(TerraformStack.prototype, "toTerraform");
      try {
        (stack.node.root as unknown as { synth(): void }).synth();
        expect(toTerraform).toHaveBeenCalledTimes(1);
      } finally {
        toTerraform.mockRestore();
      }
      expect(annotations(stack, "error")).toEqual([]);
    });

    it("still sees a plugin config replaced or overridden after it was checked", () => {
      const { stack, gateway } = partner();
      const route = gateway
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("create-order", compliant);
      const replaced = route.addPlugin("correlation-id", { header_name: "X-Id" });
      replaced.resource.configJson = JSON.stringify({
        minute: 1,
        policy: "redis",
        redis: { password: "hunter2" },
      });
      replaced.resource.name = "rate-limiting";
      const overridden = route.addPlugin("http-log", { http_endpoint: "https://logs.internal" });
      overridden.resource.addOverride(
        "config_json",
        JSON.stringify({ http_endpoint: "https://logs.internal/?token=hunter3" }),
      );
      synthJudged(stack);
      const errors = annotations(stack, "error");
      expect(errors).toEqual([
        expect.stringMatching(
          /^kong_plugin\.\S+ breaks guardrail "no-secret-literals" in prod: Plugin rate-limiting: config\.redis\.password holds a literal secret/,
        ),
        expect.stringMatching(
          /^kong_plugin\.\S+ breaks guardrail "no-secret-literals" in prod: Plugin http-log: config\.http_endpoint holds a literal secret/,
        ),
        // The renamed plugin is also a second rate-limiting on the route, which Kong refuses.
        expect.stringMatching(/^Plugin rate-limiting at \S+ is a second rate-limiting on route /),
      ]);
      expect(errors.join("\n")).not.toMatch(/hunter/);
    });

    it("resolves references: a credential from a variable that is not sensitive is caught", () => {
      const { stack, gateway, consumer } = partner("dev");
      new consumerKeyAuth.ConsumerKeyAuth(consumer, "plain-key", {
        consumerId: consumer.resource.id,
        key: gateway._variable("partner_plain_key", "not a secret", false).stringValue,
      });
      synthJudged(stack);
      expect(annotations(stack, "error")).toEqual([
        expect.stringMatching(
          /^kong_consumer_key_auth\.\S*plain-key\S* breaks guardrail "no-secret-literals" in dev: attribute key references var\.partner_plain_key, which is not marked sensitive; expected sensitive = true so that Terraform hides it\.$/,
        ),
      ]);
    });
  });
});
