import { Testing } from "cdktf";
import { Duration, Identity, type RouteOptions } from "../../src/constructs";
import { SynthesisError, synthesizeApp } from "../../src/constructs";
import { contractsOf, orderPlacedV2 } from "../support/contracts";
import { annotations, gatewayFixture } from "../support/template";

/** Guardrails judge the plugins Kong will run, however they were added. */

const contracts = contractsOf({ "shop.orders.OrderPlaced": { version: 2, schema: orderPlacedV2 } });
const remoteState = { type: "http", address: "https://state.internal/kong" } as const;
/** A prod route with only what the options give; each test adds plugins by hand. */
const bare: RouteOptions = { methods: ["GET"], paths: ["/orders"], protocols: ["https"] };

function prod() {
  const { stack, gateway } = gatewayFixture({ name: "prod", contracts, backend: remoteState });
  const service = gateway.addService("orders", { url: "http://orders.internal" });
  const errors = () => {
    Testing.synth(stack); // runs the aspects
    return annotations(stack, "error");
  };
  return { gateway, service, errors };
}

const keyAuth = { key_names: ["apikey"], hide_credentials: true };
const boundedJwt = { claims_to_verify: ["exp" as const], maximum_expiration: 900 };

describe("guardrails judge attached plugins", () => {
  it("count route.addPlugin identities, rate limits and request validators", () => {
    const { service, errors } = prod();
    const route = service.addRoute("create-order", { ...bare, methods: ["POST"] });
    route.addPlugin("key-auth", keyAuth);
    route.addPlugin("rate-limiting", { minute: 60, policy: "local" });
    route.addPlugin("request-validator", {
      version: "draft4",
      body_schema: JSON.stringify({ type: "object" }),
    });
    expect(errors()).toEqual([]);
  });

  it("count service.addPlugin for every route of the service without its own", () => {
    const { service, errors } = prod();
    service.addPlugin("jwt", boundedJwt);
    service.addPlugin("rate-limiting", { minute: 600, policy: "local" });
    service.addRoute("get-order", bare);
    expect(errors()).toEqual([]);
  });

  it("still miss what no plugin provides", () => {
    const { service, errors } = prod();
    service.addRoute("get-order", bare).addPlugin("correlation-id", { header_name: "X-Id" });
    expect(errors()).toEqual([
      'Route get-order breaks guardrail "identity" in prod: no identity plugin on the route or its service.',
      'Route get-order breaks guardrail "rate-limit" in prod: no rate limit on the route or its service.',
    ]);
  });

  it("read a hand-added jwt plugin's own bound (0 is unlimited)", () => {
    const cases: Array<[object, string]> = [
      [{}, "accepts JWTs of unlimited lifetime; expected at most 1 hour"],
      [
        { claims_to_verify: ["exp"], maximum_expiration: 28800 },
        "accepts JWTs living 8 hours; expected at most 1 hour",
      ],
    ];
    for (const [config, problem] of cases) {
      const { service, errors } = prod();
      const route = service.addRoute("get-order", { ...bare, rateLimit: { perMinute: 60 } });
      route.addPlugin("jwt", config);
      expect(errors()).toEqual([
        `Route get-order breaks guardrail "jwt-expiry" in prod: ${problem}.`,
      ]);
    }
  });
});

describe("one plugin of a name per route or service", () => {
  it("refuses an identity given both as an option and with addPlugin, in one sentence", () => {
    const { service } = prod();
    const route = service.addRoute("get-order", { ...bare, identity: Identity.keyAuth() });
    expect(() => route.addPlugin("key-auth", keyAuth)).toThrow(
      "Route get-order already has a key-auth plugin, and Kong runs at most one of a name there; expected it once, from the route's options or from addPlugin.",
    );
    const jwtService = prod().gateway.addService("payments", {
      url: "http://p",
      identity: Identity.jwt({ maxTokenLifetime: Duration.minutes(5) }),
    });
    expect(() => jwtService.addPlugin("jwt", boundedJwt)).toThrow(
      "Service payments already has a jwt plugin, and Kong runs at most one of a name there; expected it once, from the service's options or from addPlugin.",
    );
  });

  it("refuses, at synth, a hand-added identity beside the service's, naming the route", () => {
    const { app, gateway } = gatewayFixture({ name: "dev", contracts, backend: remoteState });
    gateway
      .addService("orders", { url: "http://o", identity: Identity.jwt() })
      .addRoute("get-order", bare)
      .addPlugin("key-auth", keyAuth);
    expect(() => synthesizeApp(app)).toThrow(
      new SynthesisError([
        {
          path: "dev/kong/orders/get-order",
          message:
            "Route get-order has identity plugins key-auth and jwt (its own or service orders's), and Kong would demand both; expected one identity.",
        },
      ]),
    );
  });
});
