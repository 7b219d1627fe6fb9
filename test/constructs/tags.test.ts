import { Credential, Duration, Identity, Logging, Secret } from "../../src/constructs";
import { contractsOf, orderPlacedV2 } from "../support/contracts";
import { missingOwnershipTags, taggableTypes } from "../support/ownership";
import { gatewayFixture, Template } from "../support/template";

describe("ownership tags", () => {
  it("are on every entity the constructs create, plugins with their service, route or consumer", () => {
    const contracts = contractsOf({
      "shop.orders.OrderPlaced": { version: 2, schema: orderPlacedV2 },
    });
    const { stack, gateway } = gatewayFixture(
      { name: "staging", contracts },
      { roles: { "orders-writer": { idpGroups: ["g"] } } },
    );
    const orders = gateway.addService("orders", {
      upstream: { targets: [{ target: "orders-1.internal:8080" }] },
      rateLimit: { perMinute: 100 },
      logging: Logging.file(),
    });
    const route = orders.addRoute("create-order", {
      methods: ["POST"],
      paths: ["/orders"],
      identity: Identity.jwt({ maxTokenLifetime: Duration.minutes(5) }),
      roles: ["orders-writer"],
      rateLimit: { perSecond: 5 },
      validate: { request: "shop.orders.OrderPlaced" },
      logging: Logging.http({ endpoint: Secret.fromVariable("log_url") }),
    });
    route.addPlugin("correlation-id", { header_name: "X-Request-Id" });
    gateway.addConsumer("storefront", {
      roles: ["orders-writer"],
      credentials: [
        Credential.jwt({ algorithm: "HS256", key: "sf", secret: Secret.fromVariable("sf_secret") }),
        Credential.keyAuth({ key: Secret.fromVault("{vault://env/sf-key}") }),
      ],
      rateLimit: { perHour: 1000 },
    });
    const json = Template.synth(stack).json;

    const created = Object.keys(json.resource as object).sort();
    expect(created).toEqual([
      "kong_consumer",
      "kong_consumer_acl",
      "kong_consumer_jwt_auth",
      "kong_consumer_key_auth",
      "kong_plugin",
      "kong_route",
      "kong_service",
      "kong_target",
      "kong_upstream",
    ]);
    expect(created.filter((type) => !taggableTypes().has(type))).toEqual([]);
    expect(missingOwnershipTags(json, "staging")).toEqual([]);
    const plugins = Object.values(
      json.resource as Record<string, Record<string, { name: string; tags: string[] }>>,
    )
      .flatMap((instances) => Object.values(instances))
      .filter((r) => ["jwt", "acl", "correlation-id", "pre-function", "http-log"].includes(r.name));
    for (const plugin of plugins) {
      expect([plugin.name, plugin.tags]).toEqual([
        plugin.name,
        ["managed-by:avro-kong", "environment:staging", "service:orders", "route:create-order"],
      ]);
    }
  });
});
