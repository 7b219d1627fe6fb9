import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { type ExemptibleRule } from "../../src/constructs";
import { annotations, gatewayFixture, synthJudged } from "../support/template";
import { userErrorOf } from "../support/user-error";

const remoteState = { type: "http", address: "https://state.internal/kong" } as const;

/** A prod GET route with a rate limit and no identity. */
function prod() {
  const { stack, gateway } = gatewayFixture({ name: "prod", backend: remoteState });
  const service = gateway.addService("status", { url: "http://status.internal" });
  const route = service.addRoute("health", {
    methods: ["GET"],
    paths: ["/health"],
    protocols: ["https"],
    rateLimit: { perMinute: 60 },
  });
  const synth = () => {
    synthJudged(stack);
    return { errors: annotations(stack, "error"), warnings: annotations(stack, "warn") };
  };
  return { stack, service, route, synth };
}

describe("guardrail exemptions", () => {
  it("prod stays strict without one: the route without identity fails synth", () => {
    expect(prod().synth().errors).toEqual([
      'Route health breaks guardrail "identity" in prod: no identity plugin on the route or its service.',
    ]);
  });

  it("route.exempt lets the route through, shows the reason at every synth and returns the route", () => {
    const { route, synth } = prod();
    expect(route.exempt("identity", "public health check")).toBe(route);
    const { errors, warnings } = synth();
    expect(errors).toEqual([]);
    expect(warnings).toContain(
      'Route health is exempt from guardrail "identity" in prod: public health check (otherwise: no identity plugin on the route or its service).',
    );
  });

  it("service.exempt covers each of its routes, naming the service", () => {
    const { service, synth } = prod();
    service.exempt("identity", "status page for the public");
    const { errors, warnings } = synth();
    expect(errors).toEqual([]);
    expect(warnings).toContain(
      'Route health is exempt from guardrail "identity" in prod (through service status): status page for the public (otherwise: no identity plugin on the route or its service).',
    );
  });

  it("exempts only the rule named", () => {
    const { route, synth } = prod();
    route.exempt("rate-limit", "not this one");
    expect(synth().errors).toHaveLength(1);
  });

  it("is recorded in cdktf.out beside the Kong resource, where the review reads it", () => {
    const { stack, route, service } = prod();
    route.exempt("identity", "public health check");
    service.exempt("https-only", "internal probe");
    const outdir = Testing.fullSynth(stack);
    const json = JSON.parse(
      readFileSync(join(outdir, "stacks", "prod", "cdk.tf.json"), "utf8"),
    ) as {
      resource: Record<string, Record<string, { "//": Record<string, unknown> }>>;
    };
    const [kongRoute] = Object.values(json.resource.kong_route);
    const [kongService] = Object.values(json.resource.kong_service);
    expect(kongRoute["//"].avroKongExemptions).toEqual({ identity: "public health check" });
    expect(kongService["//"].avroKongExemptions).toEqual({ "https-only": "internal probe" });
  });

  it.each([
    [
      "identity",
      "",
      'Route health exemption from "identity" has no reason; expected a sentence saying why, e.g. "public health check".',
    ],
    [
      "identity",
      "   ",
      'Route health exemption from "identity" has no reason; expected a sentence saying why, e.g. "public health check".',
    ],
    [
      "no-secret-literals",
      "just this once",
      'Route health exemption from "no-secret-literals" is not possible; expected one of: identity, rate-limit, request-validation, https-only, jwt-expiry (a literal credential is never exempt).',
    ],
  ])("refuses %s with reason %j", (rule, reason, message) => {
    const { route } = prod();
    expect(userErrorOf(() => route.exempt(rule as ExemptibleRule, reason)).message).toBe(message);
  });

  it("refuses a second exemption from one rule", () => {
    const { route } = prod();
    route.exempt("identity", "public health check");
    expect(userErrorOf(() => route.exempt("identity", "again")).message).toBe(
      'Route health exemption from "identity" is given twice; expected one exemption, with one reason, per rule.',
    );
  });
});
