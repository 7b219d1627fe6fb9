import { KongPlugin } from "../../src/constructs";
import type { PluginConfigs } from "../../src/plugins";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";

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

  it("refuses a field Kong does not know", () => {
    const { service } = orders();
    const route = service.addRoute("a", { paths: ["/a"] });
    const config = { minute: 5, burst: 10 } as unknown as PluginConfigs["rate-limiting"];
    expect(() => route.addPlugin("rate-limiting", config)).toThrow(
      /^Plugin rate-limiting on route a: config\.burst /,
    );
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
