import { UnresolvedValue, checkPluginConfig } from "../../src/plugins";

// Kong's own checks, as on a synthesized config: literal credentials are judged apart
// (test/secrets/credentials.test.ts).
function messages(name: string, config: unknown): string[] {
  return checkPluginConfig(name, config, { route: true }, { checkCredentials: false }).map(
    (p) => p.message,
  );
}

describe("entity checks of the plugins the gateway uses", () => {
  describe("jwt", () => {
    it("requires claims_to_verify to contain exp when maximum_expiration is set", () => {
      expect(messages("jwt", { maximum_expiration: 900 })).toEqual([
        'Plugin jwt: config.claims_to_verify is missing; expected it to contain "exp" because config.maximum_expiration is 900.',
      ]);
      expect(messages("jwt", { maximum_expiration: 900, claims_to_verify: ["nbf"] })).toEqual([
        'Plugin jwt: config.claims_to_verify is ["nbf"]; expected it to contain "exp" because config.maximum_expiration is 900.',
      ]);
      expect(
        messages("jwt", { maximum_expiration: 900, claims_to_verify: ["nbf", "exp"] }),
      ).toEqual([]);
      expect(messages("jwt", { maximum_expiration: 0 })).toEqual([]);
      expect(messages("jwt", {})).toEqual([]);
    });
  });

  describe("acl", () => {
    it("needs exactly one of allow and deny, empty lists counting as absent", () => {
      // Kong runs both checks (it has filled the absent fields with null), as here.
      expect(messages("acl", {})).toEqual([
        "Plugin acl: config.allow and config.deny are all empty; expected exactly one of them to be set.",
        "Plugin acl: config.allow and config.deny are all empty; expected at least one of them to be set.",
      ]);
      expect(messages("acl", { allow: [], deny: null })).toEqual([
        "Plugin acl: config.allow and config.deny are all empty; expected exactly one of them to be set.",
        "Plugin acl: config.allow and config.deny are all empty; expected at least one of them to be set.",
      ]);
      expect(messages("acl", { allow: ["a"], deny: ["b"] })).toEqual([
        "Plugin acl: config.allow and config.deny are both set; expected only one of them.",
      ]);
      expect(messages("acl", { deny: ["b"] })).toEqual([]);
    });
  });

  describe("rate-limiting", () => {
    it("needs at least one period", () => {
      expect(messages("rate-limiting", { policy: "local" })).toEqual([
        "Plugin rate-limiting: config.second, config.minute, config.hour, config.day, config.month and config.year are all empty; expected at least one of them to be set.",
      ]);
    });

    it("needs a redis host with the redis policy (port and timeout have defaults)", () => {
      expect(messages("rate-limiting", { minute: 5, policy: "redis" })).toEqual([
        'Plugin rate-limiting: config.redis.host is missing; expected a value because config.policy is "redis".',
      ]);
      expect(
        messages("rate-limiting", { minute: 5, policy: "redis", redis: { host: "r", port: null } }),
      ).toEqual([
        'Plugin rate-limiting: config.redis.port is missing; expected a value because config.policy is "redis".',
      ]);
      expect(
        messages("rate-limiting", {
          minute: 5,
          policy: "redis",
          redis: { host: "redis.internal" },
        }),
      ).toEqual([]);
    });

    it("needs header_name when limiting by header and path when limiting by path", () => {
      expect(messages("rate-limiting", { minute: 5, limit_by: "header" })).toEqual([
        'Plugin rate-limiting: config.header_name is missing; expected a value because config.limit_by is "header".',
      ]);
      expect(messages("rate-limiting", { minute: 5, limit_by: "path" })).toEqual([
        'Plugin rate-limiting: config.path is missing; expected a value because config.limit_by is "path".',
      ]);
      expect(
        messages("rate-limiting", { minute: 5, limit_by: "header", header_name: "X-Tenant" }),
      ).toEqual([]);
    });

    it("keeps longer periods at least as generous as shorter ones", () => {
      expect(messages("rate-limiting", { second: 10, minute: 600, hour: 500, day: 5 })).toEqual([
        "Plugin rate-limiting: config.hour is 500; expected a limit not lower than config.minute (600).",
        "Plugin rate-limiting: config.day is 5; expected a limit not lower than config.minute (600).",
      ]);
      expect(messages("rate-limiting", { second: 10, minute: 600, hour: 600 })).toEqual([]);
    });

    it("allows sync_rate only with the redis policy, and then at least 0.02", () => {
      expect(messages("rate-limiting", { minute: 5, sync_rate: 1 })).toEqual([
        'Plugin rate-limiting: config.sync_rate is 1; expected -1 because config.policy is "local" (sync_rate only works with the redis policy).',
      ]);
      expect(
        messages("rate-limiting", {
          minute: 5,
          policy: "redis",
          redis: { host: "r" },
          sync_rate: 0.01,
        }),
      ).toEqual([
        "Plugin rate-limiting: config.sync_rate is 0.01; expected -1 or a number of at least 0.02.",
      ]);
      expect(
        messages("rate-limiting", {
          minute: 5,
          policy: "redis",
          redis: { host: "r" },
          sync_rate: 0.5,
        }),
      ).toEqual([]);
    });
  });

  describe("pre-function and post-function", () => {
    it("need code in at least one phase", () => {
      expect(messages("pre-function", { access: [] })).toEqual([
        "Plugin pre-function: config.certificate, config.rewrite, config.access, config.header_filter, config.body_filter and config.log are all empty; expected at least one of them to be set.",
      ]);
      expect(messages("post-function", {})).toHaveLength(1);
      expect(messages("pre-function", { access: ["return function() end"] })).toEqual([]);
    });
  });

  describe("http-log", () => {
    it("refuses an Authorization header together with user info in the endpoint", () => {
      expect(
        messages("http-log", {
          http_endpoint: "https://u:p@logs.internal/",
          headers: { AUTHORIZATION: "Bearer x" },
        }),
      ).toEqual([
        "Plugin http-log: config.headers has an Authorization header and config.http_endpoint carries user info; expected only one of them.",
      ]);
      expect(
        messages("http-log", {
          http_endpoint: "https://u:p@logs.internal/",
          headers: { "X-Tenant": "a" },
        }),
      ).toEqual([]);
      expect(
        messages("http-log", {
          http_endpoint: "https://logs.internal/",
          headers: { Authorization: "Bearer x" },
        }),
      ).toEqual([]);
    });
  });

  describe("ip-restriction", () => {
    it("needs allow or deny", () => {
      expect(messages("ip-restriction", { status: 403 })).toEqual([
        "Plugin ip-restriction: config.allow and config.deny are all empty; expected at least one of them to be set.",
      ]);
    });
  });

  describe("request-termination", () => {
    it("keeps message, content_type/body and echo apart", () => {
      expect(messages("request-termination", { message: "gone", body: "x" })).toEqual([
        "Plugin request-termination: config.message is set together with config.content_type or config.body; expected either a message or a body.",
      ]);
      expect(messages("request-termination", { content_type: "text/plain" })).toEqual([
        "Plugin request-termination: config.body is missing; expected a body because config.content_type is set.",
      ]);
      expect(messages("request-termination", { echo: true, body: "x" })).toEqual([
        "Plugin request-termination: config.echo is true together with config.content_type or config.body; expected echo or a body, not both.",
      ]);
      expect(messages("request-termination", { status_code: 410, message: "gone" })).toEqual([]);
    });
  });

  describe("request-validator", () => {
    it("needs a body schema or a parameter schema", () => {
      expect(messages("request-validator", { version: "draft4" })).toEqual([
        "Plugin request-validator: config.body_schema and config.parameter_schema are all empty; expected at least one of them to be set.",
      ]);
    });

    it("needs a body schema that is JSON", () => {
      expect(messages("request-validator", { body_schema: "{type: object}" })).toEqual([
        "Plugin request-validator: config.body_schema is not valid JSON; expected a JSON document.",
      ]);
      expect(messages("request-validator", { body_schema: "${var.schema}" })).toEqual([]);
    });

    it("needs style, explode and schema of a parameter together", () => {
      expect(
        messages("request-validator", {
          parameter_schema: [{ in: "query", name: "q", required: true, style: "form" }],
        }),
      ).toEqual([
        "Plugin request-validator: config.parameter_schema[0].explode and config.parameter_schema[0].schema are missing; expected style, explode and schema together.",
      ]);
      expect(
        messages("request-validator", {
          parameter_schema: [
            {
              in: "query",
              name: "q",
              required: true,
              style: "form",
              explode: false,
              schema: '{"type":"string"}',
            },
          ],
        }),
      ).toEqual([]);
    });
  });

  it("treats values resolved at plan time as present", () => {
    expect(messages("acl", { allow: new UnresolvedValue("${var.groups}") })).toEqual([]);
    expect(messages("rate-limiting", { minute: new UnresolvedValue("${var.limit}") })).toEqual([]);
  });

  it("has none for key-auth, file-log, correlation-id, request-size-limiting, cors and openid-connect (none in Kong's schemas either)", () => {
    expect(messages("key-auth", {})).toEqual([]);
    expect(messages("file-log", { path: "/var/log/kong.log" })).toEqual([]);
    expect(messages("correlation-id", {})).toEqual([]);
    expect(messages("request-size-limiting", {})).toEqual([]);
    expect(messages("cors", {})).toEqual([]);
    expect(messages("openid-connect", { issuer: "https://idp" })).toEqual([]);
  });

  it("run only once the fields are well-typed, so that a typo gives one message", () => {
    expect(messages("acl", { allow: "a", deny: ["b"] })).toEqual([
      'Plugin acl: config.allow is "a"; expected an array.',
    ]);
  });
});
