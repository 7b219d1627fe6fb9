import { Testing } from "cdktf";
import { type RouteOptions } from "../../src/constructs";
import { ValidationError } from "../../src/common";
import { route } from "../../src/provider";
import { gatewayFixture, Template } from "../support/template";

function ordersService(environment: { name?: string } = {}) {
  const fixture = gatewayFixture(environment);
  return {
    ...fixture,
    orders: fixture.gateway.addService("orders", { url: "http://orders.internal:8080" }),
  };
}

describe("Route", () => {
  it("routes methods and paths to its service, with ownership tags", () => {
    const { stack, orders } = ordersService();
    orders.addRoute("create-order", { methods: ["POST"], paths: ["/orders"], stripPath: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(route.Route, {
      name: "create-order",
      methods: ["POST"],
      paths: ["/orders"],
      protocols: ["http", "https"],
      strip_path: false,
      preserve_host: false,
      tags: ["managed-by:avro-kong", "environment:dev", "service:orders", "route:create-order"],
    });
    const service = Template.synth(stack).resources("kong_service");
    const [serviceId] = Object.keys(service);
    expect(Template.synth(stack).resourceNamed("kong_route", "create-order").service_id).toBe(
      `\${kong_service.${serviceId}.id}`,
    );
  });

  it("is HTTPS-only by default in production", () => {
    const { stack, orders } = ordersService({ name: "prod" });
    orders.addRoute("create-order", { methods: ["POST"], paths: ["/orders"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(route.Route, {
      name: "create-order",
      protocols: ["https"],
    });
  });

  it("accepts hosts without paths", () => {
    const { stack, orders } = ordersService();
    orders.addRoute("orders-host", { hosts: ["orders.example.com", "*.orders.example.com"] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(route.Route, {
      name: "orders-host",
      hosts: ["orders.example.com", "*.orders.example.com"],
    });
  });

  it("is listed by its service and its gateway", () => {
    const { gateway, orders } = ordersService();
    orders.addRoute("a", { paths: ["/a"] });
    orders.addRoute("b", { paths: ["/b"] });
    expect(orders.routes.map((r) => r.name)).toEqual(["a", "b"]);
    expect(gateway.routes.map((r) => r.name)).toEqual(["a", "b"]);
  });

  describe("rejects impossible values with one sentence", () => {
    const cases: Array<[string, RouteOptions, string]> = [
      [
        "no paths and no hosts",
        { methods: ["GET"] },
        'Route r has no paths and no hosts; expected at least one path (e.g. "/orders") or host.',
      ],
      [
        "a path without a leading slash",
        { paths: ["orders"] },
        'Route r path "orders" is invalid; expected a prefix starting with "/" or a regex starting with "~/".',
      ],
      [
        "no protocols",
        { paths: ["/o"], protocols: [] },
        'Route r has no protocols; expected at least one, e.g. "https".',
      ],
      [
        "a bad host",
        { hosts: ["orders_.example..com"] },
        'Route r host "orders_.example..com" is not a host name; expected e.g. api.example.com or *.example.com.',
      ],
      [
        "a repeated path",
        { paths: ["/o", "/o"] },
        'Route r paths lists "/o" twice; expected each once.',
      ],
      [
        "an unsupported redirect code",
        { paths: ["/o"], httpsRedirectStatusCode: 303 },
        "Route r httpsRedirectStatusCode 303 is not supported; expected one of: 301, 302, 307, 308, 426.",
      ],
    ];
    it.each(cases)("%s", (_what, options, message) => {
      const { orders } = ordersService();
      expect(() => orders.addRoute("r", options)).toThrow(message);
    });
  });

  it("rejects two routes with the same name, even on different services", () => {
    const { gateway, orders } = ordersService();
    const payments = gateway.addService("payments", { url: "http://payments.internal" });
    orders.addRoute("create", { paths: ["/orders"] });
    expect(() => payments.addRoute("create", { paths: ["/payments"] })).toThrow(
      'Route name "create" is used twice (services orders and payments); expected unique route names.',
    );
  });

  describe("a refused route: the error names the route's construct path and the bad value", () => {
    it.each<[string, RouteOptions, string]>([
      ["a bad path", { paths: ["orders"] }, 'path "orders" is invalid'],
      ["a bad host", { hosts: ["not a host"] }, 'host "not a host" is not a host name'],
      ["no protocols", { paths: ["/orders"], protocols: [] }, "has no protocols"],
      [
        "a redirect code Kong does not send",
        { paths: ["/orders"], httpsRedirectStatusCode: 303 as 301 },
        "httpsRedirectStatusCode 303 is not supported",
      ],
      [
        "roles without an identity, found after the route's resource was added",
        { paths: ["/orders"], roles: ["orders-writer"] },
        "allows roles orders-writer but has no identity",
      ],
    ])("after %s", (_what, refused, sentence) => {
      const { orders } = ordersService();
      let thrown: unknown;
      try {
        orders.addRoute("create-order", refused);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect(thrown).toMatchObject({
        constructPath: "dev/kong/orders/create-order",
        message: expect.stringContaining(`Route create-order ${sentence}`),
      });
    });

    it("a second route of one name in one service is refused naming the gateway, not the tree", () => {
      const { orders } = ordersService();
      orders.addRoute("create-order", { paths: ["/orders"] });
      expect(() => orders.addRoute("create-order", { paths: ["/carts"] })).toThrow(
        new ValidationError(
          'Route name "create-order" is used twice (services orders and orders); expected unique route names.',
          orders.gateway,
        ),
      );
    });
  });

  it("rejects a route name Kong cannot store", () => {
    const { orders } = ordersService();
    expect(() => orders.addRoute("create order", { paths: ["/o"] })).toThrow(
      'Route name "create order" is not a valid Kong name; expected letters, digits, ".", "_", "~" or "-", starting with a letter or digit.',
    );
  });

  it("rejects a regex path Kong would refuse, naming the route, the path and the place", () => {
    const { orders } = ordersService();
    expect(() => orders.addRoute("mx", { paths: ["~/mx/[unclosed"] })).toThrow(
      'Route mx path "~/mx/[unclosed" is not a regex Kong accepts: at offset 4 of the regex, the character class "[" is never closed (missing terminating ]).',
    );
    expect(() => orders.addRoute("mx2", { paths: ["~/mx/(?<=a)b"] })).toThrow(
      "Route mx2 path \"~/mx/(?<=a)b\" is not a regex Kong accepts: at offset 4 of the regex, the lookbehind (?<= is a PCRE feature; Kong's default router (traditional_compatible) matches with Rust's regex engine, which refuses it.",
    );
    expect(() => orders.addRoute("mx3", { paths: ["~/mx/(?P<id>\\d+)$"] })).not.toThrow();
  });

  describe("two routes Kong could not tell apart", () => {
    const base: RouteOptions = { methods: ["POST"], paths: ["/orders"], protocols: ["https"] };

    it.each<[string, RouteOptions, string]>([
      ["the same methods and paths", base, "POST on /orders for any host over https"],
      [
        "overlapping methods and a shared path",
        { methods: ["POST", "PUT"], paths: ["/carts", "/orders"], protocols: ["http", "https"] },
        "POST on /orders for any host over https",
      ],
      [
        "the same regex path",
        { ...base, paths: ["~/orders/\\d+$"] },
        "POST on ~/orders/\\d+$ for any host over https",
      ],
    ])("are refused with both names: %s", (_what, second, overlap) => {
      const { gateway, orders } = ordersService();
      const checkout = gateway.addService("checkout", { url: "http://checkout.internal" });
      orders.addRoute("create-order", {
        ...base,
        paths: second.paths?.filter((p) => p !== "/carts"),
      });
      expect(() => checkout.addRoute("place-order", second)).toThrow(
        `Routes create-order (service orders) and place-order (service checkout) both match ${overlap}; Kong could not tell them apart; expected a different path, host or method.`,
      );
    });

    it("are refused on hosts alone, compared as Kong does without case", () => {
      const { orders } = ordersService();
      orders.addRoute("a", { hosts: ["api.example.com"] });
      expect(() => orders.addRoute("b", { hosts: ["API.example.com"] })).toThrow(
        "Routes a (service orders) and b (service orders) both match any method on any path for api.example.com over http, https; Kong could not tell them apart; expected a different path, host or method.",
      );
    });

    it.each<[string, RouteOptions]>([
      ["another method", { ...base, methods: ["GET"] }],
      ["another protocol", { ...base, protocols: ["http"] }],
      ["a host where the other has none", { ...base, hosts: ["api.example.com"] }],
      ["methods where the other has none", { paths: ["/orders"], protocols: ["https"] }],
      ["another path", { ...base, paths: ["/orders/"] }],
    ])("are told apart by %s", (_what, second) => {
      const { gateway, orders } = ordersService();
      orders.addRoute("create-order", base);
      const checkout = gateway.addService("checkout", { url: "http://checkout.internal" });
      expect(() => checkout.addRoute("place-order", second)).not.toThrow();
    });
  });
});
