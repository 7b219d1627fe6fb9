import { checkPluginConfig } from "../../src/plugins";
import { containerValidator, stringValidator } from "../../src/plugins/field-validators";

function validator(name: string): (value: string) => string | undefined {
  const found = stringValidator(name);
  if (!found) throw new Error(`no validator ${name}`);
  return found;
}

describe("Kong's custom validators, decided offline", () => {
  it("validate_host takes names and IP addresses without a port, as kong.tools.ip does", () => {
    const host = validator("validate_host");
    for (const ok of [
      "redis",
      "redis.internal",
      "fqdn.example.",
      "10.0.0.1",
      "::1",
      "[::1]",
      "a_b",
    ])
      expect([ok, host(ok)]).toEqual([ok, undefined]);
    expect(host("redis:6379")).toBe("a host without a port");
    expect(host("10.0.0.1:6379")).toBe("a host without a port");
    expect(host("[::1]:6379")).toBe("a host without a port");
    for (const bad of ["redis internal", "a..b", "host-.example", "300.1.1.1", "1:2:3", "http://x"])
      expect([bad, host(bad)]).toEqual([bad, "a host name or an IP address"]);
  });

  it("validate_sni takes a host name only", () => {
    const sni = validator("validate_sni");
    expect(sni("redis.internal")).toBeUndefined();
    expect(sni("10.0.0.1")).toBe("a host name, not an IP address");
    expect(sni("redis.internal:6379")).toBe("a host name without a port");
  });

  it("validate_host_with_wildcards takes a wildcard label and a port", () => {
    const hosts = validator("validate_host_with_wildcards");
    expect(hosts("*.shop.example")).toBeUndefined();
    expect(hosts("shop.example:8443")).toBeUndefined();
    expect(hosts("shop example")).toBeDefined();
  });

  it("validate_path takes RFC 3986 characters with well-formed escapes", () => {
    const path = validator("validate_path");
    expect(path("/orders/%20a:b@c")).toBeUndefined();
    expect(path("/orders/{id}")).toBe("a path of the characters RFC 3986 allows");
    expect(path("/orders/%zz")).toBe("a path whose every % starts a two-digit hex escape");
  });

  it("the transformers' header lists take header names before and after the colon", () => {
    const headers = validator(
      "validate_headers: the part before the first ':' must be a valid header name (kong.tools.http.validate_header_name); error \"'<name>' is not a valid header\"",
    );
    expect(headers("X-Env:prod")).toBeUndefined();
    expect(headers("X Env:prod")).toBeDefined();
    const rename = validator(
      "validate_colon_headers: 'old:new' -- both the part before and the part after the first ':' must be valid header names (kong.tools.http.validate_header_name); error \"'<name>' is not a valid header\"",
    );
    expect(rename("X-Old:X-New")).toBeUndefined();
    expect(rename("X-Old:")).toBeDefined();
    expect(rename("X-Old:X New")).toBeDefined();
  });

  it("acme's namespace may not start with a reserved prefix", () => {
    const namespace = validator(
      "validate_namespace: a non-empty namespace must not start with a reserved key prefix of kong/plugins/acme/reserved_words.lua ('kong_acme:renew_config:', 'kong_acme:renew_last_run', 'kong_acme:cert_key:'); error \"namespace can't be prefixed with reserved word: <w>\"",
    );
    expect(namespace("shop")).toBeUndefined();
    expect(namespace("kong_acme:cert_key:shop")).toBe(
      `a namespace that does not start with Kong's reserved prefix "kong_acme:cert_key:"`,
    );
  });

  it("opentelemetry's resource attributes are non-empty scalars", () => {
    const attributes = containerValidator(
      "custom_validator: every map value must be a string, number or boolean (error 'invalid type of value: <type>'); an empty string value -> 'required field missing'",
    )!;
    expect(attributes({ "service.name": "shop", replicas: 3, canary: false })).toBeUndefined();
    expect(attributes({ "service.name": "" })).toBe(
      'holds an empty string at "service.name"; expected only non-empty strings, numbers or booleans',
    );
    expect(attributes({ tags: ["a"] })).toBe(
      'holds an array at "tags"; expected only string, number or boolean values',
    );
  });

  it("leaves to Kong the validators only a node can run, and refuses to guess an unknown one", () => {
    expect(
      stringValidator("loadstring(fun) must compile; error 'error parsing <plugin>: <err>'"),
    ).toBeUndefined();
    expect(() => stringValidator("validate_something_new")).toThrow(
      "Plugin catalogue: a validator without a decision (checked or listed as unchecked): validate_something_new",
    );
  });
});

describe("validators of whole values, through a plugin's check", () => {
  it("response-ratelimiting: each limit's periods in order", () => {
    expect(
      checkPluginConfig("response-ratelimiting", {
        limits: { sms: { second: 20, minute: 10 } },
      }).map((p) => p.message),
    ).toEqual([
      "Plugin response-ratelimiting: config.limits[\"sms\"] has minute 10 below second 20; expected a longer period's limit not lower than a shorter one's.",
    ]);
  });
});
