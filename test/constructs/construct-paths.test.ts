import { Testing } from "cdktf";
import { Construct } from "constructs";
import {
  adoptExisting,
  Credential,
  Duration,
  Environment,
  Gateway,
  Identity,
  KongStack,
  Secret,
  Service,
} from "../../src/constructs";
import { SHOP_CERTIFICATE } from "../support/certificate";
import { gatewayFixture } from "../support/template";
import { validationErrorOf } from "../support/user-error";

/**
 * As aws-cdk's: a construct's refusal is a ValidationError carrying the path of the construct it
 * concerns, which the command line prints before the sentence (`path: message`).
 */
describe("the construct path of a refusal", () => {
  const ordersGateway = () => {
    const fixture = gatewayFixture();
    const orders = fixture.gateway.addService("orders", { url: "http://orders.internal:8080" });
    return { ...fixture, orders };
  };

  it.each<[string, (fixture: ReturnType<typeof ordersGateway>) => unknown, string, string]>([
    [
      "a service's url",
      ({ gateway }) => gateway.addService("payments", { url: "http://payments.internal?v=1" }),
      "dev/kong/payments",
      'Service payments url "http://payments.internal?v=1" has a query or fragment',
    ],
    [
      "a service's name used twice",
      ({ gateway }) => gateway.addService("orders", { url: "http://b.internal" }),
      "dev/kong",
      'Service name "orders" is used twice in the dev gateway',
    ],
    [
      "a service's bad name, checked before it joins the tree",
      ({ gateway }) => gateway.addService("my orders", { url: "http://orders.internal" }),
      "dev/kong",
      'Service name "my orders" is not a valid Kong name',
    ],
    [
      "a service's name a consumer has",
      ({ gateway }) => {
        gateway.addConsumer("app");
        gateway.addService("app", { url: "http://app.internal" });
      },
      "dev/kong",
      'Service name "app" is used twice in the dev gateway (a Consumer has it)',
    ],
    [
      "a service's port out of range",
      ({ gateway }) => gateway.addService("carts", { url: "http://carts.internal:70000" }),
      "dev/kong/carts",
      "Service carts port 70000 is out of range",
    ],
    [
      "a service's protocol",
      ({ gateway }) => gateway.addService("carts", { url: "ftp://carts.internal:21" }),
      "dev/kong/carts",
      'Service carts protocol "ftp" is not supported',
    ],
    [
      "a service's retries",
      ({ gateway }) => gateway.addService("carts", { url: "http://carts.internal", retries: -1 }),
      "dev/kong/carts",
      "Service carts retries -1 is out of range",
    ],
    [
      "a service's timeout",
      ({ gateway }) =>
        gateway.addService("carts", {
          url: "http://carts.internal",
          readTimeout: Duration.days(30),
        }),
      "dev/kong/carts",
      "Service carts readTimeout in milliseconds 2592000000 is out of range",
    ],
    [
      "a service's own upstream's target weight",
      ({ gateway }) =>
        gateway.addService("carts", {
          upstream: { targets: [{ target: "carts.internal:80", weight: 70000 }] },
        }),
      "dev/kong/carts/upstream",
      "Service carts upstream target carts.internal:80 weight 70000 is out of range",
    ],
    [
      "a shared upstream's slots",
      ({ gateway }) =>
        gateway.addUpstream("carts.upstream", {
          targets: [{ target: "carts.internal:80" }],
          slots: 5,
        }),
      "dev/kong/upstream-carts.upstream",
      "Upstream carts.upstream slots 5 is out of range",
    ],
    [
      "a shared upstream's target listed twice",
      ({ gateway }) =>
        gateway.addUpstream("carts.upstream", {
          targets: [{ target: "carts.internal:80" }, { target: "carts.internal:80" }],
        }),
      "dev/kong/upstream-carts.upstream",
      'Upstream carts.upstream targets lists "carts.internal:80" twice',
    ],
    [
      "a shared upstream's renamedFrom, checked before it joins the tree",
      ({ gateway }) =>
        gateway.addUpstream("carts.upstream", {
          targets: [{ target: "carts.internal:80" }],
          renamedFrom: "carts.upstream",
        }),
      "dev/kong",
      'Upstream carts.upstream renamedFrom is its own name "carts.upstream"',
    ],
    [
      "a route's bad name, checked before it joins the tree",
      ({ orders }) => orders.addRoute("list all", { paths: ["/orders"] }),
      "dev/kong/orders",
      'Route name "list all" is not a valid Kong name',
    ],
    [
      "a route's path listed twice",
      ({ orders }) => orders.addRoute("list", { paths: ["/orders", "/orders"] }),
      "dev/kong/orders/list",
      'Route list paths lists "/orders" twice',
    ],
    [
      "a route's path",
      ({ orders }) => orders.addRoute("list", { paths: ["orders"] }),
      "dev/kong/orders/list",
      'Route list path "orders" is invalid',
    ],
    [
      "a route Kong could not tell from another",
      ({ orders }) => {
        orders.addRoute("list", { paths: ["/orders"], methods: ["GET"] });
        return orders.addRoute("browse", { paths: ["/orders"], methods: ["GET"] });
      },
      "dev/kong/orders/browse",
      "Routes list (service orders) and browse (service orders) both match GET on /orders",
    ],
    [
      "a route's host",
      ({ orders }) => orders.addRoute("list", { hosts: ["a b"] }),
      "dev/kong/orders/list",
      'Route list host "a b" is not a host name',
    ],
    [
      "a route's identity against its service's",
      ({ gateway }) =>
        gateway
          .addService("carts", { url: "http://carts.internal", identity: Identity.keyAuth() })
          .addRoute("view", { paths: ["/carts"], identity: Identity.jwt() }),
      "dev/kong/carts/view",
      "Route view sets identity jwt but service carts uses key-auth",
    ],
    [
      "a route's roles without an identity",
      ({ orders }) => orders.addRoute("list", { paths: ["/orders"], roles: ["orders-reader"] }),
      "dev/kong/orders/list",
      "Route list allows roles orders-reader but has no identity",
    ],
    [
      "a route's name used in another service",
      ({ gateway, orders }) => {
        orders.addRoute("list", { paths: ["/orders"] });
        gateway.addService("carts", { url: "http://carts.internal" }).addRoute("list", {
          paths: ["/carts"],
        });
      },
      "dev/kong",
      'Route name "list" is used twice (services orders and carts)',
    ],
    [
      "a route's renamedFrom",
      ({ orders }) => orders.addRoute("list", { paths: ["/orders"], renamedFrom: "list" }),
      "dev/kong/orders/list",
      'Route list renamedFrom is its own name "list"',
    ],
    [
      "a route's validation of a subject without contracts",
      ({ orders }) =>
        orders.addRoute("create", {
          paths: ["/orders"],
          methods: ["POST"],
          validate: { request: "shop.Order" },
        }),
      "dev/kong/orders/create",
      "validates shop.Order, but environment dev has no contracts",
    ],
    [
      "a service's rate limit",
      ({ gateway }) => gateway.addService("carts", { url: "http://carts.internal", rateLimit: {} }),
      "dev/kong/carts",
      "Rate limit on service carts sets no window",
    ],
    [
      "a service's own upstream",
      ({ gateway }) => gateway.addService("carts", { upstream: { targets: [] } }),
      "dev/kong/carts/upstream",
      "Service carts upstream has no targets",
    ],
    [
      "a shared upstream's target",
      ({ gateway }) => gateway.addUpstream("carts.upstream", { targets: [{ target: "carts" }] }),
      "dev/kong/upstream-carts.upstream",
      'Upstream carts.upstream target "carts" is not host:port',
    ],
    [
      "an unchecked plugin from Kong's catalogue",
      ({ orders }) => orders.addUncheckedPlugin("cors", {}),
      "dev/kong/orders/cors",
      "Plugin cors on service orders is in Kong's catalogue",
    ],
    [
      "a consumer's credentials",
      ({ gateway }) => gateway.addConsumer("app", { credentials: "key" as unknown as [] }),
      "dev/kong/app",
      "Consumer app credentials is a string",
    ],
    [
      "a consumer's role nobody maps",
      ({ gateway }) => gateway.addConsumer("app", { roles: ["nobody"] }),
      "dev/kong/app",
      'Consumer app names role "nobody", which is not mapped',
    ],
    [
      "a consumer's credential given a literal key",
      ({ gateway }) =>
        gateway.addConsumer("app", {
          credentials: [Credential.keyAuth({ key: "k" as unknown as Secret })],
        }),
      "dev/kong/app",
      "Consumer app key-auth credential 0 key is a literal string",
    ],
    [
      "a consumer's name a service has",
      ({ gateway }) => gateway.addConsumer("orders"),
      "dev/kong",
      'Consumer name "orders" is used twice in the dev gateway',
    ],
    [
      "a consumer's bad username, checked before it joins the tree",
      ({ gateway }) => gateway.addConsumer("app,web"),
      "dev/kong",
      'Consumer name "app,web" is not a valid Kong username',
    ],
    [
      "a consumer's role listed twice",
      ({ gateway }) => gateway.addConsumer("app", { roles: ["reader", "reader"] }),
      "dev/kong/app",
      'Consumer app roles lists "reader" twice',
    ],
    [
      "a certificate's SNI listed twice",
      ({ gateway }) =>
        gateway.addCertificate("shop", {
          certificate: SHOP_CERTIFICATE,
          privateKey: Secret.fromVariable("shop_key"),
          snis: ["shop.example", "shop.example"],
        }),
      "dev/kong/shop",
      'Certificate shop snis lists "shop.example" twice',
    ],
    [
      "a certificate's bad name, checked before it joins the tree",
      ({ gateway }) =>
        gateway.addCertificate("shop cert", {
          certificate: SHOP_CERTIFICATE,
          privateKey: Secret.fromVariable("shop_key"),
        }),
      "dev/kong",
      'Certificate name "shop cert" is not a valid Kong name',
    ],
    [
      "a gateway's role name",
      () => gatewayFixture({}, { roles: { "read all": { idpGroups: ["readers"] } } }),
      "dev/kong",
      'Role name "read all" is not a valid Kong name',
    ],
    [
      "a gateway's role without groups",
      () => gatewayFixture({}, { roles: { reader: { idpGroups: [] } } }),
      "dev/kong",
      "Role reader maps no identity-provider groups",
    ],
    [
      "a certificate's PEM",
      ({ gateway }) =>
        gateway.addCertificate("shop", {
          certificate: "not a certificate",
          privateKey: Secret.fromVariable("shop_key"),
        }),
      "dev/kong/shop",
      "Certificate shop certificate does not parse as a PEM X.509 certificate",
    ],
    [
      "adoptExisting's path of no resource",
      ({ gateway }) => adoptExisting(gateway, { carts: "id" }),
      "dev/kong",
      "adoptExisting: carts is not a Kong resource of this stack",
    ],
    [
      "a stack's name",
      ({ app, stack }) => new KongStack(app, "staging", { environment: stack.environment }),
      "staging",
      'KongStack "staging" of environment dev is misnamed',
    ],
    [
      "a stack's state location another stack has",
      ({ app }) =>
        new KongStack(app, "staging", {
          environment: new Environment({
            name: "staging",
            backend: { type: "local", path: "terraform.dev.tfstate" },
          }),
        }),
      "staging",
      "Stacks dev and staging both keep their Terraform state at local terraform.dev.tfstate",
    ],
    [
      "an upstream name that is no host name",
      ({ gateway }) => gateway.addUpstream("Orders", { targets: [{ target: "a.internal:80" }] }),
      "dev/kong",
      'Upstream name "Orders" is not a host name',
    ],
    [
      "an upstream name used twice",
      ({ gateway }) => {
        gateway.addUpstream("orders.upstream", { targets: [{ target: "a.internal:80" }] });
        gateway.addUpstream("orders.upstream", { targets: [{ target: "b.internal:80" }] });
      },
      "dev/kong",
      'Upstream name "orders.upstream" is used twice in the dev gateway',
    ],
    [
      "an SNI on two certificates",
      ({ gateway }) => {
        const privateKey = Secret.fromVariable("shop_key");
        const certificate = SHOP_CERTIFICATE;
        gateway.addCertificate("a", { certificate, privateKey, snis: ["shop.example"] });
        gateway.addCertificate("b", { certificate, privateKey, snis: ["shop.example"] });
      },
      "dev/kong",
      'Certificate SNI "shop.example" is used twice (certificates a and b)',
    ],
    [
      "a secret named like a plain variable",
      ({ gateway }) =>
        gateway.addConsumer("partner", {
          credentials: [Credential.keyAuth({ key: Secret.fromVariable("kong_admin_uri") })],
        }),
      "dev/kong/kong_admin_uri",
      'Terraform variable "kong_admin_uri" is used both as a secret and as a plain value',
    ],
    [
      "a plugin config Kong would refuse",
      ({ orders }) =>
        orders.addRoute("list", { paths: ["/orders"] }).addPlugin("rate-limiting", { minute: -5 }),
      "dev/kong/orders/list/rate-limiting",
      "Plugin rate-limiting on route list: config.minute",
    ],
    [
      "a plugin Kong does not have, checked before it joins the tree",
      ({ orders }) => orders.addPlugin("corelation-id" as never, {} as never),
      "dev/kong/orders",
      "Plugin corelation-id on service orders: unknown plugin (did you mean correlation-id?)",
    ],
    [
      "a plugin the gateway's edition lacks",
      ({ orders }) => orders.addPlugin("request-validator", { body_schema: "{}" }),
      "dev/kong/orders/request-validator",
      "Plugin request-validator on service orders",
    ],
    [
      "a route's exemption without a reason",
      ({ orders }) => orders.addRoute("health", { paths: ["/health"] }).exempt("identity", " "),
      "dev/kong/orders/health",
      'Route health exemption from "identity" has no reason',
    ],
    [
      "a service's exemption from a rule that is never exempt",
      ({ orders }) => orders.exempt("no-secret-literals" as never, "legacy"),
      "dev/kong/orders",
      'Service orders exemption from "no-secret-literals" is not possible',
    ],
    [
      "a service outside any gateway",
      ({ stack }) =>
        new Service(new Construct(stack, "loose"), "orders", { url: "http://o.internal" }),
      "dev/loose",
      "Scope loose is not inside a Gateway",
    ],
  ])("%s", (_what, declare, path, sentence) => {
    expect(validationErrorOf(() => declare(ordersGateway()))).toMatchObject({
      constructPath: path,
      message: expect.stringContaining(sentence),
    });
  });

  it.each([
    ["a consumer", (gateway: Gateway) => gateway.addConsumer("checkout"), "Consumer checkout"],
    [
      "a global plugin",
      (gateway: Gateway) => gateway.addUncheckedPlugin("acme", {}),
      "Global plugin acme",
    ],
  ])("%s in a team's stack", (_what, declare, subject) => {
    const app = Testing.app();
    const environment = new Environment({ name: "dev" });
    new KongStack(app, "dev", { environment });
    const stack = new KongStack(app, "dev-orders", { environment, team: "orders" });
    const gateway = new Gateway(stack, "kong", { environment });
    expect(validationErrorOf(() => declare(gateway))).toMatchObject({
      constructPath: "dev-orders/kong",
      message: expect.stringContaining(`${subject} is declared in stack dev-orders`),
    });
  });
});
