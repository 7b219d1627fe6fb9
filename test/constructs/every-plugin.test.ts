import { Secret } from "../../src/common";
import { checkPluginConfigsInStack } from "../../src/conformance";
import type { PluginConfigs, PluginName } from "../../src/plugins";
import { pluginExamples } from "../plugins/plugin-examples";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";
import { userErrorOf } from "../support/user-error";

// The plugins an instance of which may sit on a route; acme is global only.
const onRoutes = pluginExamples.filter((e) => e.scope.route === true);

type AnyConfig = PluginConfigs[PluginName];

describe("every plugin of the catalogue through route.addPlugin", () => {
  it("synthesizes each plugin's valid config as a kong_plugin on its route", () => {
    const { stack, gateway } = gatewayFixture({}, { edition: "enterprise" });
    const service = gateway.addService("shop", { url: "http://shop.internal" });
    for (const example of onRoutes) {
      service
        .addRoute(example.name, { paths: [`/${example.name}`] })
        .addPlugin(example.name, example.valid as AnyConfig);
    }
    const template = Template.synth(stack);
    for (const example of onRoutes) {
      const configs = pluginConfigs(template, example.name);
      expect([example.name, configs.map((c) => Object.keys(c).sort())]).toEqual([
        example.name,
        [Object.keys(example.valid as object).sort()],
      ]);
    }
  });

  it.each(onRoutes.map((e) => [e.name, e] as const))(
    "refuses an invalid %s config with its sentence, naming the route",
    (name, example) => {
      const { gateway } = gatewayFixture({}, { edition: "enterprise" });
      const route = gateway.addService("shop", { url: "http://shop.internal" }).addRoute("r", {
        paths: ["/r"],
      });
      const error = userErrorOf(() => route.addPlugin(name, example.invalid as AnyConfig));
      expect(error.message).toBe(
        example.message.replace(`Plugin ${name}: `, `Plugin ${name} on route r: `),
      );
    },
  );
});

describe("a Secret from a vault in a referenceable plugin field", () => {
  it("synthesizes as the reference, which the stack's conformance check takes as written", () => {
    const { stack, gateway } = gatewayFixture({}, { edition: "enterprise" });
    gateway
      .addService("shop", { url: "http://shop.internal" })
      .addRoute("r", { paths: ["/r"] })
      .addPlugin("datadog", { host: Secret.fromVault("{vault://env/datadog-host}") });
    const template = Template.synth(stack);
    expect(pluginConfigs(template, "datadog")).toEqual([{ host: "{vault://env/datadog-host}" }]);
    expect(checkPluginConfigsInStack(JSON.parse(template.synthesized))).toEqual([]);
  });
});
