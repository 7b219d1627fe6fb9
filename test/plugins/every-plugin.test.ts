import { checkPluginConfig, pluginNames } from "../../src/plugins";
import { pluginExamples } from "./plugin-examples";

const messages = (example: (typeof pluginExamples)[number], config: unknown): string[] =>
  checkPluginConfig(example.name, config, example.scope).map((p) => p.message);

describe("every plugin of the catalogue", () => {
  it("has an example: a config Kong accepts and one it refuses", () => {
    expect(pluginExamples.map((e) => e.name).sort()).toEqual([...pluginNames].sort());
  });

  describe.each(pluginExamples.map((e) => [e.name, e] as const))("%s", (_name, example) => {
    it("accepts a valid config", () => {
      expect(messages(example, example.valid)).toEqual([]);
    });

    it(`refuses an invalid config (${example.rule}) with one sentence`, () => {
      expect(messages(example, example.invalid)).toEqual([example.message]);
    });
  });
});
