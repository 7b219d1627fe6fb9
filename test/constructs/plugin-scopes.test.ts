import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import {
  Environment,
  Gateway,
  Identity,
  KongPlugin,
  KongStack,
  Secret,
} from "../../src/constructs";
import { checkPluginConfigsInStack } from "../../src/conformance";
import {
  annotations,
  gatewayFixture,
  pluginConfigs,
  synthJudged,
  Template,
} from "../support/template";
import { userErrorOf } from "../support/user-error";

const acme = {
  account_email: Secret.fromVariable("acme_email"),
  tos_accepted: true,
  domains: ["shop.example"],
};

describe("the gateway's edition", () => {
  const oidc = () =>
    Identity.openIdConnect({
      issuer: "https://shop.okta.com/oauth2/default/.well-known/openid-configuration",
      clientId: Secret.fromVariable("oidc_client_id"),
      clientSecret: Secret.fromVariable("oidc_client_secret"),
    });

  it('is "oss" by default: an Enterprise identity is refused with one sentence naming the edition', () => {
    const { gateway } = gatewayFixture();
    expect(gateway.edition).toBe("oss");
    const service = gateway.addService("shop", { url: "http://shop.internal" });
    expect(
      userErrorOf(() => service.addRoute("a", { paths: ["/a"], identity: oidc() })).message,
    ).toBe(
      'Plugin openid-connect on route a: exists only in Kong Enterprise, and the gateway\'s edition is "oss"; expected a gateway of edition "enterprise".',
    );
  });

  it("refuses the request-validator engine and plugin on an OSS gateway", () => {
    const { gateway } = gatewayFixture();
    const route = gateway
      .addService("shop", { url: "http://shop.internal" })
      .addRoute("a", { paths: ["/a"] });
    expect(
      userErrorOf(() => route.addPlugin("request-validator", { body_schema: "{}" })).message,
    ).toMatch(
      /^Plugin request-validator on route a: exists only in Kong Enterprise, and the gateway's edition is "oss"/,
    );
  });

  it("takes Enterprise plugins on an enterprise gateway", () => {
    const { stack, gateway } = gatewayFixture({}, { edition: "enterprise" });
    gateway
      .addService("shop", { url: "http://shop.internal" })
      .addRoute("a", { paths: ["/a"], identity: oidc() });
    expect(pluginConfigs(Template.synth(stack), "openid-connect")).toHaveLength(1);
  });
});

describe("plugins on every scope Kong allows", () => {
  it("gateway.addPlugin adds a global plugin (acme is global only) and returns it", () => {
    const { stack, gateway } = gatewayFixture();
    const plugin = gateway.addPlugin("acme", acme);
    expect(plugin).toBeInstanceOf(KongPlugin);
    const [resource] = Template.synth(stack).findResources("kong_plugin", { name: "acme" });
    expect(resource).toMatchObject({ name: "acme" });
    expect([resource.route_id, resource.service_id, resource.consumer_id]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("refuses a global-only plugin on a route, and a second global plugin of a name", () => {
    const { gateway } = gatewayFixture();
    const route = gateway
      .addService("shop", { url: "http://shop.internal" })
      .addRoute("a", { paths: ["/a"] });
    expect(userErrorOf(() => route.addPlugin("acme", acme)).message).toMatch(
      /^Plugin acme on route a: .*route/,
    );
    expect(
      userErrorOf(() =>
        gateway.addService("b", { url: "http://b.internal" }).addPlugin("acme", acme),
      ).message,
    ).toMatch(/^Plugin acme on service b: .*service/);
    gateway.addPlugin("acme", acme);
    expect(userErrorOf(() => gateway.addPlugin("acme", acme)).message).toMatch(
      /^Gateway already has a acme plugin/,
    );
  });

  it("checks a global plugin's config as any other: an invalid acme is refused with its sentence", () => {
    const { gateway } = gatewayFixture();
    const refusal = userErrorOf(() =>
      gateway.addPlugin("acme", {
        account_email: acme.account_email,
        api_uri: "https://acme-v02.api.letsencrypt.org",
      }),
    );
    expect(refusal).toMatchObject({ constructPath: "dev/kong/plugin-acme" });
    expect(refusal.message).toMatch(
      /^Plugin acme on .*: config\.tos_accepted is false; expected true because config\.api_uri is "https:\/\/acme-v02\.api\.letsencrypt\.org"/,
    );
  });

  it("keeps global plugins in the environment's shared stack, like consumers", () => {
    const app = Testing.app();
    const environment = new Environment({ name: "dev" });
    new KongStack(app, "dev", { environment });
    const team = new KongStack(app, "dev-orders", { environment, team: "orders" });
    const gateway = new Gateway(team, "kong", { environment });
    expect(userErrorOf(() => gateway.addPlugin("acme", acme)).message).toBe(
      "Global plugin acme is declared in stack dev-orders; expected it in the shared stack dev, as global plugins belong to the whole environment.",
    );
  });

  it("consumer.addPlugin scopes a plugin to the consumer, checked against the plugin's scopes", () => {
    const { stack, gateway } = gatewayFixture();
    const consumer = gateway.addConsumer("mobile-app");
    expect(consumer.addPlugin("request-size-limiting", { allowed_payload_size: 2 })).toBeInstanceOf(
      KongPlugin,
    );
    const [resource] = Template.synth(stack).findResources("kong_plugin", {
      name: "request-size-limiting",
    });
    expect(String(resource.consumer_id)).toMatch(/^\$\{kong_consumer\..*\.id\}$/);
    expect(userErrorOf(() => consumer.addPlugin("key-auth", {})).message).toMatch(
      /^Plugin key-auth on consumer mobile-app: .*consumer/,
    );
  });

  it("judges routes by global plugins (Kong's lowest precedence), never by a consumer's", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addPlugin("key-auth", {});
    gateway.addConsumer("mobile-app").addPlugin("rate-limiting", { minute: 10 });
    gateway.addService("shop", { url: "http://shop.internal" }).addRoute("a", {
      paths: ["/a"],
      methods: ["GET"],
    });
    synthJudged(stack);
    const warnings = annotations(stack, "warn");
    expect(warnings.filter((w) => w.includes('"identity"'))).toEqual([]);
    expect(warnings.filter((w) => w.includes('"rate-limit"'))).toHaveLength(1);
  });
});

/** The stack's cdk.tf.json as written to cdktf.out, "//" comments included (Testing.synth drops them). */
function writtenStack(stack: KongStack): Record<string, unknown> {
  const outdir = Testing.fullSynth(stack);
  return JSON.parse(
    readFileSync(join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"),
  ) as Record<string, unknown>;
}

describe("addUncheckedPlugin", () => {
  it("adds a custom plugin as written, with a warning naming it, which the conformance check accepts", () => {
    const { stack, gateway } = gatewayFixture();
    const route = gateway
      .addService("shop", { url: "http://shop.internal" })
      .addRoute("a", { paths: ["/a"] });
    route.addUncheckedPlugin("shop-geo-fence", {
      countries: ["DE"],
      token: Secret.fromVariable("geo_token"),
    });
    gateway.addUncheckedPlugin("shop-audit", {});
    gateway.addConsumer("mobile-app").addUncheckedPlugin("shop-quota", { per_day: 5 });
    const template = Template.synth(stack);
    expect(pluginConfigs(template, "shop-geo-fence")).toEqual([
      { countries: ["DE"], token: "${var.geo_token}" },
    ]);
    expect(annotations(stack, "warn")).toEqual(
      expect.arrayContaining([
        "Plugin shop-geo-fence on route a is outside Kong's catalogue and unchecked: its config goes to Kong as written.",
        "Plugin shop-audit on the gateway (global) is outside Kong's catalogue and unchecked: its config goes to Kong as written.",
        "Plugin shop-quota on consumer mobile-app is outside Kong's catalogue and unchecked: its config goes to Kong as written.",
      ]),
    );
    expect(checkPluginConfigsInStack(writtenStack(stack))).toEqual([]);
  });

  it("is needed: the conformance check flags an unknown plugin not added through it", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addUncheckedPlugin("shop-audit", {});
    const json = writtenStack(stack) as {
      resource: { kong_plugin: Record<string, Record<string, unknown>> };
    };
    expect(checkPluginConfigsInStack(json)).toEqual([]);
    for (const body of Object.values(json.resource.kong_plugin)) delete body["//"];
    expect(checkPluginConfigsInStack(json).map((p) => p.message)).toEqual([
      expect.stringMatching(/^Plugin shop-audit: unknown plugin/),
    ]);
  });

  it("refuses a plugin of the catalogue: addPlugin checks it", () => {
    const { gateway } = gatewayFixture();
    const service = gateway.addService("shop", { url: "http://shop.internal" });
    expect(userErrorOf(() => service.addUncheckedPlugin("cors", {})).message).toBe(
      'Plugin cors on service shop is in Kong\'s catalogue; expected addPlugin("cors", …), which checks its config.',
    );
  });

  it("refuses a second plugin of a name on the same entity", () => {
    const { gateway } = gatewayFixture();
    const service = gateway.addService("shop", { url: "http://shop.internal" });
    service.addUncheckedPlugin("shop-audit", {});
    expect(userErrorOf(() => service.addUncheckedPlugin("shop-audit", {})).message).toMatch(
      /^Service shop already has a shop-audit plugin/,
    );
  });
});
