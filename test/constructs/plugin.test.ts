import type { TerraformVariable } from "cdktf";
import { KongPlugin, Secret } from "../../src/constructs";
import type { PluginConfigs } from "../../src/plugins";
import {
  annotations,
  gatewayFixture,
  pluginConfigs,
  synthJudged,
  Template,
} from "../support/template";
import { userErrorOf } from "../support/user-error";

const KNOWN =
  "acl, acme, ai-prompt-decorator, ai-prompt-guard, ai-prompt-template, ai-proxy, ai-request-transformer, ai-response-transformer, aws-lambda, azure-functions, basic-auth, bot-detection, correlation-id, cors, datadog, file-log, grpc-gateway, grpc-web, hmac-auth, http-log, ip-restriction, jwt, key-auth, ldap-auth, loggly, oauth2, openid-connect, opentelemetry, post-function, pre-function, prometheus, proxy-cache, rate-limiting, redirect, request-size-limiting, request-termination, request-transformer, request-validator, response-ratelimiting, response-transformer, session, standard-webhooks, statsd, syslog, tcp-log, udp-log, zipkin";

function orders() {
  const f = gatewayFixture();
  return { ...f, service: f.gateway.addService("orders", { url: "http://orders.internal" }) };
}

describe("KongPlugin", () => {
  it("adds any Kong plugin to a route, typed and checked, with strict matching off", () => {
    const { stack, service } = orders();
    service
      .addRoute("a", { paths: ["/a"] })
      .addPlugin("correlation-id", { header_name: "X-Request-Id", generator: "uuid#counter" });
    const template = Template.synth(stack);
    expect(
      template.findResources("kong_plugin", { name: "correlation-id", strict_match: false }),
    ).toHaveLength(1);
    expect(pluginConfigs(template, "correlation-id")).toEqual([
      { header_name: "X-Request-Id", generator: "uuid#counter" },
    ]);
  });

  it("writes `${` and `%{` in a plugin's strings so that Terraform reads them literally", () => {
    const { stack, service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    route.addPlugin("request-termination", {
      status_code: 503,
      message: "down: ${var.kong_admin_token} %{if true}x%{endif}",
    });
    const template = Template.synth(stack);
    expect(pluginConfigs(template, "request-termination")).toEqual([
      { status_code: 503, message: "down: $${var.kong_admin_token} %%{if true}x%%{endif}" },
    ]);
  });

  it("refuses a field Kong does not know", () => {
    const { service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    const config = { minute: 5, burst: 10 } as unknown as PluginConfigs["rate-limiting"];
    expect(() => route.addPlugin("rate-limiting", config)).toThrow(
      /^Plugin rate-limiting on route a: config\.burst /,
    );
  });

  it("refuses a plugin Kong does not have, naming where and the nearest known name", () => {
    const { service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    const typo = userErrorOf(() =>
      route.addPlugin("rate-limting" as never, { minute: 5 } as never),
    );
    expect(typo.message).toBe(
      `Plugin rate-limting on route a: unknown plugin (did you mean rate-limiting?); expected one of ${KNOWN}.`,
    );
    const stranger = userErrorOf(() => service.addPlugin("no-such" as never, {} as never));
    expect(stranger.message).toBe(
      `Plugin no-such on service orders: unknown plugin; expected one of ${KNOWN}.`,
    );
    const notAName = userErrorOf(() => route.addPlugin(5 as never, {} as never));
    expect(notAName.message).toBe(`Plugin 5 on route a: unknown plugin; expected one of ${KNOWN}.`);
    // Refused before joining the tree: the name can still be used, and nothing half-built stays.
    expect(route.node.tryFindChild("rate-limting")).toBeUndefined();
    expect(() => route.addPlugin("rate-limiting", { minute: 5 })).not.toThrow();
  });

  it("refuses a value out of Kong's range", () => {
    const { service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    expect(() =>
      route.addPlugin("jwt", { maximum_expiration: 40000000, claims_to_verify: ["exp"] }),
    ).toThrow(/^Plugin jwt on route a: config\.maximum_expiration is 40000000; expected/);
  });

  it("refuses a plugin on a scope Kong forbids", () => {
    const { gateway } = orders();
    const consumer = gateway.addConsumer("partner");
    expect(
      () =>
        new KongPlugin(consumer, "pre", {
          name: "pre-function",
          config: { access: ["return function() end"] },
          consumerId: consumer.resource.id,
          on: "consumer partner",
        }),
    ).toThrow(
      "Plugin pre-function on consumer partner: cannot be attached to a consumer; expected a route or a service (or none, for a global plugin).",
    );
  });
});

describe("KongPlugin credentials", () => {
  const issueConfig = {
    http_endpoint: "https://c.internal/i?token=hunter2",
    headers: { "X-Api-Key": "hunter3" },
  };

  it.each(["prod", "dev"])(
    "refuses a literal credential in %s, at once, naming the route and never the literal",
    (environment) => {
      const { gateway } = gatewayFixture({ name: environment });
      const route = gateway
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("a", { paths: ["/a"] });
      const attach = () => route.addPlugin("http-log", issueConfig);
      expect(attach).toThrow(
        'Plugin http-log on route a: config.http_endpoint carries credentials (the query parameter "token"); expected a Secret (Secret.fromVariable or Secret.fromVault) holding the whole URL, never a literal credential.',
      );
      expect(attach).not.toThrow(/hunter/);
    },
  );

  it("refuses a credential written as an expression in a URL, naming the rule and never the literal", () => {
    for (const http_endpoint of [
      'https://${"user:hunter2"}@logs.example',
      'https://logs.example/in?${"token"}=hunter2',
    ]) {
      // A refused plugin stays in the tree, half-built, as in aws-cdk: a fresh route each time.
      const attach = () =>
        orders()
          .service.addRoute("a", { paths: ["/a"] })
          .addPlugin("http-log", { http_endpoint });
      expect(attach).toThrow(
        /^Plugin http-log on route a: config\.http_endpoint carries credentials \((user info in the URL|the query parameter "token")\); expected a Secret \(Secret\.fromVariable or Secret\.fromVault\) holding the whole URL, never a literal credential\.$/,
      );
      expect(attach).not.toThrow(/hunter2/);
    }
  });

  it("takes Secrets, which synthesize to a sensitive variable and a vault reference", () => {
    const { stack, service } = orders();
    service.addRoute("a", { paths: ["/a"] }).addPlugin("http-log", {
      http_endpoint: Secret.fromVariable("collector_url"),
      headers: { "X-Api-Key": Secret.fromVault("{vault://env/collector-key}"), "X-Env": "dev" },
    });
    const template = Template.synth(stack);
    expect(pluginConfigs(template, "http-log")).toEqual([
      {
        http_endpoint: "${var.collector_url}",
        headers: { "X-Api-Key": "{vault://env/collector-key}", "X-Env": "dev" },
      },
    ]);
    expect(template.json.variable).toMatchObject({
      collector_url: { type: "string", sensitive: true },
    });
    expect(JSON.stringify(template.json)).not.toContain("hunter");
  });
});

describe("the provider's Admin API credential", () => {
  const adminToken = (gateway: { node: { findChild(id: string): unknown } }) =>
    (gateway.node.findChild("kong_admin_token") as TerraformVariable).stringValue;
  const REFUSED =
    "references var.kong_admin_token, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; expected a credential of its own (Secret.fromVariable with another name, or Secret.fromVault).";

  it("is refused as a token in any string of a typed config", () => {
    const { gateway, service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    const token = adminToken(gateway);
    expect(() =>
      route.addPlugin("request-termination", { status_code: 503, message: `down: ${token}` }),
    ).toThrow(`config.message ${REFUSED}`);
    expect(() =>
      route.addPlugin("http-log", {
        http_endpoint: "https://logs.example/in",
        headers: { "X-Trace": token },
      }),
    ).toThrow(`config.headers.X-Trace ${REFUSED}`);
  });

  it("is refused by the guardrail when an escape hatch writes it into a config", () => {
    const { stack, gateway, service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    const plugin = route.addPlugin("request-termination", { status_code: 503, message: "down" });
    plugin.resource.addOverride(
      "config_json",
      JSON.stringify({ status_code: 503, message: `down: ${adminToken(gateway)}` }),
    );
    synthJudged(stack);
    expect(annotations(stack, "error")).toEqual([
      expect.stringMatching(
        /^kong_plugin\.\S+ breaks guardrail "no-secret-literals" in dev: Plugin request-termination: config\.message references the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; /,
      ),
    ]);
  });
});
