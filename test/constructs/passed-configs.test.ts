import { gatewayFixture } from "../support/template";
import { userErrorOf } from "../support/user-error";

// KongPlugin remembers the plain configs that passed (src/constructs/passed-configs.ts): a config
// equal to one that passed must still be refused wherever its verdict differs.
describe("a plugin config equal to one that passed", () => {
  const shop = (gateway: ReturnType<typeof gatewayFixture>["gateway"]) =>
    gateway.addService("shop", { url: "http://shop.internal" });

  it("passes again on the same scope", () => {
    const { gateway } = gatewayFixture();
    const service = shop(gateway);
    for (const name of ["a", "b"])
      expect(() =>
        service.addRoute(name, { paths: [`/${name}`] }).addPlugin("rate-limiting", { minute: 10 }),
      ).not.toThrow();
  });

  it("is refused on a scope the plugin does not allow", () => {
    const { gateway } = gatewayFixture();
    shop(gateway)
      .addRoute("a", { paths: ["/a"] })
      .addPlugin("key-auth", {});
    expect(userErrorOf(() => gateway.addConsumer("app").addPlugin("key-auth", {})).message).toMatch(
      /^Plugin key-auth on consumer app: .*consumer/,
    );
  });

  it("is refused on a gateway of another edition", () => {
    const config = { body_schema: "{}" };
    const enterprise = gatewayFixture({}, { edition: "enterprise" });
    shop(enterprise.gateway)
      .addRoute("a", { paths: ["/a"] })
      .addPlugin("request-validator", config);
    const oss = gatewayFixture();
    const route = shop(oss.gateway).addRoute("a", { paths: ["/a"] });
    expect(userErrorOf(() => route.addPlugin("request-validator", config)).message).toMatch(
      /^Plugin request-validator on route a: exists only in Kong Enterprise/,
    );
  });

  it("is never one that was refused: a refused config is refused each time, naming its place", () => {
    const { gateway } = gatewayFixture();
    const service = shop(gateway);
    for (const name of ["a", "b"])
      expect(
        userErrorOf(() =>
          service
            .addRoute(name, { paths: [`/${name}`] })
            .addPlugin("rate-limiting", { minute: -5 }),
        ).message,
      ).toMatch(new RegExp(`^Plugin rate-limiting on route ${name}: config\\.minute`));
  });

  describe("holding a long text (a Lua chunk), remembered by its text, not pasted into the key", () => {
    // Longer than the texts written into a key as they are (512 characters).
    const padding = `-- ${"avro-kong ".repeat(80)}\n`;
    const safe = `${padding}kong.service.request.set_header("X-Trace", "1")`;
    // Split at run time so that no credential scanner of this repository sees one here.
    const jwt = ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "c2lnbmF0dXJl"].join(".");
    const leaky = `${padding}kong.service.request.set_header("Authorization", "Bearer ${jwt}")`;

    it("passes again for an equal text, even as another string", () => {
      const { gateway } = gatewayFixture();
      const service = shop(gateway);
      service.addRoute("a", { paths: ["/a"] }).addPlugin("pre-function", { access: [safe] });
      const copy = [...safe].join("");
      expect(() =>
        service.addRoute("b", { paths: ["/b"] }).addPlugin("pre-function", { access: [copy] }),
      ).not.toThrow();
    });

    it("is checked again when the text differs after the same beginning", () => {
      const { gateway } = gatewayFixture();
      const service = shop(gateway);
      service.addRoute("a", { paths: ["/a"] }).addPlugin("pre-function", { access: [safe] });
      for (const name of ["b", "c"])
        expect(
          userErrorOf(() =>
            service
              .addRoute(name, { paths: [`/${name}`] })
              .addPlugin("pre-function", { access: [leaky] }),
          ).message,
        ).toMatch(
          new RegExp(
            `^Plugin pre-function on route ${name}: config\\.access\\[0\\] line 2, .*a JWT`,
          ),
        );
    });
  });
});
