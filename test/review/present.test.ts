import { presentResource, toJson } from "../../src/review/present";

describe("a resource as the review presents it", () => {
  it("keeps attributes and config keys named like Object.prototype's members", () => {
    // As JSON.parse reads cdk.tf.json: "__proto__" is an own key there, not the prototype.
    const config = '{"__proto__":{"x":1},"constructor":"c","toString":"t"}';
    const parsed = JSON.parse(
      `{"name":"post-function","config_json":${JSON.stringify(config)},"__proto__":"attribute"}`,
    ) as Record<string, string>;
    const shown = toJson(presentResource("kong_plugin", parsed)) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(["name", "config_json", "__proto__"]);
    expect(shown.__proto__).toBe("attribute");
    expect(JSON.stringify(shown.config_json)).toBe(config);
  });
});
