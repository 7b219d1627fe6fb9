import { App } from "cdktf";
import {
  Credential,
  Environment,
  Gateway,
  Identity,
  KongPlugin,
  KongStack,
  Logging,
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
 * Every public construct and props factory, given a value of the wrong type: one sentence
 * naming the construct and the prop, the value given and what was expected.
 */
const cases: Array<[string, (f: Fixture) => unknown, string]> = [
  // Environment, KongStack, Gateway
  [
    "Environment props",
    () => new Environment(anything(undefined)),
    "Environment props is missing; expected an object.",
  ],
  [
    "Environment name",
    () => new Environment({ name: anything(7) }),
    'Environment name is 7; expected a string of letters, digits, ".", "_", "~" or "-", starting with a letter or digit.',
  ],
  [
    "Environment production",
    () => new Environment({ name: "qa", production: anything("yes") }),
    "Environment qa production is a string; expected true or false.",
  ],
  [
    "Environment maxTokenLifetime",
    () => new Environment({ name: "qa", maxTokenLifetime: anything(3600) }),
    "Environment qa maxTokenLifetime is 3600; expected a Duration.",
  ],
  [
    "KongStack environment",
    () => new KongStack(new App(), "qa", anything({})),
    'KongStack "qa" environment is missing; expected an Environment.',
  ],
  [
    "KongStack team",
    (f) =>
      new KongStack(new App(), "dev-x", { environment: f.gateway.environment, team: anything(5) }),
    'KongStack team 5 is not a valid team name; expected lower-case letters, digits and single "-", starting with a letter.',
  ],
  [
    "Gateway props",
    (f) => new Gateway(f.stack, "kong2", anything(undefined)),
    "Gateway props is missing; expected an object.",
  ],
  [
    "Gateway environment",
    (f) => new Gateway(f.stack, "kong2", anything({ environment: "dev" })),
    "Gateway environment is a string; expected an Environment.",
  ],
  [
    "Gateway tags",
    (f) =>
      new Gateway(f.stack, "kong2", {
        environment: f.gateway.environment,
        tags: anything("team:x"),
      }),
    "Gateway tags is a string; expected an array of strings.",
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
    "Service options",
    (f) => f.gateway.addService("s", anything(undefined)),
    "Service s options is missing; expected an object.",
  ],
  [
    "Service url",
    (f) => f.gateway.addService("s", { url: anything(8080) }),
    "Service s url is 8080; expected a string.",
  ],
  [
    "Service retries",
    (f) => f.gateway.addService("s", { url: "http://a.internal", retries: anything("3") }),
    "Service s retries is a string; expected an integer from 0 to 32767.",
  ],
  [
    "Service timeout",
    (f) => f.gateway.addService("s", { url: "http://a.internal", readTimeout: anything(5000) }),
    "Service s readTimeout is 5000; expected a Duration.",
  ],
  [
    "Service tags",
    (f) => f.gateway.addService("s", { url: "http://a.internal", tags: anything("x") }),
    "Service s tags is a string; expected an array of strings.",
  ],
  [
    "Service identity",
    (f) => f.gateway.addService("s", { url: "http://a.internal", identity: anything("jwt") }),
    "Service s identity is a string; expected an Identity (Identity.jwt(…), Identity.keyAuth(…) or Identity.openIdConnect(…)).",
  ],
  [
    "Service logging",
    (f) =>
      f.gateway.addService("s", {
        url: "http://a.internal",
        logging: anything({ endpoint: "http://l" }),
      }),
    "Service s logging is an object; expected a Logging (Logging.http(…) or Logging.file(…)).",
  ],
  [
    "Upstream targets",
    (f) => f.gateway.addService("s", { upstream: anything({ targets: "a.internal:80" }) }),
    'Service s upstream targets is a string; expected an array of { target: "host:port" }.',
  ],
  [
    "Upstream target",
    (f) => f.gateway.addService("s", { upstream: { targets: [anything({ target: 80 })] } }),
    "Service s upstream targets[0] target is 80; expected a string.",
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
    "Route options",
    (f) => f.orders.addRoute("r", anything(undefined)),
    "Route r options is missing; expected an object.",
  ],
  [
    "Route paths",
    (f) => f.orders.addRoute("r", { paths: anything("/orders") }),
    "Route r paths is a string; expected an array of strings.",
  ],
  [
    "Route path",
    (f) => f.orders.addRoute("r", { paths: anything([7]) }),
    "Route r paths[0] is 7; expected a string.",
  ],
  [
    "Route hosts",
    (f) => f.orders.addRoute("r", { hosts: anything("a.example.com") }),
    "Route r hosts is a string; expected an array of strings.",
  ],
  [
    "Route methods",
    (f) => f.orders.addRoute("r", { paths: ["/a"], methods: anything("GET") }),
    "Route r methods is a string; expected an array of strings.",
  ],
  [
    "Route protocols",
    (f) => f.orders.addRoute("r", { paths: ["/a"], protocols: anything("https") }),
    "Route r protocols is a string; expected an array of strings.",
  ],
  [
    "Route stripPath",
    (f) => f.orders.addRoute("r", { paths: ["/a"], stripPath: anything("no") }),
    "Route r stripPath is a string; expected true or false.",
  ],
  [
    "Route redirect",
    (f) => f.orders.addRoute("r", { paths: ["/a"], httpsRedirectStatusCode: anything("301") }),
    'Route r httpsRedirectStatusCode "301" is not supported; expected one of: 301, 302, 307, 308, 426.',
  ],
  [
    "Route roles",
    (f) =>
      f.orders.addRoute("r", {
        paths: ["/a"],
        identity: Identity.keyAuth(),
        roles: anything("buyer"),
      }),
    "Route r roles is a string; expected an array of strings.",
  ],
  [
    "Route identity",
    (f) => f.orders.addRoute("r", { paths: ["/a"], identity: anything({ plugin: "jwt" }) }),
    "Route r identity is an object; expected an Identity (Identity.jwt(…), Identity.keyAuth(…) or Identity.openIdConnect(…)).",
  ],
  [
    "Route rateLimit",
    (f) => f.orders.addRoute("r", { paths: ["/a"], rateLimit: anything(100) }),
    "Route r rateLimit is 100; expected an object.",
  ],
  [
    "Route rate",
    (f) => f.orders.addRoute("r", { paths: ["/a"], rateLimit: { perMinute: anything("100") } }),
    'Rate limit on route r per minute is "100"; expected a whole number above 0.',
  ],
  [
    "Route validate",
    (f) => f.orders.addRoute("r", { paths: ["/a"], validate: anything(true) }),
    "Route r validate is true; expected an object.",
  ],
  [
    "Route validate request",
    (f) =>
      f.orders.addRoute("r", { paths: ["/a"], validate: { request: anything({ subject: 1 }) } }),
    "route r validate request subject is 1; expected a string.",
  ],
  [
    "Route logging",
    (f) => f.orders.addRoute("r", { paths: ["/a"], logging: anything("stdout") }),
    "Route r logging is a string; expected a Logging (Logging.http(…) or Logging.file(…)).",
  ],
  // Consumer and credentials
  [
    "Consumer name",
    (f) => f.gateway.addConsumer(anything(["app"])),
    `Consumer name is an array; expected a string of printable text without "," or "/" and no space at either end (Kong's tag rule).`,
  ],
  [
    "Consumer roles",
    (f) => f.gateway.addConsumer("app", { roles: anything("buyer") }),
    "Consumer app roles is a string; expected an array of strings.",
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
    "Consumer customId",
    (f) => f.gateway.addConsumer("app", { customId: anything(12) }),
    "Consumer app customId is 12; expected a string.",
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
  [
    "Credential.jwt options",
    () => Credential.jwt(anything(undefined)),
    "Credential.jwt options is missing; expected an object.",
  ],
  // Identities, logging, plugins
  [
    "Identity.jwt lifetime",
    () => Identity.jwt({ maxTokenLifetime: anything(900) }),
    'Identity.jwt maxTokenLifetime is 900; expected a Duration or "unlimited".',
  ],
  [
    "Identity.jwt headerNames",
    () => Identity.jwt({ headerNames: anything("authorization") }),
    "Identity.jwt headerNames is a string; expected an array of strings.",
  ],
  [
    "Identity.keyAuth keyNames",
    () => Identity.keyAuth({ keyNames: anything("apikey") }),
    "Identity.keyAuth keyNames is a string; expected an array of strings.",
  ],
  [
    "Identity.openIdConnect issuer",
    () => Identity.openIdConnect(anything({ clientId: secret() })),
    "OpenID Connect issuer is missing; expected an https:// URL.",
  ],
  [
    "Logging.file path",
    () => Logging.file({ path: anything(1) }),
    "Logging.file path is 1; expected a string.",
  ],
  [
    "KongPlugin props",
    (f) => new KongPlugin(f.orders, "p", anything<never>(undefined)),
    'Plugin "p" props is missing; expected an object.',
  ],
];

describe("props of the wrong type, as JavaScript callers can pass them", () => {
  it.each(cases)("%s: one sentence naming it and what was expected", (_what, make, message) => {
    const f = fixture();
    expect(userErrorOf(() => make(f)).message).toBe(message);
  });
});
