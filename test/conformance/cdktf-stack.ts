import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import {
  consumer as kongConsumer,
  consumerJwtAuth,
  plugin,
  provider,
  route as kongRoute,
  service as kongService,
  upstream,
} from "../../src/provider";

/** A small stack built with the generated bindings, as the constructs will build them. */
class FixtureStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const token = new TerraformVariable(this, "kong_admin_token", {
      type: "string",
      sensitive: true,
    });
    const secret = new TerraformVariable(this, "jwt_secret", { type: "string", sensitive: true });
    const limit = new TerraformVariable(this, "minute_limit", { type: "number" });
    new provider.KongProvider(this, "kong", {
      kongAdminUri: "http://localhost:8001",
      kongAdminToken: token.stringValue,
    });
    new upstream.Upstream(this, "orders_upstream", {
      name: "orders.internal",
      healthchecks: { active: { type: "http", healthy: { interval: 5, httpStatuses: [200] } } },
    });
    const service = new kongService.Service(this, "orders", {
      name: "orders",
      protocol: "http",
      host: "orders.internal",
      port: 8080,
    });
    const route = new kongRoute.Route(this, "orders_create", {
      name: "orders-create",
      protocols: ["https"],
      methods: ["POST"],
      paths: ["/orders"],
      serviceId: service.id,
      header: [{ name: "x-version", values: ["2"] }],
    });
    const consumer = new kongConsumer.Consumer(this, "svc", {
      username: "svc",
      tags: ["managed-by:avro-kong"],
    });
    new consumerJwtAuth.ConsumerJwtAuth(this, "svc_jwt", {
      consumerId: consumer.id,
      algorithm: "HS256",
      key: "svc",
      secret: secret.stringValue,
      rsaPublicKey: "",
    });
    new plugin.Plugin(this, "orders_create_jwt", {
      name: "jwt",
      routeId: route.id,
      configJson: JSON.stringify({ claims_to_verify: ["exp"], maximum_expiration: 900 }),
    });
    new plugin.Plugin(this, "orders_create_limit", {
      name: "rate-limiting",
      routeId: route.id,
      configJson: `{"minute": ${limit.numberValue}, "policy": "local"}`,
    });
    new plugin.Plugin(this, "orders_log", {
      name: "http-log",
      serviceId: service.id,
      configJson: JSON.stringify({ http_endpoint: `https://logs.internal/${service.name}` }),
    });
  }
}

/** The parsed `cdk.tf.json` of the fixture stack. */
export function synthFixtureStack(): Record<string, unknown> {
  const app = Testing.app();
  const stack = new FixtureStack(app as App, "fixture");
  return JSON.parse(Testing.synth(stack)) as Record<string, unknown>;
}
