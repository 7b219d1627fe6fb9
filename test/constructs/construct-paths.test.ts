import { Testing } from "cdktf";
import { Construct } from "constructs";
import {
  adoptExisting,
  Credential,
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
      "a route's path",
      ({ orders }) => orders.addRoute("list", { paths: ["orders"] }),
      "dev/kong/orders/list",
      'Route list path "orders" is invalid',
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
