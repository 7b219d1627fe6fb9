import { UserError } from "../../src/common";
import {
  UnresolvedValue,
  assertPluginConfig,
  checkPluginConfig,
  type PluginScope,
} from "../../src/plugins";

const ROUTE: PluginScope = { route: true };
const KNOWN =
  "acl, acme, ai-prompt-decorator, ai-prompt-guard, ai-prompt-template, ai-proxy, ai-request-transformer, ai-response-transformer, aws-lambda, azure-functions, basic-auth, bot-detection, correlation-id, cors, datadog, file-log, grpc-gateway, grpc-web, hmac-auth, http-log, ip-restriction, jwt, key-auth, ldap-auth, loggly, oauth2, openid-connect, opentelemetry, post-function, pre-function, prometheus, proxy-cache, rate-limiting, redirect, request-size-limiting, request-termination, request-transformer, request-validator, response-ratelimiting, response-transformer, session, standard-webhooks, statsd, syslog, tcp-log, udp-log, zipkin";

function messages(name: string, config: unknown, scope: PluginScope = ROUTE): string[] {
  return checkPluginConfig(name, config, scope).map((p) => p.message);
}

describe("checkPluginConfig", () => {
  it("accepts realistic configs of the plugins the gateway uses", () => {
    const good: [string, unknown, PluginScope][] = [
      ["jwt", { claims_to_verify: ["exp"], maximum_expiration: 900, key_claim_name: "iss" }, ROUTE],
      [
        "key-auth",
        { key_names: ["apikey", "x-api-key"], hide_credentials: true },
        { service: true },
      ],
      ["acl", { allow: ["orders-writer"], hide_groups_header: true }, ROUTE],
      [
        "rate-limiting",
        { minute: 600, hour: 10000, policy: "local", limit_by: "consumer" },
        { consumer: true },
      ],
      ["pre-function", { access: ["return function() end"] }, ROUTE],
      [
        "file-log",
        { path: "/var/log/kong/orders.log", custom_fields_by_lua: { "schema.name": "return 'x'" } },
        {},
      ],
      [
        "http-log",
        { http_endpoint: "https://logs.internal/kong", queue: { max_batch_size: 100 } },
        ROUTE,
      ],
      [
        "correlation-id",
        { header_name: "X-Request-ID", generator: "uuid", echo_downstream: true },
        {},
      ],
      ["request-size-limiting", { allowed_payload_size: 1, size_unit: "megabytes" }, ROUTE],
      ["request-validator", { body_schema: '{"type":"object"}', version: "draft4" }, ROUTE],
      [
        "openid-connect",
        {
          issuer: "https://idp.example/.well-known/openid-configuration",
          groups_claim: ["groups"],
        },
        ROUTE,
      ],
      ["cors", { origins: ["https://shop.example"], methods: ["GET", "POST"] }, ROUTE],
      ["ip-restriction", { allow: ["10.0.0.0/8", "2001:db8::/32", "192.168.1.7"] }, ROUTE],
    ];
    for (const [name, config, scope] of good) {
      expect([name, checkPluginConfig(name, config, scope)]).toEqual([name, []]);
    }
  });

  it("rejects an unknown plugin name", () => {
    expect(messages("jwtt", {})).toEqual([
      `Plugin jwtt: unknown plugin (did you mean jwt?); expected one of ${KNOWN}.`,
    ]);
  });

  it("rejects a config that is not an object", () => {
    expect(messages("jwt", [1])).toEqual(["Plugin jwt: config is [1]; expected an object."]);
  });

  it("rejects unknown fields at the top and at any depth", () => {
    expect(messages("correlation-id", { header: "X-Id" })).toEqual([
      "Plugin correlation-id: config.header is not a field of correlation-id; expected one of echo_downstream, generator, header_name.",
    ]);
    expect(messages("rate-limiting", { minute: 5, redis: { hots: "r" } })).toEqual([
      "Plugin rate-limiting: config.redis.hots is not a known field; expected one of database, host, password, port, server_name, ssl, ssl_verify, timeout, username.",
    ]);
    expect(
      messages("request-validator", {
        parameter_schema: [{ in: "query", name: "q", required: true, kind: 1 }],
      }),
    ).toEqual([
      "Plugin request-validator: config.parameter_schema[0].kind is not a known field; expected one of explode, in, name, required, schema, style.",
    ]);
  });

  it("says when a field is one of the openid-connect fields this project does not list", () => {
    expect(messages("openid-connect", { issuer: "https://idp", session_secret: "x" })[0]).toMatch(
      /^Plugin openid-connect: config\.session_secret is not a field of openid-connect; expected one of anonymous, .* \(this project's copy of the openid-connect schema lists 27 of its 221 fields\)\.$/,
    );
  });

  it("points deprecated shorthand fields to their replacement", () => {
    expect(messages("rate-limiting", { minute: 5, redis_host: "redis" })).toEqual([
      "Plugin rate-limiting: config.redis_host is a deprecated shorthand that Kong rewrites to config.redis.host; expected config.redis.host instead.",
    ]);
  });

  it("rejects values of the wrong type", () => {
    expect(messages("jwt", { maximum_expiration: "900" })).toEqual([
      'Plugin jwt: config.maximum_expiration is "900"; expected a number.',
    ]);
    expect(messages("request-size-limiting", { allowed_payload_size: 1.5 })).toEqual([
      "Plugin request-size-limiting: config.allowed_payload_size is 1.5; expected an integer.",
    ]);
    expect(messages("key-auth", { hide_credentials: "yes" })).toEqual([
      'Plugin key-auth: config.hide_credentials is "yes"; expected a boolean.',
    ]);
    expect(messages("acl", { allow: "orders-writer" })).toEqual([
      'Plugin acl: config.allow is "orders-writer"; expected an array.',
    ]);
    expect(messages("jwt", { claims_to_verify: "exp", maximum_expiration: 0 })).toEqual([
      'Plugin jwt: config.claims_to_verify is "exp"; expected a set (an array without duplicates).',
    ]);
    expect(messages("file-log", { path: "/x", custom_fields_by_lua: ["a"] })).toEqual([
      'Plugin file-log: config.custom_fields_by_lua is ["a"]; expected an object (a map).',
    ]);
    expect(messages("http-log", { http_endpoint: "https://l", queue: 5 })).toEqual([
      "Plugin http-log: config.queue is 5; expected an object.",
    ]);
    expect(messages("acl", { allow: ["a", 7] })).toEqual([
      "Plugin acl: config.allow[1] is 7; expected a string.",
    ]);
    expect(messages("file-log", { path: "/x", custom_fields_by_lua: { a: true } })).toEqual([
      'Plugin file-log: config.custom_fields_by_lua["a"] is true; expected a string.',
    ]);
  });

  it("requires fields Kong cannot fill in, and builds records from their defaults", () => {
    expect(messages("file-log", {})).toEqual([
      "Plugin file-log: config.path is missing; expected a string (required, no default).",
    ]);
    expect(messages("openid-connect", {})).toEqual([
      "Plugin openid-connect: config.issuer is missing; expected a string (required, no default).",
    ]);
    expect(messages("request-validator", { parameter_schema: [{ in: "path" }] })).toEqual([
      "Plugin request-validator: config.parameter_schema[0].name is missing; expected a string (required, no default).",
      "Plugin request-validator: config.parameter_schema[0].required is missing; expected a boolean (required, no default).",
    ]);
    // Required fields with a default, and the implicitly required queue record, may be left out.
    expect(messages("http-log", { http_endpoint: "https://logs" })).toEqual([]);
    expect(messages("key-auth", {})).toEqual([]);
  });

  it("rejects null where Kong requires a value, but accepts it for nullable fields", () => {
    expect(messages("key-auth", { hide_credentials: null })).toEqual([
      "Plugin key-auth: config.hide_credentials is null; expected a boolean (the field is required).",
    ]);
    expect(messages("key-auth", { anonymous: null })).toEqual([]);
    expect(messages("acl", { allow: ["a", null] })).toEqual([
      "Plugin acl: config.allow[1] is null; expected a string (null is not allowed here).",
    ]);
  });

  it("checks one_of on strings, numbers and elements", () => {
    expect(messages("rate-limiting", { minute: 5, limit_by: "user" })).toEqual([
      'Plugin rate-limiting: config.limit_by is "user"; expected one of "consumer", "credential", "ip", "service", "header", "path".',
    ]);
    expect(
      messages("http-log", { http_endpoint: "https://l", queue: { concurrency_limit: 2 } }),
    ).toEqual(["Plugin http-log: config.queue.concurrency_limit is 2; expected one of -1, 1."]);
    expect(messages("jwt", { claims_to_verify: ["iat"] })).toEqual([
      'Plugin jwt: config.claims_to_verify[0] is "iat"; expected one of "exp", "nbf".',
    ]);
  });

  it("checks between and gt", () => {
    expect(messages("rate-limiting", { minute: -5 })).toEqual([
      "Plugin rate-limiting: config.minute is -5; expected a number > 0.",
    ]);
    expect(messages("rate-limiting", { minute: 0 })).toEqual([
      "Plugin rate-limiting: config.minute is 0; expected a number > 0.",
    ]);
    expect(messages("jwt", { maximum_expiration: 31536001 })).toEqual([
      "Plugin jwt: config.maximum_expiration is 31536001; expected a number between 0 and 31536000.",
    ]);
    expect(messages("rate-limiting", { minute: 5, redis: { port: 70000 } })).toEqual([
      "Plugin rate-limiting: config.redis.port is 70000; expected an integer between 0 and 65535.",
    ]);
    expect(messages("jwt", { maximum_expiration: 31536000, claims_to_verify: ["exp"] })).toEqual(
      [],
    );
  });

  it("checks len_min on map keys and values", () => {
    expect(messages("file-log", { path: "/x", custom_fields_by_lua: { a: "" } })).toEqual([
      'Plugin file-log: config.custom_fields_by_lua["a"] is ""; expected a string of at least 1 character.',
    ]);
    expect(messages("file-log", { path: "/x", custom_fields_by_lua: { "": "return 1" } })).toEqual([
      'Plugin file-log: config.custom_fields_by_lua has the key ""; expected a string of at least 1 character.',
    ]);
  });

  it("checks match, match_none and starts_with patterns", () => {
    expect(messages("file-log", { path: "/tmp/a*b.log" })).toEqual([
      'Plugin file-log: config.path is "/tmp/a*b.log"; expected a string matching the Lua pattern ^[^*&%%\\`]+$ (not a valid filename).',
    ]);
    expect(messages("rate-limiting", { minute: 5, limit_by: "path", path: "/a//b" })).toEqual([
      'Plugin rate-limiting: config.path is "/a//b"; expected a string that does not match the Lua pattern // (must not have empty segments).',
    ]);
    // One problem per value, the first rule it breaks in Kong's order (starts_with, then validate_path).
    expect(messages("rate-limiting", { minute: 5, limit_by: "path", path: "orders" })).toEqual([
      'Plugin rate-limiting: config.path is "orders"; expected a string starting with "/".',
    ]);
    expect(messages("http-log", { http_endpoint: "https://l", headers: { host: "x" } })).toEqual([
      `Plugin http-log: config.headers has the key "host"; expected a string that does not match the Lua pattern ^[Hh][Oo][Ss][Tt]$ (cannot contain 'Host' header).`,
    ]);
  });

  it("runs Kong's simple custom validators: header names, URLs, IPs and CIDR ranges", () => {
    expect(messages("key-auth", { key_names: ["api key"] })).toEqual([
      `Plugin key-auth: config.key_names[0] is "api key"; expected a header name of A-Z, a-z, 0-9, '_' and '-'.`,
    ]);
    expect(messages("http-log", { http_endpoint: "logs.internal" })).toEqual([
      "Plugin http-log: config.http_endpoint is a secret value; expected a URL with a scheme and a host.",
    ]);
    expect(
      messages("ip-restriction", { deny: ["10.0.0.0/33", "300.1.1.1", "::1/129", "10.0.0.1"] }),
    ).toEqual([
      'Plugin ip-restriction: config.deny[0] is "10.0.0.0/33"; expected an IP address or CIDR range.',
      'Plugin ip-restriction: config.deny[1] is "300.1.1.1"; expected an IP address or CIDR range.',
      'Plugin ip-restriction: config.deny[2] is "::1/129"; expected an IP address or CIDR range.',
    ]);
  });

  it("rejects duplicates in a set, but not in an array", () => {
    expect(messages("jwt", { claims_to_verify: ["exp", "exp"] })).toEqual([
      'Plugin jwt: config.claims_to_verify holds "exp" twice; expected a set (no duplicate elements).',
    ]);
    expect(messages("acl", { allow: ["a", "a"] })).toEqual([]);
  });

  it("rejects a scope the plugin does not allow", () => {
    expect(messages("pre-function", { access: ["return 1"] }, { consumer: true })).toEqual([
      "Plugin pre-function: cannot be attached to a consumer; expected a route or a service (or none, for a global plugin).",
    ]);
    expect(messages("jwt", {}, { route: true, consumer: true })).toEqual([
      "Plugin jwt: cannot be attached to a consumer; expected a route or a service (or none, for a global plugin).",
    ]);
    expect(messages("rate-limiting", { minute: 1 }, { consumer: true, route: true })).toEqual([]);
    expect(messages("correlation-id", {}, {})).toEqual([]);
  });

  it("checks protocols when the instance sets them", () => {
    expect(messages("jwt", {}, { route: true, protocols: ["https", "tcp"] })).toEqual([
      'Plugin jwt: protocols holds "tcp"; expected a non-empty set of grpc, grpcs, http, https.',
    ]);
    expect(messages("jwt", {}, { route: true, protocols: [] })).toEqual([
      "Plugin jwt: protocols is []; expected a non-empty set of grpc, grpcs, http, https.",
    ]);
    expect(messages("jwt", {}, { route: true, protocols: ["https", "https"] })).toEqual([
      'Plugin jwt: protocols holds "https" twice; expected a non-empty set of grpc, grpcs, http, https.',
    ]);
    expect(
      messages("pre-function", { access: ["return 1"] }, { route: true, protocols: ["tcp"] }),
    ).toEqual([]);
  });

  it("never echoes a secret field's value", () => {
    const [message] = messages("http-log", { http_endpoint: "hunter2" });
    expect(message).not.toContain("hunter2");
  });

  it("accepts values resolved at plan time for any field, and skips their value rules", () => {
    expect(messages("rate-limiting", { minute: new UnresolvedValue("${var.limit}") })).toEqual([]);
    expect(messages("http-log", { http_endpoint: "${var.log_endpoint}" })).toEqual([]);
    expect(messages("correlation-id", { generator: "${var.generator}" })).toEqual([]);
    // A string built from an expression is still a string: it is no number.
    expect(messages("rate-limiting", { minute: "${var.limit}" })).toEqual([
      'Plugin rate-limiting: config.minute is "${var.limit}"; expected a number.',
    ]);
    // Callers can recognise their own placeholders, e.g. cdktf's Token.isUnresolved.
    const isToken = (v: unknown): boolean => v === -1.8881545897087626e289;
    expect(
      checkPluginConfig(
        "rate-limiting",
        { minute: -1.8881545897087626e289 },
        {},
        { isUnresolved: isToken },
      ),
    ).toEqual([]);
  });

  it("names the instance when asked to", () => {
    expect(
      checkPluginConfig("rate-limiting", { minute: -5 }, ROUTE, {
        on: "route orders/create-order",
      }),
    ).toEqual([
      {
        plugin: "rate-limiting",
        path: "config.minute",
        message:
          "Plugin rate-limiting on route orders/create-order: config.minute is -5; expected a number > 0.",
      },
    ]);
  });

  it("reports every problem, not only the first", () => {
    expect(messages("rate-limiting", { minute: -1, hour: "x", policy: "memory" })).toHaveLength(3);
  });
});

describe("assertPluginConfig", () => {
  it("throws a UserError with the first problem's sentence", () => {
    const attempt = (): void =>
      assertPluginConfig("rate-limiting", { minute: -5, hour: -1 }, ROUTE);
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(
      /^Plugin rate-limiting: config\.minute is -5; expected a number > 0\.$/,
    );
  });

  it("returns quietly for a valid config", () => {
    expect(() => assertPluginConfig("acl", { allow: ["a"] }, ROUTE)).not.toThrow();
  });
});

describe("the edition of the gateway", () => {
  it("refuses an Enterprise plugin for an OSS gateway, naming the edition", () => {
    const config = { issuer: "https://idp.example/.well-known/openid-configuration" };
    expect(
      checkPluginConfig("openid-connect", config, ROUTE, { edition: "oss", on: "route r" }).map(
        (p) => p.message,
      ),
    ).toEqual([
      'Plugin openid-connect on route r: exists only in Kong Enterprise, and the gateway\'s edition is "oss"; expected a gateway of edition "enterprise".',
    ]);
    expect(checkPluginConfig("openid-connect", config, ROUTE, { edition: "enterprise" })).toEqual(
      [],
    );
    expect(checkPluginConfig("jwt", {}, ROUTE, { edition: "oss" })).toEqual([]);
  });
});

describe("shorthand fields", () => {
  it("names the field Kong rewrites a shorthand to, or says Kong ignores it", () => {
    expect(messages("session", { cookie_lifetime: 3600 })).toEqual([
      "Plugin session: config.cookie_lifetime is a deprecated shorthand that Kong rewrites to config.rolling_timeout; expected config.rolling_timeout instead.",
    ]);
    expect(messages("session", { cookie_renew: 600 })).toEqual([
      "Plugin session: config.cookie_renew is a deprecated shorthand that Kong ignores; expected it left out.",
    ]);
  });
});

describe("vault references", () => {
  it("are taken as written in a referenceable field, whose value Kong checks once resolved", () => {
    expect(messages("datadog", { host: "{vault://env/datadog-host}" })).toEqual([]);
    expect(messages("opentelemetry", { traces_endpoint: "{vault://env/otel-endpoint}" })).toEqual(
      [],
    );
  });

  it("are checked like any string where Kong takes none", () => {
    expect(messages("statsd", { host: "{vault://env/statsd-host}" })).toEqual([
      'Plugin statsd: config.host is "{vault://env/statsd-host}"; expected a host name or an IP address.',
    ]);
  });
});

describe("empty strings", () => {
  it("are refused where the field does not allow them, as Kong sets len_min 1 by default", () => {
    expect(messages("correlation-id", { header_name: "" })).toEqual([
      'Plugin correlation-id: config.header_name is ""; expected a string of at least 1 character.',
    ]);
    expect(messages("acl", { allow: [""] })).toEqual([
      'Plugin acl: config.allow[0] is ""; expected a string of at least 1 character.',
    ]);
  });
});
