// Compile-time specification of the generated types: `npm test` type-checks this file first, so
// each @ts-expect-error must stay an error.
import {
  pluginNames,
  type AclPluginConfig,
  type HttpLogPluginConfig,
  type JwtPluginConfig,
  type PluginConfigs,
  type PluginName,
  type RateLimitingPluginConfig,
} from "../../src/plugins";

describe("generated plugin config types", () => {
  it("accept what Kong accepts", () => {
    const jwt: JwtPluginConfig = { claims_to_verify: ["exp"], maximum_expiration: 900 };
    const limit: RateLimitingPluginConfig = {
      minute: 600,
      policy: "redis",
      redis: { host: "redis", port: 6379 },
    };
    const log: HttpLogPluginConfig = {
      http_endpoint: "https://logs",
      headers: { "X-Env": "prod" },
      queue: { max_batch_size: 10 },
    };
    const acl: AclPluginConfig = { allow: ["orders-writer"] };
    expect([jwt, limit, log, acl]).toHaveLength(4);
  });

  it("reject unknown fields, wrong literals and missing required fields at compile time", () => {
    // @ts-expect-error unknown field
    const typo: JwtPluginConfig = { claims_to_verfy: ["exp"] };
    // @ts-expect-error "iat" is not one of Kong's claims
    const claim: JwtPluginConfig = { claims_to_verify: ["iat"] };
    // @ts-expect-error http_endpoint is required and has no default
    const noEndpoint: HttpLogPluginConfig = {};
    expect([typo, claim, noEndpoint]).toHaveLength(3);
  });

  it("cover exactly the plugins of the catalog", () => {
    // Compile time: a missing or extra name here is a type error.
    const every: { [N in PluginName]: N } = {
      jwt: "jwt",
      "key-auth": "key-auth",
      acl: "acl",
      "rate-limiting": "rate-limiting",
      "pre-function": "pre-function",
      "post-function": "post-function",
      "file-log": "file-log",
      "http-log": "http-log",
      "correlation-id": "correlation-id",
      cors: "cors",
      "request-size-limiting": "request-size-limiting",
      "request-termination": "request-termination",
      "ip-restriction": "ip-restriction",
      "bot-detection": "bot-detection",
      acme: "acme",
      "ai-prompt-decorator": "ai-prompt-decorator",
      "ai-prompt-guard": "ai-prompt-guard",
      "ai-prompt-template": "ai-prompt-template",
      "ai-proxy": "ai-proxy",
      "ai-request-transformer": "ai-request-transformer",
      "ai-response-transformer": "ai-response-transformer",
      "aws-lambda": "aws-lambda",
      "azure-functions": "azure-functions",
      "basic-auth": "basic-auth",
      datadog: "datadog",
      "grpc-gateway": "grpc-gateway",
      "grpc-web": "grpc-web",
      "hmac-auth": "hmac-auth",
      "ldap-auth": "ldap-auth",
      loggly: "loggly",
      oauth2: "oauth2",
      opentelemetry: "opentelemetry",
      prometheus: "prometheus",
      "proxy-cache": "proxy-cache",
      redirect: "redirect",
      "request-transformer": "request-transformer",
      "response-ratelimiting": "response-ratelimiting",
      "response-transformer": "response-transformer",
      session: "session",
      "standard-webhooks": "standard-webhooks",
      statsd: "statsd",
      syslog: "syslog",
      "tcp-log": "tcp-log",
      "udp-log": "udp-log",
      zipkin: "zipkin",
      "request-validator": "request-validator",
      "openid-connect": "openid-connect",
    };
    const configs: Partial<PluginConfigs> = { "key-auth": {} };
    expect(Object.keys(every)).toEqual([...pluginNames]);
    expect(configs["key-auth"]).toEqual({});
  });
});
