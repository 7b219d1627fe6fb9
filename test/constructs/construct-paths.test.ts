import { ValidationError } from "../../src/common";
import { Identity } from "../../src/constructs";
import { gatewayFixture } from "../support/template";

/** The error `declare` throws, or undefined. */
function refusal(declare: () => unknown): unknown {
  try {
    declare();
  } catch (error) {
    return error;
  }
  return undefined;
}

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
  ])("%s", (_what, declare, path, sentence) => {
    const thrown = refusal(() => declare(ordersGateway()));
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({
      constructPath: path,
      message: expect.stringContaining(sentence),
    });
  });
});
