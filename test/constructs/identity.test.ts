import { Duration, Identity, Secret } from "../../src/constructs";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";

const roles = { "orders-writer": { idpGroups: ["Okta-Shop-Orders-Writers", "Okta-Shop-Admins"] } };

function fixture() {
  const f = gatewayFixture({}, { roles, edition: "enterprise" }); // for openid-connect
  return { ...f, orders: f.gateway.addService("orders", { url: "http://orders.internal" }) };
}

describe("Identity", () => {
  it("jwt verifies exp and nbf and bounds the token lifetime, 15 minutes by default", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", { paths: ["/a"], identity: Identity.jwt() });
    orders.addRoute("b", {
      paths: ["/b"],
      identity: Identity.jwt({ maxTokenLifetime: Duration.minutes(5), verifyNotBefore: false }),
    });
    const configs = pluginConfigs(Template.synth(stack), "jwt");
    expect(configs).toEqual([
      expect.objectContaining({
        claims_to_verify: ["exp", "nbf"],
        maximum_expiration: 900,
        key_claim_name: "iss",
      }),
      expect.objectContaining({ claims_to_verify: ["exp"], maximum_expiration: 300 }),
    ]);
  });

  it("jwt is attached to the route it protects", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", { paths: ["/a"], identity: Identity.jwt() });
    const template = Template.synth(stack);
    const [routeId] = Object.keys(template.resources("kong_route"));
    expect(template.findResources("kong_plugin", { name: "jwt" })).toEqual([
      expect.objectContaining({ route_id: `\${kong_route.${routeId}.id}`, strict_match: false }),
    ]);
  });

  it("jwt without a bound has maximum_expiration 0 (unlimited)", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", {
      paths: ["/a"],
      identity: Identity.jwt({ maxTokenLifetime: "unlimited" }),
    });
    expect(pluginConfigs(Template.synth(stack), "jwt")[0]).toMatchObject({ maximum_expiration: 0 });
  });

  it("rejects a token lifetime Kong cannot express", () => {
    expect(() => Identity.jwt({ maxTokenLifetime: Duration.days(400) })).toThrow(
      "JWT maxTokenLifetime 400 days is out of range; expected whole seconds from 1 second to 365 days.",
    );
  });

  it("key-auth hides the key from the upstream by default", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", { paths: ["/a"], identity: Identity.keyAuth() });
    expect(pluginConfigs(Template.synth(stack), "key-auth")).toEqual([
      { key_names: ["apikey"], hide_credentials: true, key_in_body: false },
    ]);
  });

  it("openid-connect takes the client credentials from sensitive variables and groups from the token", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", {
      paths: ["/a"],
      identity: Identity.openIdConnect({
        issuer: "https://shop.okta.com/oauth2/default/.well-known/openid-configuration",
        clientId: Secret.fromVariable("oidc_client_id"),
        clientSecret: Secret.fromVault("{vault://env/oidc-client-secret}"),
      }),
    });
    const template = Template.synth(stack);
    expect(pluginConfigs(template, "openid-connect")).toEqual([
      {
        issuer: "https://shop.okta.com/oauth2/default/.well-known/openid-configuration",
        client_id: ["${var.oidc_client_id}"],
        client_secret: ["{vault://env/oidc-client-secret}"],
        auth_methods: ["bearer"],
        authenticated_groups_claim: ["groups"],
      },
    ]);
    expect(template.json.variable).toMatchObject({ oidc_client_id: { sensitive: true } });
  });

  it("refuses an OpenID Connect client secret that is not a Secret, naming the plugin and the route", () => {
    const { orders } = fixture();
    const identity = Identity.openIdConnect({
      issuer: "https://idp.example/.well-known/openid-configuration",
      clientId: Secret.fromVariable("oidc_client_id"),
      clientSecret: "hunter2" as unknown as Secret,
    });
    const add = () => orders.addRoute("a", { paths: ["/a"], identity });
    expect(add).toThrow(
      "Plugin openid-connect on route a: config.client_secret[0] is a literal (a field Kong encrypts); expected a Secret (Secret.fromVariable or Secret.fromVault), never a literal credential.",
    );
    expect(add).not.toThrow(/hunter2/);
  });

  it("rejects an OpenID Connect issuer that is not https", () => {
    expect(() =>
      Identity.openIdConnect({ issuer: "http://idp", clientId: Secret.fromVariable("x") }),
    ).toThrow('OpenID Connect issuer "http://idp" is invalid; expected an https:// URL.');
  });

  it("a service-wide identity protects every route of the service", () => {
    const { stack, gateway } = fixture();
    const payments = gateway.addService("payments", {
      url: "http://p",
      identity: Identity.keyAuth(),
    });
    const route = payments.addRoute("pay", { paths: ["/pay"] });
    expect(route.identity?.plugin).toBe("key-auth");
    const template = Template.synth(stack);
    expect(template.findResources("kong_plugin", { name: "key-auth" })).toEqual([
      expect.objectContaining({ service_id: expect.stringMatching(/^\$\{kong_service\./) }),
    ]);
  });
});

it("refuses a route identity that would run beside a different service identity", () => {
  const { gateway } = fixture();
  const payments = gateway.addService("payments", {
    url: "http://p",
    identity: Identity.keyAuth(),
  });
  expect(() => payments.addRoute("pay", { paths: ["/pay"], identity: Identity.jwt() })).toThrow(
    "Route pay sets identity jwt but service payments uses key-auth, and Kong would demand both; expected the service's identity or none on the service.",
  );
  expect(() =>
    payments.addRoute("pay2", {
      paths: ["/pay2"],
      identity: Identity.keyAuth({ keyNames: ["x-api-key"] }),
    }),
  ).not.toThrow();
});

describe("roles", () => {
  it("allow role names on consumer-based identities", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", { paths: ["/a"], identity: Identity.jwt(), roles: ["orders-writer"] });
    expect(pluginConfigs(Template.synth(stack), "acl")).toEqual([
      {
        allow: ["orders-writer"],
        hide_groups_header: true,
        always_use_authenticated_groups: false,
      },
    ]);
  });

  it("allow the mapped identity-provider groups with OpenID Connect", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", {
      paths: ["/a"],
      identity: Identity.openIdConnect({
        issuer: "https://idp.example.com",
        clientId: Secret.fromVariable("cid"),
      }),
      roles: ["orders-writer"],
    });
    expect(pluginConfigs(Template.synth(stack), "acl")).toEqual([
      {
        allow: ["Okta-Shop-Admins", "Okta-Shop-Orders-Writers"],
        hide_groups_header: true,
        always_use_authenticated_groups: true,
      },
    ]);
  });

  it("reject an unmapped role and roles without identity", () => {
    const { orders } = fixture();
    expect(() =>
      orders.addRoute("a", { paths: ["/a"], identity: Identity.jwt(), roles: ["admin"] }),
    ).toThrow('Route a names role "admin", which is not mapped; expected one of: orders-writer.');
    expect(() => orders.addRoute("b", { paths: ["/b"], roles: ["orders-writer"] })).toThrow(
      "Route b allows roles orders-writer but has no identity; expected an identity on the route or its service.",
    );
  });

  it("reject a role that maps no groups", () => {
    expect(() => gatewayFixture({}, { roles: { empty: { idpGroups: [] } } })).toThrow(
      "Role empty maps no identity-provider groups; expected at least one group name.",
    );
  });
});
