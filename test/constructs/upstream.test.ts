import { Duration, Upstream } from "../../src/constructs";
import { gatewayFixture, Template } from "../support/template";
import { userErrorOf } from "../support/user-error";

const targets = [{ target: "orders-1.internal:8080" }, { target: "orders-2.internal:8080" }];

describe("upstreams", () => {
  it("write what the provider offers: health checks, slots, hash fallback, cookie, host header", () => {
    const { stack, gateway } = gatewayFixture();
    gateway.addService("orders", {
      upstream: {
        targets,
        hashOn: "header",
        hashOnHeader: "X-Tenant",
        hashFallback: "cookie",
        hashOnCookie: "orders-affinity",
        hashOnCookiePath: "/orders",
        slots: 1024,
        hostHeader: "orders.internal",
        healthChecks: {
          active: {
            type: "https",
            httpPath: "/health",
            timeout: Duration.seconds(2),
            healthy: { interval: Duration.seconds(10), successes: 2 },
            unhealthy: { interval: Duration.seconds(5), httpFailures: 3, httpStatuses: [500, 503] },
          },
          passive: { unhealthy: { httpFailures: 5, timeouts: 2 } },
        },
      },
    });
    const [upstream] = Template.synth(stack).findResources("kong_upstream");
    expect(upstream).toMatchObject({
      name: "orders.upstream",
      hash_on: "header",
      hash_on_header: "X-Tenant",
      hash_fallback: "cookie",
      hash_on_cookie: "orders-affinity",
      hash_on_cookie_path: "/orders",
      slots: 1024,
      host_header: "orders.internal",
      healthchecks: {
        active: {
          type: "https",
          http_path: "/health",
          timeout: 2,
          healthy: { interval: 10, successes: 2 },
          unhealthy: { interval: 5, http_failures: 3, http_statuses: [500, 503] },
        },
        passive: { unhealthy: { http_failures: 5, timeouts: 2 } },
      },
    });
  });

  it.each([
    [
      { hashOn: "cookie" as const },
      "Service orders upstream hashes on a cookie but names none; expected hashOnCookie, the cookie Kong sets.",
    ],
    [
      { hashOn: "cookie" as const, hashOnCookie: "c", hashFallback: "ip" as const },
      'Service orders upstream falls back to ip from a cookie, which Kong always sets; expected hashFallback "none".',
    ],
    [
      { hashFallback: "ip" as const },
      'Service orders upstream falls back to ip without hashing; expected hashFallback "none" with hashOn "none".',
    ],
    [
      { hashOn: "ip" as const, hashFallback: "header" as const },
      "Service orders upstream falls back to a header but names none; expected hashFallbackHeader.",
    ],
    [
      { slots: 5 },
      "Service orders upstream slots 5 is out of range; expected an integer from 10 to 65536.",
    ],
    [
      { healthChecks: { active: { httpPath: "/health" } } },
      "Service orders upstream has an active health check without an interval, so Kong would never probe; expected healthy.interval or unhealthy.interval.",
    ],
    [
      { healthChecks: { passive: { unhealthy: { httpFailures: 300 } } } },
      "Service orders upstream passive health check httpFailures 300 is out of range; expected an integer from 0 to 255.",
    ],
  ])("refuses what Kong would refuse: %j", (options, message) => {
    const { gateway } = gatewayFixture();
    expect(
      userErrorOf(() => gateway.addService("orders", { upstream: { targets, ...options } }))
        .message,
    ).toBe(message);
  });

  it("can be shared by services through gateway.addUpstream, once per name", () => {
    const { stack, gateway } = gatewayFixture();
    const upstream = gateway.addUpstream("orders.upstream", { targets, protocol: "https" });
    expect(upstream).toBeInstanceOf(Upstream);
    gateway.addService("orders", { upstream });
    gateway.addService("orders-admin", { upstream });
    const template = Template.synth(stack);
    expect(template.findResources("kong_upstream")).toHaveLength(1);
    expect(template.findResources("kong_target")).toHaveLength(2);
    expect(
      template.findResources("kong_service", { host: "orders.upstream", port: 443 }),
    ).toHaveLength(2);
    expect(userErrorOf(() => gateway.addUpstream("orders.upstream", { targets })).message).toBe(
      'Upstream name "orders.upstream" is used twice in the dev gateway; expected unique upstream names.',
    );
  });
});
