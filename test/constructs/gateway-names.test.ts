import { Testing } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentStacks } from "../../src/constructs/environment-stacks";
import { GatewayNames } from "../../src/constructs/gateway-names";
import type { RouteMatch } from "../../src/router";
import { validationErrorOf } from "../support/user-error";

/** The names of two gateways of environment dev: one in the shared stack, one in a team's. */
function registry() {
  const app = Testing.app();
  const environment = EnvironmentStacks.of(app, "dev");
  const names = (stack: string, shared: boolean) =>
    new GatewayNames(new Construct(app, stack), { environment, stack, shared });
  return { shared: names("dev", true), team: names("dev-orders", false) };
}

const match = (name: string, service: string, paths: string[]): RouteMatch => ({
  name,
  service,
  paths,
  hosts: [],
  methods: [],
  protocols: ["https"],
});

describe("GatewayNames", () => {
  it.each<[string, (names: GatewayNames) => void, (names: GatewayNames) => void, string]>([
    [
      "a service name",
      (names) => names.claimService("orders"),
      (names) => names.claimService("orders"),
      'Service name "orders" is used twice in the dev gateway; expected unique service names.',
    ],
    [
      "an upstream name",
      (names) => names.claimUpstream("orders.upstream"),
      (names) => names.claimUpstream("orders.upstream"),
      'Upstream name "orders.upstream" is used twice in the dev gateway; expected unique upstream names.',
    ],
    [
      "a route name (naming both services)",
      (names) => names.claimRouteName("list", "orders"),
      (names) => names.claimRouteName("list", "carts"),
      'Route name "list" is used twice (services orders and carts); expected unique route names.',
    ],
    [
      "an SNI (naming both certificates)",
      (names) => names.claimSnis("shop", ["www.example", "shop.example"]),
      (names) => names.claimSnis("store", ["shop.example"]),
      'Certificate SNI "shop.example" is used twice (certificates shop and store); expected each server name on one certificate.',
    ],
  ])(
    "refuses %s claimed twice in one gateway, naming the gateway",
    (_what, first, second, message) => {
      const { shared } = registry();
      first(shared);
      expect(validationErrorOf(() => second(shared))).toMatchObject({
        message,
        constructPath: "dev",
      });
    },
  );

  it("refuses a name another stack of the environment holds, whichever kind", () => {
    const { shared, team } = registry();
    shared.claimService("orders");
    expect(() => team.claimService("orders")).toThrow(
      'Service name "orders" is declared in stacks dev and dev-orders of environment dev; expected it in one stack only (Kong holds one per environment).',
    );
    team.claimRouteName("list", "carts");
    expect(() => shared.claimRouteName("list", "orders")).toThrow(
      'Route name "list" is declared in stacks dev-orders and dev of environment dev',
    );
  });

  it("holds each kind of name apart", () => {
    const { shared } = registry();
    shared.claimService("orders");
    expect(() => {
      shared.claimUpstream("orders");
      shared.claimRouteName("orders", "orders");
      shared.claimSnis("orders", ["orders"]);
      shared.claimConsumer("orders");
    }).not.toThrow();
  });

  it("refuses a route matching like another route of the environment, at the route's path", () => {
    const { shared, team } = registry();
    const route = new Construct(new Construct(Testing.app(), "dev-orders"), "list-items");
    shared.claimRouteMatch(route, match("list-orders", "orders", ["/list"]));
    expect(
      validationErrorOf(() =>
        team.claimRouteMatch(route, match("list-items", "catalog", ["/list"])),
      ),
    ).toMatchObject({
      constructPath: "dev-orders/list-items",
      message: expect.stringContaining(
        "Routes list-orders (service orders) and list-items (service catalog) both match",
      ),
    });
    expect(() =>
      team.claimRouteMatch(route, match("list-items", "catalog", ["/items"])),
    ).not.toThrow();
  });

  it("claims consumers, and keeps them and global plugins in the shared stack", () => {
    const { shared, team } = registry();
    shared.claimConsumer("storefront");
    expect(validationErrorOf(() => team.claimConsumer("checkout"))).toMatchObject({
      constructPath: "dev-orders",
      message:
        "Consumer checkout is declared in stack dev-orders; expected it in the shared stack dev, as consumers belong to the whole environment.",
    });
    expect(() => team.assertSharedStack("Global plugin acme", "global plugins")).toThrow(
      "Global plugin acme is declared in stack dev-orders; expected it in the shared stack dev, as global plugins belong to the whole environment.",
    );
    expect(() => shared.assertSharedStack("Global plugin acme", "global plugins")).not.toThrow();
  });
});
