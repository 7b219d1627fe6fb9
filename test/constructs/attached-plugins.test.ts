import { Duration, Gateway, Identity, KongPlugin, type RouteOptions } from "../../src/constructs";
import { plugin } from "../../src/provider";
import { SynthesisError, synthesizeApp } from "../../src/constructs";
import { contractsOf, orderPlacedV2 } from "../support/contracts";
import { annotations, gatewayFixture, synthJudged } from "../support/template";

/** Guardrails judge the plugins Kong will run, however they were added. */

const contracts = contractsOf({ "shop.orders.OrderPlaced": { version: 2, schema: orderPlacedV2 } });
const remoteState = { type: "http", address: "https://state.internal/kong" } as const;
/** A prod route with only what the options give; each test adds plugins by hand. */
const bare: RouteOptions = { methods: ["GET"], paths: ["/orders"], protocols: ["https"] };

function prod() {
  const { stack, gateway } = gatewayFixture(
    { name: "prod", contracts, backend: remoteState },
    { edition: "enterprise" }, // for request-validator
  );
  const service = gateway.addService("orders", { url: "http://orders.internal" });
  const errors = () => {
    synthJudged(stack);
    return annotations(stack, "error");
  };
  return { stack, gateway, service, errors };
}

const NO_IDENTITY =
  'Route get-order breaks guardrail "identity" in prod: no identity plugin on the route or its service.';

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
            "Route get-order has identity plugins key-auth and jwt (its own, service orders's or global ones), and Kong would demand all of them; expected one identity, or anonymous set on each for Kong's either-one setup.",
        },
      ]),
    );
  });
});

describe("Kong's either-one identity setup: every identity plugin sets anonymous", () => {
  const limited = { ...bare, rateLimit: { perMinute: 60 } };
  const either = { anonymous: "anonymous-caller" };
  const basicAuth = { hide_credentials: true };

  it("accepts several identities when each lets the others' callers through, behind an acl", () => {
    const { service, errors } = prod();
    const route = service.addRoute("get-order", limited);
    route.addPlugin("key-auth", { ...keyAuth, ...either });
    route.addPlugin("basic-auth", { ...basicAuth, ...either });
    route.addPlugin("acl", { allow: ["staff"] });
    expect(errors()).toEqual([]);
  });

  it("counts no identity where a caller without any credential runs as the anonymous consumer unchecked", () => {
    const { service, errors } = prod();
    const route = service.addRoute("get-order", limited);
    route.addPlugin("key-auth", { ...keyAuth, ...either });
    route.addPlugin("basic-auth", { ...basicAuth, ...either });
    expect(errors()).toEqual([
      'Route get-order breaks guardrail "identity" in prod: lets a caller without a credential through as the anonymous consumer (key-auth and basic-auth set anonymous) and runs no acl; expected roles (an acl) that the anonymous consumer lacks, or no anonymous.',
    ]);
  });

  it("refuses a half-done setup, where one identity still demands its credential", () => {
    const { app, gateway } = gatewayFixture({ name: "dev", contracts, backend: remoteState });
    const route = gateway.addService("orders", { url: "http://o" }).addRoute("get-order", bare);
    route.addPlugin("key-auth", { ...keyAuth, ...either });
    route.addPlugin("basic-auth", basicAuth);
    expect(() => synthesizeApp(app)).toThrow(
      new SynthesisError([
        {
          path: "dev/kong/orders/get-order",
          message:
            "Route get-order has identity plugins key-auth and basic-auth (its own, service orders's or global ones), and Kong would demand all of them; expected one identity, or anonymous set on each for Kong's either-one setup.",
        },
      ]),
    );
  });
});

describe("guardrails see every kong_plugin of the stack, raw L1 resources included", () => {
  /** A raw `kong_plugin`, as the generated bindings make it: no check, no construct options. */
  function raw(scope: KongPluginScope, id: string, config: plugin.PluginConfig) {
    return new plugin.Plugin(scope, id, { strictMatch: false, ...config });
  }
  type KongPluginScope = ConstructorParameters<typeof plugin.Plugin>[0];

  it("count a raw plugin for the route, service or consumer its reference names", () => {
    const { stack, service, errors } = prod();
    const route = service.addRoute("get-order", bare);
    raw(stack, "raw-key-auth", {
      name: "key-auth",
      routeId: route.routeId,
      configJson: JSON.stringify(keyAuth),
    });
    raw(stack, "raw-limit", {
      name: "rate-limiting",
      serviceId: service.serviceId,
      configJson: JSON.stringify({ minute: 60 }),
    });
    expect(errors()).toEqual([]);
  });

  it("count a global raw plugin for every route", () => {
    const { stack, service, errors } = prod();
    service.addRoute("get-order", { ...bare, identity: Identity.keyAuth() });
    service.addRoute("list-orders", {
      ...bare,
      paths: ["/orders/all"],
      identity: Identity.keyAuth(),
    });
    raw(stack, "global-limit", { name: "rate-limiting", configJson: '{"minute": 60}' });
    expect(errors()).toEqual([]);
  });

  it("attribute by reference, not by where the construct sits in the tree", () => {
    const { service, errors } = prod();
    const a = service.addRoute("get-order", { ...bare, rateLimit: { perMinute: 60 } });
    const b = service.addRoute("list-orders", {
      ...bare,
      paths: ["/orders/all"],
      rateLimit: { perMinute: 60 },
    });
    // Under route get-order, but attached to list-orders: only list-orders has an identity.
    new KongPlugin(a, "key-auth-elsewhere", {
      name: "key-auth",
      config: keyAuth,
      routeId: b.routeId,
      on: "route list-orders",
    });
    expect(errors()).toEqual([NO_IDENTITY]);
  });

  it("do not count a plugin switched off, renamed, scoped to one consumer, or counted (count/for_each)", () => {
    const cases: Array<
      (route: ReturnType<ReturnType<typeof prod>["service"]["addRoute"]>) => void
    > = [
      (route) => {
        route.addPlugin("key-auth", keyAuth).resource.enabled = false;
      },
      (route) => route.addPlugin("key-auth", keyAuth).resource.addOverride("enabled", false),
      (route) => {
        route.addPlugin("key-auth", keyAuth).resource.name = "correlation-id";
      },
      (route) => route.addPlugin("key-auth", keyAuth).resource.addOverride("name", "cors"),
      (route) => {
        route.addPlugin("key-auth", keyAuth).resource.count = 1;
      },
      (route) => {
        const consumer = Gateway.of(route).addConsumer("app");
        raw(route, "one-consumer", {
          name: "key-auth",
          routeId: route.routeId,
          consumerId: consumer.resource.id,
          configJson: JSON.stringify(keyAuth),
        });
      },
    ];
    for (const make of cases) {
      const { service, errors } = prod();
      make(service.addRoute("get-order", { ...bare, rateLimit: { perMinute: 60 } }));
      expect(errors()).toEqual([NO_IDENTITY]);
    }
  });

  it("read a raw jwt plugin's own bound", () => {
    const { stack, service, errors } = prod();
    const route = service.addRoute("get-order", { ...bare, rateLimit: { perMinute: 60 } });
    raw(stack, "raw-jwt", {
      name: "jwt",
      routeId: route.routeId,
      configJson: JSON.stringify({ claims_to_verify: ["exp"], maximum_expiration: 86400 }),
    });
    expect(errors()).toEqual([
      'Route get-order breaks guardrail "jwt-expiry" in prod: accepts JWTs living 24 hours; expected at most 1 hour.',
    ]);
  });

  it("do not count a validate option whose plugin was switched off", () => {
    const { service, errors } = prod();
    const route = service.addRoute("create-order", {
      ...bare,
      methods: ["POST"],
      identity: Identity.keyAuth(),
      rateLimit: { perMinute: 60 },
      validate: { request: "shop.orders.OrderPlaced" },
    });
    expect(errors()).toEqual([]);
    const validator = route.node.findChild("pre-function") as KongPlugin<"pre-function">;
    validator.resource.enabled = false;
    expect(errors()).toEqual([
      'Route create-order breaks guardrail "request-validation" in prod: accepts bodies (POST) without request validation.',
    ]);
  });

  it("refuse a raw plugin beside one of the same name on the same entity, in every environment", () => {
    const { stack, gateway } = gatewayFixture({ name: "dev", contracts, backend: remoteState });
    const route = gateway
      .addService("orders", { url: "http://orders.internal" })
      .addRoute("get-order", { ...bare, identity: Identity.keyAuth() });
    raw(stack, "second-key-auth", {
      name: "key-auth",
      routeId: route.routeId,
      configJson: JSON.stringify(keyAuth),
    });
    raw(stack, "global-cors", { name: "cors", configJson: "{}" });
    raw(stack, "global-cors-again", { name: "cors", configJson: "{}" });
    synthJudged(stack);
    expect(annotations(stack, "error")).toEqual([
      "Plugin key-auth at dev/second-key-auth is a second key-auth on route get-order beside dev/kong/orders/get-order/key-auth/plugin, and Kong runs at most one of a name there; expected one, added through addPlugin.",
      "Plugin cors at dev/global-cors-again is a second cors global plugin beside dev/global-cors, and Kong runs at most one of a name there; expected one, added through addPlugin.",
    ]);
  });
});
