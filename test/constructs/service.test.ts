import { Testing } from "cdktf";
import { Duration } from "../../src/constructs";
import { ValidationError } from "../../src/common";
import { service, target, upstream } from "../../src/provider";
import { gatewayFixture, Template } from "../support/template";

describe("Service", () => {
  it("points Kong at the url's protocol, host, port and path, with ownership tags", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addService("orders", {
      url: "https://orders.internal:8443/api",
      connectTimeout: Duration.seconds(5),
      retries: 2,
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(service.Service, {
      name: "orders",
      protocol: "https",
      host: "orders.internal",
      port: 8443,
      path: "/api",
      connect_timeout: 5000,
      retries: 2,
      tags: ["managed-by:avro-kong", "environment:dev", "service:orders"],
    });
  });

  it("defaults the port from the protocol", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addService("orders", { url: "http://orders.internal" });
    expect(Template.synth(stack).resourceNamed("kong_service", "orders")).toMatchObject({
      port: 80,
    });
  });

  it("load-balances over an upstream's targets and points the service at the upstream", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addService("orders", {
      upstream: {
        targets: [
          { target: "orders-1.internal:8080" },
          { target: "orders-2.internal:8080", weight: 50 },
        ],
      },
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(upstream.Upstream, {
      name: "orders.upstream",
    });
    expect(synthesized).toHaveResourceWithProperties(target.Target, {
      target: "orders-1.internal:8080",
      weight: 100,
    });
    expect(synthesized).toHaveResourceWithProperties(target.Target, {
      target: "orders-2.internal:8080",
      weight: 50,
    });
    expect(synthesized).toHaveResourceWithProperties(service.Service, {
      name: "orders",
      host: "orders.upstream",
      port: 80,
    });
    const targets = Object.values(Template.synth(stack).resources("kong_target"));
    expect(targets.map((t) => t.upstream_id)).toEqual([
      expect.stringMatching(/^\$\{kong_upstream\..+\.id\}$/),
      expect.stringMatching(/^\$\{kong_upstream\..+\.id\}$/),
    ]);
  });

  describe("rejects impossible values with one sentence", () => {
    const cases: Array<
      [string, Parameters<ReturnType<typeof gatewayFixture>["gateway"]["addService"]>[1], string]
    > = [
      [
        "a port out of range",
        { url: "http://orders.internal:70000" },
        "Service orders port 70000 is out of range; expected an integer from 1 to 65535.",
      ],
      [
        "port 0",
        { url: "http://orders.internal:0" },
        "Service orders port 0 is out of range; expected an integer from 1 to 65535.",
      ],
      [
        "a protocol Kong does not know",
        { url: "ftp://orders.internal:21" },
        'Service orders protocol "ftp" is not supported; expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp, ws, wss.',
      ],
      [
        "no port for grpc",
        { url: "grpc://orders.internal" },
        'Service orders url "grpc://orders.internal" has no port; expected an explicit port for grpc.',
      ],
      [
        "credentials in the url",
        { url: "http://user:pw@orders.internal" },
        "Service orders url carries credentials (user info in the URL); expected a URL without credentials.",
      ],
      [
        "a token in the url's query",
        { url: "http://orders.internal/api?access_token=pw" },
        'Service orders url carries credentials (the query parameter "access_token"); expected a URL without credentials.',
      ],
      [
        "a query Kong would drop",
        { url: "http://orders.internal/api?v=2" },
        'Service orders url "http://orders.internal/api?v=2" has a query or fragment; expected protocol, host, port and path only (a Kong service has no query).',
      ],
      [
        "neither url nor upstream",
        {},
        "Service orders needs exactly one of url or upstream; got neither.",
      ],
      [
        "an upstream without targets",
        { upstream: { targets: [] } },
        "Service orders upstream has no targets; expected at least one host:port.",
      ],
      [
        "a target without a port",
        { upstream: { targets: [{ target: "orders-1" }] } },
        'Service orders upstream target "orders-1" is not host:port; expected e.g. orders-1.internal:8080.',
      ],
      [
        "a target weight out of range",
        { upstream: { targets: [{ target: "o:80", weight: 70000 }] } },
        "Service orders upstream target o:80 weight 70000 is out of range; expected an integer from 0 to 65535.",
      ],
      [
        "negative retries",
        { url: "http://o", retries: -1 },
        "Service orders retries -1 is out of range; expected an integer from 0 to 32767.",
      ],
    ];
    it.each(cases)("%s", (_what, options, message) => {
      const { gateway } = gatewayFixture();
      expect(() => gateway.addService("orders", options)).toThrow(message);
    });
  });

  it("names its construct path and the bad value when refused", () => {
    const refusal = (props: object): unknown => {
      const { gateway } = gatewayFixture();
      try {
        gateway.addService("orders", props as { url: string });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    for (const [props, sentence] of [
      [{ url: "not a url" }, 'Service orders url "not a url" is not a URL'],
      [{ url: "http://orders.internal?x=1" }, 'url "http://orders.internal?x=1" has a query'],
      [{}, "needs exactly one of url or upstream; got neither"],
    ] as const) {
      const thrown = refusal(props);
      expect(thrown).toBeInstanceOf(ValidationError);
      expect(thrown).toMatchObject({
        constructPath: "dev/kong/orders",
        message: expect.stringContaining(sentence),
      });
    }
  });

  it("rejects two services with the same name", () => {
    const { gateway } = gatewayFixture();
    gateway.addService("orders", { url: "http://a" });
    expect(() => gateway.addService("orders", { url: "http://b" })).toThrow(
      'Service name "orders" is used twice in the dev gateway; expected unique service names.',
    );
  });
});
