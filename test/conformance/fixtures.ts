/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are edited freely by the tests */
/** A hand-written stack in the shape `cdktf synth` writes, valid for kevholditch/kong 6.5.1. */
export function goodStack(): Record<string, any> {
  return {
    "//": { metadata: { backend: "local", stackName: "dev", version: "0.21.0" } },
    terraform: {
      backend: { local: { path: "terraform.dev.tfstate" } },
      required_providers: { kong: { source: "kevholditch/kong", version: "6.5.1" } },
    },
    provider: {
      kong: [
        {
          kong_admin_uri: "${var.kong_admin_uri}",
          kong_admin_token: "${var.kong_admin_token}",
          strict_plugins_match: false,
        },
      ],
    },
    variable: {
      kong_admin_uri: { type: "string", description: "Admin API address" },
      kong_admin_token: { type: "string", sensitive: true },
      orders_limit: { type: "number", default: 600 },
    },
    locals: { env: "dev" },
    resource: {
      kong_service: {
        orders: {
          "//": { metadata: { path: "dev/kong/orders", uniqueId: "orders" } },
          name: "orders",
          protocol: "http",
          host: "orders.internal",
          port: 8080,
          tags: ["managed-by:avro-kong", "env:${local.env}"],
        },
      },
      kong_route: {
        "orders_create-order_1A2B3C": {
          name: "orders-create-order",
          protocols: ["https"],
          methods: ["POST"],
          paths: ["/orders"],
          strip_path: false,
          service_id: "${kong_service.orders.id}",
          header: [{ name: "x-version", values: ["2"] }],
          depends_on: ["kong_service.orders"],
        },
      },
      kong_upstream: {
        orders: {
          name: "orders.internal",
          healthchecks: {
            active: { type: "http", healthy: { interval: 5, http_statuses: [200, 204] } },
          },
        },
      },
      kong_consumer: { svc: { username: "svc", tags: ["managed-by:avro-kong"] } },
      kong_plugin: {
        orders_jwt: {
          name: "jwt",
          route_id: "${kong_route.orders_create-order_1A2B3C.id}",
          config_json: JSON.stringify({ claims_to_verify: ["exp"], maximum_expiration: 900 }),
        },
        orders_limit: {
          name: "rate-limiting",
          route_id: "${kong_route.orders_create-order_1A2B3C.id}",
          config_json: '{"minute": ${var.orders_limit}, "policy": "local"}',
        },
        svc_limit: {
          name: "rate-limiting",
          consumer_id: "${kong_consumer.svc.id}",
          config_json: JSON.stringify({ hour: 1000 }),
        },
        orders_log: {
          name: "http-log",
          service_id: "${kong_service.orders.id}",
          config_json: JSON.stringify({ http_endpoint: "https://logs.internal/${local.env}" }),
        },
      },
    },
    output: { orders_service_id: { value: "${kong_service.orders.id}" } },
  };
}
