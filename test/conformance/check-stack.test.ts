import {
  checkStackConformance,
  kongProviderSchema,
  type ConformanceProblem,
} from "../../src/conformance";
import { synthFixtureStack } from "./cdktf-stack";
import { goodStack } from "./fixtures";

function check(edit: (stack: ReturnType<typeof goodStack>) => void): ConformanceProblem[] {
  const stack = goodStack();
  edit(stack);
  return checkStackConformance(stack);
}

const NAME = "orders_create-order_1A2B3C";
const ROUTE = `kong_route.${NAME}`;

describe("checkStackConformance", () => {
  it("passes a valid hand-written stack", () => {
    expect(checkStackConformance(goodStack())).toEqual([]);
  });

  it("passes a stack synthesized by cdktf from the generated bindings", () => {
    expect(checkStackConformance(synthFixtureStack())).toEqual([]);
  });

  it("uses the committed kevholditch/kong 6.5.1 schema by default", () => {
    expect(Object.keys(kongProviderSchema.provider_schemas)).toEqual([
      "registry.terraform.io/kevholditch/kong",
    ]);
    expect(checkStackConformance(goodStack(), kongProviderSchema)).toEqual([]);
  });

  it("reports an unknown resource type and an unknown data source", () => {
    expect(check((s) => (s.resource.kong_services = { x: { name: "x" } }))).toEqual([
      {
        address: "kong_services.x",
        message:
          "unknown resource type kong_services; the provider schema has no such resource type.",
      },
    ]);
    expect(check((s) => (s.data = { kong_consumer: { me: { username: "me" } } }))).toEqual([
      {
        address: "data.kong_consumer.me",
        message: "unknown data source kong_consumer; the provider schema has no such data source.",
      },
    ]);
  });

  it("reports an unknown attribute, at the top and inside a block", () => {
    expect(check((s) => (s.resource.kong_service.orders.hostname = "x"))).toEqual([
      {
        address: "kong_service.orders",
        message:
          "hostname is not an attribute or block of kong_service; expected one of ca_certificate_ids, client_certificate_id, connect_timeout, host, id, name, path, port, protocol, read_timeout, retries, tags, tls_verify, tls_verify_depth, write_timeout.",
      },
    ]);
    expect(
      check((s) => (s.resource.kong_upstream.orders.healthchecks.active.healthy.intervall = 5)),
    ).toEqual([
      {
        address: "kong_upstream.orders",
        message:
          "healthchecks.active.healthy.intervall is not an attribute or block of block healthchecks.active.healthy; expected one of http_statuses, interval, successes.",
      },
    ]);
  });

  it("reports a missing required attribute", () => {
    expect(check((s) => delete s.resource.kong_route[NAME].protocols)).toEqual([
      { address: ROUTE, message: "required attribute protocols is missing." },
    ]);
    expect(check((s) => (s.resource.kong_route[NAME].header = [{ values: ["2"] }]))).toEqual([
      { address: ROUTE, message: "required attribute header[0].name is missing." },
    ]);
  });

  it("reports a computed-only attribute set by the config", () => {
    expect(check((s) => (s.resource.kong_plugin.orders_jwt.computed_config = "{}"))).toEqual([
      {
        address: "kong_plugin.orders_jwt",
        message: "attribute computed_config is computed by the provider and cannot be set.",
      },
    ]);
  });

  it("reports values of the wrong type", () => {
    expect(check((s) => (s.resource.kong_service.orders.port = "8080"))).toEqual([
      {
        address: "kong_service.orders",
        message: 'attribute port is "8080"; expected a value of type number.',
      },
    ]);
    expect(check((s) => (s.resource.kong_route[NAME].strip_path = "false"))).toEqual([
      {
        address: ROUTE,
        message: 'attribute strip_path is "false"; expected a value of type bool.',
      },
    ]);
    expect(check((s) => (s.resource.kong_route[NAME].paths = "/orders"))).toEqual([
      {
        address: ROUTE,
        message: 'attribute paths is "/orders"; expected a value of type list(string).',
      },
    ]);
    expect(check((s) => (s.resource.kong_route[NAME].methods = ["POST", 1]))).toEqual([
      { address: ROUTE, message: "attribute methods[1] is 1; expected a value of type string." },
    ]);
    expect(check((s) => (s.resource.kong_service.orders.name = 7))).toEqual([
      {
        address: "kong_service.orders",
        message: "attribute name is 7; expected a value of type string.",
      },
    ]);
    expect(
      check(
        (s) =>
          (s.resource.kong_upstream.orders.healthchecks.active.healthy.http_statuses = ["200"]),
      ),
    ).toEqual([
      {
        address: "kong_upstream.orders",
        message:
          'attribute healthchecks.active.healthy.http_statuses[0] is "200"; expected a value of type number.',
      },
    ]);
  });

  it("accepts an expression for any type", () => {
    expect(check((s) => (s.resource.kong_service.orders.port = "${var.orders_limit}"))).toEqual([]);
    expect(check((s) => (s.resource.kong_route[NAME].paths = "${var.orders_limit}"))).toEqual([]);
  });

  it("checks nested blocks: shape, and max items of a list block", () => {
    expect(check((s) => (s.resource.kong_route[NAME].header = "x-version"))).toEqual([
      { address: ROUTE, message: 'block header is "x-version"; expected an object (a set block).' },
    ]);
    expect(
      check(
        (s) =>
          (s.resource.kong_upstream.orders.healthchecks = [
            { active: { type: "http" } },
            { passive: { type: "http" } },
          ]),
      ),
    ).toEqual([
      {
        address: "kong_upstream.orders",
        message: "block healthchecks allows at most 1 item; found 2.",
      },
    ]);
  });

  it("checks min items of a required block and map/single/object types, given a schema with them", () => {
    const schema = {
      format_version: "1.0",
      provider_schemas: {
        "registry.terraform.io/acme/demo": {
          provider: { block: {} },
          resource_schemas: {
            demo_thing: {
              block: {
                attributes: {
                  labels: { type: ["map", "string"], optional: true },
                  spec: {
                    type: ["object", { size: "number", name: "string" }, ["name"]],
                    optional: true,
                  },
                  pair: { type: ["tuple", ["string", "number"]], optional: true },
                },
                block_types: {
                  rule: {
                    nesting_mode: "list",
                    min_items: 1,
                    block: { attributes: { x: { type: "string", required: true } } },
                  },
                  meta: {
                    nesting_mode: "single",
                    block: { attributes: { y: { type: "bool", optional: true } } },
                  },
                  port: {
                    nesting_mode: "map",
                    block: { attributes: { n: { type: "number", optional: true } } },
                  },
                },
              },
            },
          },
        },
      },
      provider_versions: { "registry.terraform.io/acme/demo": "1.2.3" },
    } as const;
    const stack = (thing: Record<string, unknown>): unknown => ({
      terraform: { required_providers: { demo: { source: "acme/demo", version: "= 1.2.3" } } },
      resource: { demo_thing: { a: thing } },
    });
    expect(
      checkStackConformance(
        stack({ rule: { x: "1" }, labels: { a: "b" }, spec: { size: 1 }, pair: ["a", 1] }),
        schema,
      ),
    ).toEqual([]);
    expect(
      checkStackConformance(
        stack({
          labels: { a: 1 },
          spec: { name: "n", color: "red" },
          pair: ["a"],
          meta: [{ y: true }],
          port: { http: { n: "80" } },
        }),
        schema,
      ),
    ).toEqual([
      {
        address: "demo_thing.a",
        message: "attribute labels.a is 1; expected a value of type string.",
      },
      {
        address: "demo_thing.a",
        message: "attribute spec.color is not part of object({size=number, name=string}).",
      },
      {
        address: "demo_thing.a",
        message: "attribute spec.size is missing; object({size=number, name=string}) requires it.",
      },
      {
        address: "demo_thing.a",
        message: 'attribute pair is ["a"]; expected a value of type tuple([string, number]).',
      },
      {
        address: "demo_thing.a",
        message: 'block meta is [{"y":true}]; expected an object (a single block).',
      },
      {
        address: "demo_thing.a",
        message: 'attribute port.http.n is "80"; expected a value of type number.',
      },
      { address: "demo_thing.a", message: "block rule needs at least 1 item; found 0." },
    ]);
  });

  it("checks the content of dynamic blocks", () => {
    expect(
      check((s) => {
        delete s.resource.kong_route[NAME].header;
        s.resource.kong_route[NAME].dynamic = {
          header: {
            for_each: "${var.orders_limit}",
            content: { name: "${header.key}", value: "x" },
          },
        };
      }),
    ).toEqual([
      {
        address: ROUTE,
        message:
          "dynamic.header.content.value is not an attribute or block of block header; expected one of name, values.",
      },
      { address: ROUTE, message: "required attribute dynamic.header.content.values is missing." },
    ]);
  });

  it("checks that referenced variables, resources and attributes exist", () => {
    expect(check((s) => (s.provider.kong[0].kong_admin_token = "${var.kong_admin_tokn}"))).toEqual([
      {
        address: "provider.kong",
        message:
          "kong_admin_token references var.kong_admin_tokn, which is not declared under variable.",
      },
    ]);
    expect(
      check((s) => (s.resource.kong_route[NAME].service_id = "${kong_service.order.id}")),
    ).toEqual([
      {
        address: ROUTE,
        message: "service_id references kong_service.order, which is not a resource of this stack.",
      },
    ]);
    expect(
      check((s) => (s.resource.kong_route[NAME].service_id = "${kong_service.orders.uuid}")),
    ).toEqual([
      {
        address: ROUTE,
        message:
          "service_id references kong_service.orders.uuid, but kong_service has no attribute uuid.",
      },
    ]);
    expect(check((s) => (s.resource.kong_route[NAME].depends_on = ["kong_service.ordrs"]))).toEqual(
      [
        {
          address: ROUTE,
          message:
            "depends_on[0] references kong_service.ordrs, which is not a resource of this stack.",
        },
      ],
    );
    expect(check((s) => (s.output.orders_service_id.value = "${local.region}"))).toEqual([
      {
        address: "output.orders_service_id",
        message: "value references local.region, which is not declared under locals.",
      },
    ]);
    expect(
      check((s) => (s.resource.kong_service.orders.host = "${lower(data.kong_x.y.host)}")),
    ).toEqual([
      {
        address: "kong_service.orders",
        message: "host references data.kong_x.y, which is not a data source of this stack.",
      },
    ]);
  });

  it("checks references inside config_json too", () => {
    expect(
      check((s) => (s.resource.kong_plugin.orders_limit.config_json = '{"minute": ${var.limit}}')),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message: "config_json references var.limit, which is not declared under variable.",
      },
    ]);
  });

  it("ignores escaped $${ and names that are not addresses", () => {
    expect(check((s) => (s.resource.kong_service.orders.path = "/$${literal}"))).toEqual([]);
    expect(check((s) => (s.locals.names = "${[for k, v in var.orders_limit : upper(k)]}"))).toEqual(
      [],
    );
    expect(check((s) => (s.locals.ws = "${terraform.workspace}-${path.module}"))).toEqual([]);
  });

  it("reports an expression that is never closed", () => {
    expect(check((s) => (s.resource.kong_service.orders.host = "${var.kong_admin_uri"))).toEqual([
      { address: "kong_service.orders", message: "host has a ${ expression that is never closed." },
    ]);
  });

  it("checks the provider block", () => {
    expect(check((s) => (s.provider.kong[0].admin_uri = "http://kong:8001"))).toEqual([
      {
        address: "provider.kong",
        message:
          "admin_uri is not an attribute or block of provider kong; expected one of kong_admin_password, kong_admin_token, kong_admin_uri, kong_admin_username, kong_api_key, kong_workspace, strict_plugins_match, tls_skip_verify.",
      },
    ]);
    expect(check((s) => (s.provider.kong[0].tls_skip_verify = "yes"))).toEqual([
      {
        address: "provider.kong",
        message: 'attribute tls_skip_verify is "yes"; expected a value of type bool.',
      },
    ]);
    expect(check((s) => (s.provider.konga = [{}]))).toEqual([
      { address: "provider.konga", message: "unknown provider konga; expected one of kong." },
    ]);
    expect(
      check((s) => (s.provider.kong = { alias: "blue", kong_admin_uri: "http://blue:8001" })),
    ).toEqual([]);
  });

  it("checks terraform.required_providers", () => {
    expect(check((s) => delete s.terraform.required_providers)).toEqual([
      {
        address: "terraform",
        message:
          'required_providers.kong is missing; expected source "kevholditch/kong" and version "6.5.1".',
      },
    ]);
    expect(
      check((s) => (s.terraform.required_providers.kong.source = "kong/kong-gateway")),
    ).toEqual([
      {
        address: "terraform",
        message:
          'required_providers.kong.source is "kong/kong-gateway"; expected "kevholditch/kong".',
      },
    ]);
    expect(check((s) => (s.terraform.required_providers.kong.version = "~> 6.5"))).toEqual([
      {
        address: "terraform",
        message: 'required_providers.kong.version is "~> 6.5"; expected "6.5.1".',
      },
    ]);
    expect(
      check(
        (s) =>
          (s.terraform.required_providers.kong.source = "registry.terraform.io/kevholditch/kong"),
      ),
    ).toEqual([]);
  });

  it("checks the arguments of variables and outputs, and the top-level sections", () => {
    expect(check((s) => (s.variable.kong_admin_token.secret = true))).toEqual([
      {
        address: "var.kong_admin_token",
        message:
          "secret is not an argument of a variable; expected one of type, default, description, sensitive, nullable, validation, ephemeral.",
      },
    ]);
    expect(check((s) => (s.output.orders_service_id.val = "x"))).toEqual([
      {
        address: "output.orders_service_id",
        message:
          "val is not an argument of an output; expected one of value, description, sensitive, depends_on, precondition, ephemeral.",
      },
    ]);
    expect(check((s) => (s.resources = {}))).toEqual([
      { address: "(stack)", message: "resources is not a top-level section of Terraform JSON." },
    ]);
    expect(checkStackConformance([])).toEqual([
      { address: "(stack)", message: "the stack is []; expected an object." },
    ]);
  });

  it("reports every problem of a stack, each with its address", () => {
    const problems = check((s) => {
      s.resource.kong_service.orders.port = "80";
      delete s.resource.kong_route[NAME].protocols;
    });
    expect(problems.map((p) => p.address)).toEqual(["kong_service.orders", ROUTE]);
  });
});
