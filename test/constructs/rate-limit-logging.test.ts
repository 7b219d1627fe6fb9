import { Logging, Secret } from "../../src/constructs";
import { gatewayFixture, pluginConfigs, Template } from "../support/template";

function fixture() {
  const f = gatewayFixture();
  return { ...f, orders: f.gateway.addService("orders", { url: "http://orders.internal" }) };
}

describe("rate limits", () => {
  it("limit a route per window, by consumer on a local policy by default", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", { paths: ["/a"], rateLimit: { perSecond: 10, perMinute: 600 } });
    expect(pluginConfigs(Template.synth(stack), "rate-limiting")).toEqual([
      { second: 10, minute: 600, limit_by: "consumer", policy: "local", fault_tolerant: true },
    ]);
  });

  it("apply to every route when set on the service", () => {
    const { stack, gateway } = fixture();
    const payments = gateway.addService("payments", {
      url: "http://p",
      rateLimit: { perMinute: 100, limitBy: "ip" },
    });
    const route = payments.addRoute("pay", { paths: ["/pay"] });
    expect(route.rateLimit).toEqual({ perMinute: 100, limitBy: "ip" });
    expect(Template.synth(stack).findResources("kong_plugin", { name: "rate-limiting" })).toEqual([
      expect.objectContaining({ service_id: expect.stringMatching(/^\$\{kong_service\./) }),
    ]);
  });

  it.each([
    [
      {},
      "Rate limit on route a sets no window; expected at least one of perSecond, perMinute, perHour, perDay.",
    ],
    [{ perMinute: -5 }, "Rate limit on route a per minute is -5; expected a whole number above 0."],
    [
      { perMinute: 1.5 },
      "Rate limit on route a per minute is 1.5; expected a whole number above 0.",
    ],
  ])("reject %j", (rateLimit, message) => {
    const { orders } = fixture();
    expect(() => orders.addRoute("a", { paths: ["/a"], rateLimit })).toThrow(message);
  });
});

describe("logging", () => {
  it("sends records to an http collector", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", {
      paths: ["/a"],
      logging: Logging.http({ endpoint: "https://logs.internal/kong" }),
    });
    expect(pluginConfigs(Template.synth(stack), "http-log")).toEqual([
      {
        http_endpoint: "https://logs.internal/kong",
        method: "POST",
        content_type: "application/json",
      },
    ]);
  });

  it("takes a collector URL with credentials from a secret", () => {
    const { stack, orders } = fixture();
    orders.addRoute("a", {
      paths: ["/a"],
      logging: Logging.http({ endpoint: Secret.fromVariable("log_endpoint") }),
    });
    expect(pluginConfigs(Template.synth(stack), "http-log")[0]).toMatchObject({
      http_endpoint: "${var.log_endpoint}",
    });
  });

  it("writes to a file, stdout by default, for every route of a service", () => {
    const { stack, gateway } = fixture();
    gateway.addService("payments", { url: "http://p", logging: Logging.file() });
    expect(pluginConfigs(Template.synth(stack), "file-log")).toEqual([
      { path: "/dev/stdout", reopen: false },
    ]);
  });

  it("rejects a collector URL with credentials in it, naming the route and never the credential", () => {
    const cases: Array<[string, string]> = [
      ["https://user:pw@logs.internal", "user info in the URL"],
      ["https://logs.internal/i?tenant=a&access_token=pw", 'the query parameter "access_token"'],
      ["https://logs.internal/i?X-Api-Key=pw", 'the query parameter "X-Api-Key"'],
    ];
    for (const [endpoint, reason] of cases) {
      const { orders } = fixture();
      const attach = () =>
        orders.addRoute("a", { paths: ["/a"], logging: Logging.http({ endpoint }) });
      expect(attach).toThrow(
        `Plugin http-log on route a: config.http_endpoint carries credentials (${reason}); expected a Secret (Secret.fromVariable or Secret.fromVault) holding the whole URL, never a literal credential.`,
      );
      expect(attach).not.toThrow(/pw/);
    }
  });

  it("rejects an endpoint that is neither a URL nor a Secret", () => {
    expect(() => Logging.http({ endpoint: "logs.internal" })).toThrow(
      "Logging.http endpoint is not an http(s) URL; expected an http(s) URL, or a Secret for one with credentials.",
    );
    expect(() => Logging.http({ endpoint: 42 as unknown as string })).toThrow(
      "Logging.http endpoint is a number; expected an http(s) URL, or a Secret for one with credentials.",
    );
  });

  it("rejects a file path Kong would refuse, with Kong's own rule", () => {
    const { orders } = fixture();
    expect(() =>
      orders.addRoute("a", {
        paths: ["/a"],
        logging: Logging.file({ path: "/var/log/kong-*.log" }),
      }),
    ).toThrow(/^Plugin file-log on route a: config\.path/);
  });
});
