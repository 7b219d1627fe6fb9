import { App } from "cdktf";
import {
  Credential,
  Environment,
  Gateway,
  Identity,
  KongStack,
  Secret,
} from "../../src/constructs";
import { gatewayFixture } from "../support/template";
import { userErrorOf } from "../support/user-error";

/** What a JavaScript caller (or `as any`) can pass: anything. */
const anything = <T>(value: unknown): T => value as T;

type Fixture = ReturnType<typeof fixture>;

function fixture() {
  const f = gatewayFixture({}, { roles: { buyer: { idpGroups: ["shop-buyers"] } } });
  const orders = f.gateway.addService("orders", { url: "http://orders.internal:8080" });
  return { ...f, orders };
}

const secret = () => Secret.fromVariable("orders_key");

/**
 * What TypeScript cannot judge, as a JavaScript caller (or `as any`) may pass it: names, ranges,
 * codes, non-empty keys, URLs. Each is one sentence naming the construct and the prop, the value
 * given and what was expected. Props whose type says it all are not checked again at run time.
 */
const cases: Array<[string, (f: Fixture) => unknown, string]> = [
  // Environment, KongStack, Gateway
  [
    "Environment name",
    () => new Environment({ name: anything(7) }),
    'Environment name is 7; expected a string of letters, digits, ".", "_", "~" or "-", starting with a letter or digit.',
  ],
  [
    "KongStack team",
    (f) =>
      new KongStack(new App(), "dev-x", { environment: f.gateway.environment, team: anything(5) }),
    'KongStack team 5 is not a valid team name; expected lower-case letters, digits and single "-", starting with a letter.',
  ],
  [
    "Gateway role groups",
    (f) =>
      new Gateway(f.stack, "kong2", {
        environment: f.gateway.environment,
        roles: anything({ buyer: { idpGroups: "shop-buyers" } }),
      }),
    "Role buyer idpGroups is a string; expected an array of group names.",
  ],
  // Service and its upstream
  [
    "Service name",
    (f) => f.gateway.addService(anything(42), { url: "http://a.internal" }),
    'Service name is 42; expected a string of letters, digits, ".", "_", "~" or "-", starting with a letter or digit.',
  ],
  [
    "Service retries",
    (f) => f.gateway.addService("s", { url: "http://a.internal", retries: anything("3") }),
    "Service s retries is a string; expected an integer from 0 to 32767.",
  ],
  [
    "Upstream weight",
    (f) =>
      f.gateway.addService("s", {
        upstream: { targets: [{ target: "a.internal:80", weight: anything("10") }] },
      }),
    "Service s upstream target a.internal:80 weight is a string; expected an integer from 0 to 65535.",
  ],
  // Route
  [
    "Route name",
    (f) => f.orders.addRoute(anything(5), { paths: ["/a"] }),
    'Route name is 5; expected a string of letters, digits, ".", "_", "~" or "-", starting with a letter or digit.',
  ],
  [
    "Route redirect",
    (f) => f.orders.addRoute("r", { paths: ["/a"], httpsRedirectStatusCode: anything("301") }),
    'Route r httpsRedirectStatusCode "301" is not supported; expected one of: 301, 302, 307, 308, 426.',
  ],
  [
    "Route rate",
    (f) => f.orders.addRoute("r", { paths: ["/a"], rateLimit: { perMinute: anything("100") } }),
    'Rate limit on route r per minute is "100"; expected a whole number above 0.',
  ],
  // Consumer and credentials
  [
    "Consumer name",
    (f) => f.gateway.addConsumer(anything(["app"])),
    `Consumer name is an array; expected a string of printable text without "," or "/" and no space at either end (Kong's tag rule).`,
  ],
  [
    "Consumer credentials",
    (f) =>
      f.gateway.addConsumer("app", {
        credentials: anything(Credential.keyAuth({ key: secret() })),
      }),
    "Consumer app credentials is a KeyAuthCredential; expected an array of Credential.jwt(…), Credential.keyAuth(…) or Credential.basicAuth(…).",
  ],
  [
    "JWT key",
    (f) =>
      f.gateway.addConsumer("app", {
        credentials: [Credential.jwt({ algorithm: "HS256", key: anything(5), secret: secret() })],
      }),
    "Consumer app credentials[0] JWT key is 5; expected a non-empty string, the value of the token's key claim.",
  ],
  [
    "JWT key missing",
    (f) =>
      f.gateway.addConsumer("app", {
        credentials: [Credential.jwt(anything({ algorithm: "RS256", publicKey: "pem" }))],
      }),
    "Consumer app credentials[0] JWT key is missing; expected a non-empty string, the value of the token's key claim.",
  ],
  [
    "JWT key twice",
    (f) =>
      f.gateway.addConsumer("app", {
        credentials: [
          Credential.jwt({ algorithm: "HS256", key: "k", secret: secret() }),
          Credential.jwt({ algorithm: "RS256", key: "k", publicKey: "pem" }),
        ],
      }),
    'Consumer app has two JWT credentials with key "k"; expected each key once (Kong selects the credential by it).',
  ],
  // Identities, logging, plugins
  [
    "Identity.openIdConnect issuer",
    () => Identity.openIdConnect(anything({ clientId: secret() })),
    "OpenID Connect issuer is missing; expected an https:// URL.",
  ],
];

describe("props TypeScript cannot judge, as JavaScript callers can pass them", () => {
  it.each(cases)("%s: one sentence naming it and what was expected", (_what, make, message) => {
    const f = fixture();
    expect(userErrorOf(() => make(f)).message).toBe(message);
  });
});
