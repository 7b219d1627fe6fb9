import { Testing } from "cdktf";
import { Credential, Identity, Secret, type Gateway } from "../../src/constructs";
import { validationErrorOf } from "../support/user-error";
import { gatewayFixture } from "../support/template";

interface Config {
  resource?: Record<string, Record<string, unknown>>;
  moved?: Array<{ from: string; to: string }>;
}

/** A gateway declared by `declare`, synthesized: its resource addresses and moved blocks. */
function synth(declare: (gateway: Gateway) => void): {
  addresses: string[];
  moved: Array<{ from: string; to: string }>;
} {
  const { stack, gateway } = gatewayFixture();
  declare(gateway);
  const config = JSON.parse(Testing.synth(stack)) as Config;
  const addresses = Object.entries(config.resource ?? {}).flatMap(([type, byId]) =>
    Object.keys(byId).map((id) => `${type}.${id}`),
  );
  return { addresses: addresses.sort(), moved: config.moved ?? [] };
}

function orders(gateway: Gateway, names: { service?: string; route?: string } = {}, renamed = {}) {
  const service = gateway.addService(names.service ?? "orders", {
    url: "http://orders.internal:8080",
    identity: Identity.jwt(),
    rateLimit: { perMinute: 600 },
    ...renamed,
  });
  return service;
}

/** Every address of `before` moved to the address at the same place in `after`, and nothing else. */
function expectMovedInPlace(
  before: string[],
  after: { addresses: string[]; moved: Array<{ from: string; to: string }> },
  unchanged: (address: string) => boolean,
) {
  const renamed = before.filter((a) => !unchanged(a));
  expect(renamed.length).toBeGreaterThan(0);
  expect(after.moved.map((m) => m.from).sort()).toEqual(renamed);
  for (const m of after.moved) {
    expect(after.addresses).toContain(m.to);
    expect(m.to.split(".")[0]).toBe(m.from.split(".")[0]);
  }
}

describe("renamedFrom: a renamed route, service or consumer kept in place", () => {
  it("moves a renamed route and its plugins from their former addresses", () => {
    const route = (name: string, renamedFrom?: string) => (gateway: Gateway) =>
      orders(gateway).addRoute(name, {
        methods: ["POST"],
        paths: ["/orders"],
        roles: [],
        rateLimit: { perMinute: 60 },
        renamedFrom,
      });
    const before = synth(route("create-order"));
    const after = synth(route("place-order", "create-order"));
    expectMovedInPlace(before.addresses, after, (a) => after.addresses.includes(a));
    expect(after.moved.map((m) => m.to).every((to) => to.includes("place-order"))).toBe(true);
    // Without renamedFrom the same rename moves nothing: Terraform would destroy and create.
    expect(synth(route("place-order")).moved).toEqual([]);
  });

  it("moves a renamed service with its routes and plugins", () => {
    const declare = (name: string, renamed: { renamedFrom?: string }) => (gateway: Gateway) =>
      orders(gateway, { service: name }, renamed).addRoute("create-order", {
        methods: ["POST"],
        paths: ["/orders"],
      });
    const before = synth(declare("orders", {}));
    const after = synth(declare("ordering", { renamedFrom: "orders" }));
    expectMovedInPlace(before.addresses, after, (a) => after.addresses.includes(a));
    expect(after.moved.some((m) => m.from.startsWith("kong_route."))).toBe(true);
  });

  it("moves a renamed consumer with its credentials", () => {
    const declare = (name: string, renamedFrom?: string) => (gateway: Gateway) =>
      gateway.addConsumer(name, {
        credentials: [Credential.keyAuth({ key: Secret.fromVariable("shop_key") })],
        renamedFrom,
      });
    const before = synth(declare("shop"));
    const after = synth(declare("storefront", "shop"));
    expectMovedInPlace(before.addresses, after, () => false);
  });

  it("moves a renamed shared upstream with its targets", () => {
    const declare = (name: string, renamedFrom?: string) => (gateway: Gateway) =>
      gateway.addUpstream(name, {
        targets: [{ target: "orders-1.internal:8080" }, { target: "orders-2.internal:8080" }],
        renamedFrom,
      });
    const before = synth(declare("orders.upstream"));
    const after = synth(declare("ordering.upstream", "orders.upstream"));
    expectMovedInPlace(before.addresses, after, () => false);
    expect(after.moved.some((m) => m.from.startsWith("kong_target."))).toBe(true);
  });

  it("moves a route whose service is renamed too from the path with both former names", () => {
    const declare = (service: string, route: string, renamed: boolean) => (gateway: Gateway) =>
      orders(gateway, { service }, renamed ? { renamedFrom: "orders" } : {}).addRoute(route, {
        paths: ["/orders"],
        renamedFrom: renamed ? "create-order" : undefined,
      });
    const before = synth(declare("orders", "create-order", false));
    const after = synth(declare("ordering", "place-order", true));
    expectMovedInPlace(before.addresses, after, () => false);
  });

  it("refuses a renamedFrom that is not a former name, or that still exists", () => {
    const { gateway } = gatewayFixture();
    const service = orders(gateway);
    expect(
      validationErrorOf(() => service.addRoute("a", { paths: ["/a"], renamedFrom: "a" })),
    ).toMatchObject({
      constructPath: "dev/kong/orders/a",
      message:
        'Route a renamedFrom is its own name "a"; expected the name it had before the rename.',
    });
    expect(
      validationErrorOf(() => service.addRoute("b", { paths: ["/b"], renamedFrom: "x/y" })),
    ).toMatchObject({
      constructPath: "dev/kong/orders/b",
      message:
        'Route b renamedFrom is "x/y"; expected the name it had before (a construct id, without "/").',
    });
    const { stack, gateway: other } = gatewayFixture();
    const kept = orders(other);
    kept.addRoute("create-order", { paths: ["/orders"] });
    kept.addRoute("place-order", { paths: ["/v2/orders"], renamedFrom: "create-order" });
    // A validation of the route: it holds however the app is synthesized.
    expect(() => Testing.synth(stack, true)).toThrow(
      '[dev/kong/orders/place-order] Route place-order is renamedFrom "create-order", which still exists beside it; expected the old one removed (or no renamedFrom, to keep both).',
    );
  });
});
