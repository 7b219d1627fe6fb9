import { UnresolvedValue } from "../../src/plugins";
import { checkPluginConfigsInStack, parseConfigTemplate } from "../../src/conformance";
import { synthFixtureStack } from "./cdktf-stack";
import { goodStack } from "./fixtures";

function check(
  edit: (stack: ReturnType<typeof goodStack>) => void,
): ReturnType<typeof checkPluginConfigsInStack> {
  const stack = goodStack();
  edit(stack);
  return checkPluginConfigsInStack(stack);
}

describe("parseConfigTemplate", () => {
  it("parses plain JSON", () => {
    expect(parseConfigTemplate('{"minute":600,"policy":"local"}')).toEqual({
      minute: 600,
      policy: "local",
    });
  });

  it("turns an expression outside a JSON string into an UnresolvedValue", () => {
    expect(parseConfigTemplate('{"minute": ${var.limit}, "hour": ${max(var.a, 10)}}')).toEqual({
      minute: new UnresolvedValue("${var.limit}"),
      hour: new UnresolvedValue("${max(var.a, 10)}"),
    });
  });

  it("keeps an expression inside a JSON string as a string with an interpolation, quotes and all", () => {
    expect(
      parseConfigTemplate('{"http_endpoint":"https://${lookup(var.hosts, "logs")}/in"}'),
    ).toEqual({
      http_endpoint: "https://${…}/in",
    });
  });

  it("keeps escaped $${ and JSON escapes as they are", () => {
    expect(parseConfigTemplate('{"a":"$${x} \\" ${var.y}"}')).toEqual({ a: '$${x} " ${…}' });
  });

  it("throws on text that is not JSON even after substitution", () => {
    expect(() => parseConfigTemplate("{minute: 5}")).toThrow(SyntaxError);
  });
});

describe("checkPluginConfigsInStack", () => {
  it("passes the valid hand-written stack and the cdktf-synthesized one", () => {
    expect(checkPluginConfigsInStack(goodStack())).toEqual([]);
    expect(checkPluginConfigsInStack(synthFixtureStack())).toEqual([]);
  });

  it("reports a bad config with the plugin resource's address", () => {
    expect(
      check((s) => (s.resource.kong_plugin.orders_limit.config_json = '{"minute": -5}')),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message: "Plugin rate-limiting: config.minute is -5; expected a number > 0.",
      },
    ]);
  });

  it("derives the scope from route_id, service_id and consumer_id", () => {
    expect(
      check((s) => {
        s.resource.kong_plugin.orders_jwt.consumer_id = "${kong_consumer.svc.id}";
        delete s.resource.kong_plugin.orders_jwt.route_id;
      }),
    ).toEqual([
      {
        address: "kong_plugin.orders_jwt",
        message:
          "Plugin jwt: cannot be attached to a consumer; expected a route or a service (or none, for a global plugin).",
      },
    ]);
  });

  it("reports an unknown plugin name", () => {
    expect(check((s) => (s.resource.kong_plugin.orders_jwt.name = "jwt-auth"))).toEqual([
      {
        address: "kong_plugin.orders_jwt",
        message: expect.stringMatching(
          /^Plugin jwt-auth: unknown plugin; expected one of acl, .*\.$/,
        ),
      },
    ]);
  });

  it("checks a plugin without config_json as an empty config (Kong fills in defaults)", () => {
    expect(check((s) => delete s.resource.kong_plugin.orders_limit.config_json)).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message:
          "Plugin rate-limiting: config.second, config.minute, config.hour, config.day, config.month and config.year are all empty; expected at least one of them to be set.",
      },
    ]);
  });

  it("reports config_json that is not JSON", () => {
    expect(check((s) => (s.resource.kong_plugin.orders_limit.config_json = "{minute: 5}"))).toEqual(
      [
        {
          address: "kong_plugin.orders_limit",
          message: expect.stringMatching(
            /^Plugin rate-limiting: config_json is not valid JSON \(.+\); expected a JSON object\.$/,
          ),
        },
      ],
    );
  });

  it("reports config_json that is one opaque Terraform expression, which cannot be checked at synth", () => {
    expect(
      check((s) => (s.resource.kong_plugin.orders_limit.config_json = "${jsonencode(var.cfg)}")),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message:
          'Plugin rate-limiting: config_json is the Terraform expression "${jsonencode(var.cfg)}"; expected a JSON object, so that the config can be checked at synth.',
      },
    ]);
  });

  it("accepts expressions where Terraform fills in a value, and still checks the types around them", () => {
    expect(
      check(
        (s) =>
          (s.resource.kong_plugin.orders_log.config_json = '{"http_endpoint":"${var.endpoint}"}'),
      ),
    ).toEqual([]);
    expect(
      check(
        (s) =>
          (s.resource.kong_plugin.orders_limit.config_json = '{"minute":"${var.orders_limit}"}'),
      ),
    ).toEqual([
      {
        address: "kong_plugin.orders_limit",
        message: 'Plugin rate-limiting: config.minute is "${…}"; expected a number.',
      },
    ]);
  });

  it("leaves a config_json of the wrong type to the provider-conformance check", () => {
    expect(check((s) => (s.resource.kong_plugin.orders_limit.config_json = { minute: 5 }))).toEqual(
      [],
    );
  });

  it("ignores stacks without plugins", () => {
    expect(checkPluginConfigsInStack({ resource: { kong_service: {} } })).toEqual([]);
    expect(checkPluginConfigsInStack(null)).toEqual([]);
  });
});
