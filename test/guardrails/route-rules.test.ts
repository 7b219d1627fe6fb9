import {
  conflictingIdentities,
  defaultRoutePolicy,
  Exemptions,
  routeFindings,
  setsAnonymous,
  type RouteFacts,
} from "../../src/guardrails";
import { IDENTITY_PLUGINS } from "../../src/catalog";
import { userErrorOf } from "../support/user-error";

/** A route that keeps every rule: HTTPS, an identity, a rate limit, GET only. */
const kept: RouteFacts = {
  name: "orders",
  methods: ["GET"],
  protocols: ["https"],
  plugins: new Set(["key-auth", "rate-limiting"]),
  validatesRequests: false,
};
const prod = { production: true, maxTokenSeconds: 3600, maxTokenShown: "1 hour" };
const dev = { production: false, maxTokenSeconds: 86400, maxTokenShown: "24 hours" };

describe("routeFindings: the guardrails as a pure judgement of a route", () => {
  it("finds nothing in a route that keeps every rule", () => {
    expect(routeFindings(kept, prod)).toEqual([]);
  });

  it("names each missing protection, in rule order", () => {
    const bare = { ...kept, methods: [], protocols: ["http", "https"], plugins: new Set<string>() };
    expect(routeFindings(bare, prod)).toEqual([
      { rule: "identity", problem: "no identity plugin on the route or its service" },
      { rule: "rate-limit", problem: "no rate limit on the route or its service" },
      {
        rule: "request-validation",
        problem: "accepts bodies (every method) without request validation",
      },
      { rule: "https-only", problem: "accepts http; production routes are HTTPS only" },
    ]);
  });

  it.each(IDENTITY_PLUGINS)("accepts the catalogue's identity plugin %s as an identity", (name) => {
    const identified = { ...kept, plugins: new Set([name, "rate-limiting"]) };
    expect(routeFindings(identified, prod)).toEqual(
      name === "jwt"
        ? [
            {
              rule: "jwt-expiry",
              problem: "accepts JWTs of unlimited lifetime; expected at most 1 hour",
            },
          ]
        : [],
    );
  });

  it("asks for validation only where bodies arrive, and accepts the route's own or request-validator", () => {
    const posting = { ...kept, methods: ["GET", "POST", "PATCH"] };
    expect(routeFindings(posting, dev)).toEqual([
      {
        rule: "request-validation",
        problem: "accepts bodies (POST, PATCH) without request validation",
      },
    ]);
    expect(routeFindings({ ...posting, validatesRequests: true }, dev)).toEqual([]);
    const validator = new Set([...kept.plugins, "request-validator"]);
    expect(routeFindings({ ...posting, plugins: validator }, dev)).toEqual([]);
  });

  it("holds plain HTTP against production only", () => {
    expect(routeFindings({ ...kept, protocols: ["http"] }, dev)).toEqual([]);
  });

  it("bounds a jwt's token lifetime by the policy, and only when Kong verifies exp", () => {
    const jwt = (config: unknown) => ({
      ...kept,
      plugins: new Set(["jwt", "rate-limiting"]),
      jwtConfig: config,
    });
    const eightHours = { claims_to_verify: ["exp"], maximum_expiration: 28800 };
    expect(routeFindings(jwt(eightHours), dev)).toEqual([]);
    expect(routeFindings(jwt(eightHours), prod)).toEqual([
      { rule: "jwt-expiry", problem: "accepts JWTs living 8 hours; expected at most 1 hour" },
    ]);
    const unlimited = {
      rule: "jwt-expiry",
      problem: "accepts JWTs of unlimited lifetime; expected at most 24 hours",
    };
    expect(routeFindings(jwt({ maximum_expiration: 60 }), dev)).toEqual([unlimited]);
    expect(routeFindings(jwt({ claims_to_verify: ["exp"], maximum_expiration: 0 }), dev)).toEqual([
      unlimited,
    ]);
    expect(routeFindings(jwt(undefined), dev)).toEqual([unlimited]);
  });

  it("names identity plugins Kong would demand together", () => {
    expect(conflictingIdentities(new Set(["jwt", "rate-limiting", "key-auth"]))).toEqual([
      "jwt",
      "key-auth",
    ]);
    expect(conflictingIdentities(new Set(["jwt", "rate-limiting"]))).toEqual([]);
  });

  it("accepts several identities when each sets anonymous (Kong's either-one setup), not some", () => {
    const both = new Set(["jwt", "key-auth"]);
    expect(conflictingIdentities(both, new Set(["jwt", "key-auth"]))).toEqual([]);
    expect(conflictingIdentities(both, new Set(["key-auth"]))).toEqual(["jwt", "key-auth"]);
  });

  it("counts identities that all let anonymous callers through as no identity, unless an acl runs", () => {
    const anonymousOnly = { ...kept, anonymousIdentities: new Set(["key-auth"]) };
    const problem =
      "lets a caller without a credential through as the anonymous consumer (key-auth set anonymous) and runs no acl; expected roles (an acl) that the anonymous consumer lacks, or no anonymous";
    expect(routeFindings(anonymousOnly, dev)).toEqual([{ rule: "identity", problem }]);
    const withAcl = { ...anonymousOnly, plugins: new Set([...kept.plugins, "acl"]) };
    expect(routeFindings(withAcl, prod)).toEqual([]);
  });

  it.each<[unknown, boolean]>([
    [{ anonymous: "guest" }, true],
    [{ anonymous: "6a1b2c3d-0000-4000-8000-000000000000" }, true],
    [{ anonymous: null }, false],
    [{ anonymous: "" }, false],
    [{}, false],
    [undefined, false],
    ["${var.config}", false],
  ])("reads whether a config %p sets anonymous: %p", (config, expected) => {
    expect(setsAnonymous(config)).toBe(expected);
  });
});

describe("defaultRoutePolicy: an environment that keeps the default token lifetime", () => {
  it("accepts JWTs of at most an hour in production and a day elsewhere", () => {
    expect(defaultRoutePolicy(true)).toEqual(prod);
    expect(defaultRoutePolicy(false)).toEqual(dev);
  });
});

describe("Exemptions", () => {
  it("records each exemption with its reason, sorted by rule, after every change", () => {
    const recorded: Array<Readonly<Record<string, string>>> = [];
    const exemptions = new Exemptions("Route health", (r) => recorded.push(r));
    exemptions.add("rate-limit", " internal probe ");
    exemptions.add("identity", "public health check");
    expect(recorded).toEqual([
      { "rate-limit": "internal probe" },
      { identity: "public health check", "rate-limit": "internal probe" },
    ]);
    expect(exemptions.reasonFor("identity")).toBe("public health check");
    expect(exemptions.reasonFor("https-only")).toBeUndefined();
  });

  it("refuses an exemption without a reason, twice, or from no-secret-literals", () => {
    const exemptions = new Exemptions("Route health", () => undefined);
    expect(userErrorOf(() => exemptions.add("identity", "  ")).message).toBe(
      'Route health exemption from "identity" has no reason; expected a sentence saying why, e.g. "public health check".',
    );
    exemptions.add("identity", "public");
    expect(userErrorOf(() => exemptions.add("identity", "again")).message).toBe(
      'Route health exemption from "identity" is given twice; expected one exemption, with one reason, per rule.',
    );
    expect(
      userErrorOf(() => exemptions.add("no-secret-literals" as "identity", "why not")).message,
    ).toBe(
      'Route health exemption from "no-secret-literals" is not possible; expected one of: identity, rate-limit, request-validation, https-only, jwt-expiry (a literal credential is never exempt).',
    );
  });
});
