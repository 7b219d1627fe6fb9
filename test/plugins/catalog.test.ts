import {
  closestPluginName,
  luaPatternToRegExp,
  pluginEdition,
  pluginNames,
  pluginProtocols,
  pluginSchema,
  pluginScopes,
  pluginScopeNames,
  enterprisePluginNames,
  type KongField,
} from "../../src/plugins";
import { IDENTITY_PLUGINS } from "../../src/catalog";
import { userErrorOf } from "../support/user-error";

const KNOWN =
  "acl, acme, ai-prompt-decorator, ai-prompt-guard, ai-prompt-template, ai-proxy, ai-request-transformer, ai-response-transformer, aws-lambda, azure-functions, basic-auth, bot-detection, correlation-id, cors, datadog, file-log, grpc-gateway, grpc-web, hmac-auth, http-log, ip-restriction, jwt, key-auth, ldap-auth, loggly, oauth2, openid-connect, opentelemetry, post-function, pre-function, prometheus, proxy-cache, rate-limiting, redirect, request-size-limiting, request-termination, request-transformer, request-validator, response-ratelimiting, response-transformer, session, standard-webhooks, statsd, syslog, tcp-log, udp-log, zipkin";
const FIELD_TYPES = ["string", "number", "integer", "boolean", "array", "set", "map", "record"];

function everyField(
  fields: Readonly<Record<string, KongField>>,
  path: string,
): [string, KongField][] {
  return Object.entries(fields).flatMap(([name, field]) => {
    const here: [string, KongField][] = [[`${path}.${name}`, field]];
    for (const part of [field.elements, field.keys, field.values]) {
      if (part) here.push([`${path}.${name}[]`, part]);
      if (part?.fields) here.push(...everyField(part.fields, `${path}.${name}[]`));
    }
    if (field.fields) here.push(...everyField(field.fields, `${path}.${name}`));
    return here;
  });
}

describe("the Kong 3.9 plugin catalog", () => {
  it("lists the plugins the gateway constructs use", () => {
    for (const name of [
      "jwt",
      "key-auth",
      "acl",
      "rate-limiting",
      "pre-function",
      "file-log",
      "http-log",
      "correlation-id",
      "request-size-limiting",
      "request-validator",
      "openid-connect",
      "cors",
      "ip-restriction",
    ]) {
      expect(pluginNames).toContain(name);
    }
  });

  it("has the shape the checker relies on: known field types, element types, Lua patterns it can translate", () => {
    for (const name of pluginNames) {
      const schema = pluginSchema(name)!;
      for (const [path, field] of everyField(schema.config, `${name} config`)) {
        expect([path, FIELD_TYPES.includes(field.type)]).toEqual([path, true]);
        if (field.type === "array" || field.type === "set")
          expect([path, field.elements]).toEqual([path, expect.anything()]);
        if (field.type === "record")
          expect([path, field.fields]).toEqual([path, expect.anything()]);
        if (field.match) expect(() => luaPatternToRegExp(field.match!)).not.toThrow();
        for (const rule of field.match_none ?? [])
          expect(() => luaPatternToRegExp(rule.pattern)).not.toThrow();
      }
      expect(schema.protocols_allowed).toEqual(
        expect.arrayContaining([...schema.protocols_default]),
      );
    }
  });

  it("answers scope, edition and protocols per plugin", () => {
    expect(pluginScopes("pre-function")).toEqual({
      global: true,
      consumer: false,
      route: true,
      service: true,
    });
    expect(pluginScopes("rate-limiting")).toEqual({
      global: true,
      consumer: true,
      route: true,
      service: true,
    });
    expect(pluginScopes("acme")).toEqual({
      global: true,
      consumer: false,
      route: false,
      service: false,
    });
    expect(pluginScopeNames("acme")).toEqual(["global"]);
    expect(pluginScopeNames("jwt")).toEqual(["global", "service", "route"]);
    expect(pluginScopeNames("rate-limiting")).toEqual(["global", "service", "route", "consumer"]);
    expect(enterprisePluginNames).toEqual(["request-validator", "openid-connect"]);
    expect(pluginEdition("jwt")).toBe("oss");
    expect(pluginEdition("request-validator")).toBe("enterprise");
    expect(pluginEdition("openid-connect")).toBe("enterprise");
    expect(pluginProtocols("ip-restriction").default).toEqual([
      "http",
      "https",
      "tcp",
      "tls",
      "grpc",
      "grpcs",
    ]);
    expect(pluginSchema("no-such-plugin")).toBeUndefined();
    expect(userErrorOf(() => pluginScopes("no-such-plugin")).message).toBe(
      `Plugin no-such-plugin: unknown plugin; expected one of ${KNOWN}.`,
    );
    expect(userErrorOf(() => pluginEdition("Key_Auth")).message).toBe(
      `Plugin Key_Auth: unknown plugin (did you mean key-auth?); expected one of ${KNOWN}.`,
    );
  });

  it("suggests the known name nearest to a likely typo, and none for a stranger", () => {
    expect(closestPluginName("rate-limting")).toBe("rate-limiting");
    expect(closestPluginName("rate-limit")).toBe("rate-limiting");
    expect(closestPluginName("jtw")).toBe("jwt");
    expect(closestPluginName("KEY-AUTH")).toBe("key-auth");
    expect(closestPluginName("http_log")).toBe("http-log");
    expect(closestPluginName("no-such")).toBeUndefined();
    expect(closestPluginName("graphql-proxy-cache")).toBeUndefined();
  });

  it("returns copies, so callers cannot change the catalog", () => {
    const scopes = pluginScopes("jwt") as { consumer: boolean };
    scopes.consumer = true;
    expect(pluginScopes("jwt").consumer).toBe(false);
    pluginProtocols("jwt").allowed.push("udp");
    expect(pluginProtocols("jwt").allowed).not.toContain("udp");
  });
});

describe("the catalogue's identity plugins", () => {
  it.each(IDENTITY_PLUGINS)(
    "%s is a catalogue plugin that authenticates in the access phase, before acl authorizes",
    (name) => {
      const schema = pluginSchema(name)!;
      expect(schema).toBeDefined();
      // Enterprise plugins come without handler.lua; Kong runs every authentication plugin first.
      if (schema.handler) {
        expect(schema.handler.phases).toContain("access");
        expect(schema.handler.priority).toBeGreaterThan(pluginSchema("acl")!.handler!.priority);
      }
    },
  );
});
