import { Secret } from "../../src/common";
import { checkPluginConfig } from "../../src/plugins";
import { isCredentialName, pluginSecrets, urlCredentials } from "../../src/secrets";

function messages(name: string, config: unknown): string[] {
  return checkPluginConfig(name, config, { route: true }, { on: "route r" }).map((p) => p.message);
}

const EXPECTED = "expected a Secret (Secret.fromVariable or Secret.fromVault)";

describe("credentials in plugin configs", () => {
  it("refuse the literals of the issue: a token in the URL and an API key header, never echoing them", () => {
    const found = messages("http-log", {
      http_endpoint: "https://c.internal/i?token=hunter2",
      headers: { "X-Api-Key": "hunter3" },
    });
    expect(found).toEqual([
      `Plugin http-log on route r: config.http_endpoint carries credentials (the query parameter "token"); ${EXPECTED} holding the whole URL, never a literal credential.`,
      `Plugin http-log on route r: config.headers["X-Api-Key"] is a literal (a credential header); ${EXPECTED}, never a literal credential.`,
    ]);
    expect(found.join("\n")).not.toMatch(/hunter/);
  });

  it("accept Secrets there, and literals that carry no credential", () => {
    expect(
      messages("http-log", {
        http_endpoint: Secret.fromVariable("log_url"),
        headers: { "X-Api-Key": Secret.fromVault("{vault://env/log-key}"), "X-Tenant": "shop" },
      }),
    ).toEqual([]);
    expect(
      messages("http-log", { http_endpoint: "https://c.internal/i?tenant=shop&page=2" }),
    ).toEqual([]);
  });

  it("refuse a literal in every field Kong encrypts, whatever its type", () => {
    expect(
      messages("rate-limiting", {
        minute: 1,
        policy: "redis",
        redis: { host: "r", password: "pw" },
      }),
    ).toEqual([
      `Plugin rate-limiting on route r: config.redis.password is a literal (a field Kong encrypts); ${EXPECTED}, never a literal credential.`,
    ]);
    expect(
      messages("openid-connect", {
        issuer: "https://idp",
        client_id: [{ resolve: () => "x" }],
        client_secret: [Secret.fromVariable("oidc_secret"), 42],
      }),
    ).toEqual([
      `Plugin openid-connect on route r: config.client_id[0] is an object that is not a Secret (a field Kong encrypts); ${EXPECTED}, never a literal credential.`,
      `Plugin openid-connect on route r: config.client_secret[1] is a number (a field Kong encrypts); ${EXPECTED}, never a literal credential.`,
    ]);
    // A vault reference is no credential, but the only way in is still Secret.fromVault.
    expect(
      messages("rate-limiting", {
        minute: 1,
        policy: "redis",
        redis: { host: "r", password: "{vault://env/redis}" },
      }),
    ).toEqual([
      `Plugin rate-limiting on route r: config.redis.password is a literal (a field Kong encrypts); ${EXPECTED}, never a literal credential.`,
    ]);
  });

  it("refuse credential headers by name and by an auth-scheme value", () => {
    for (const header of ["Authorization", "Proxy-Authorization", "Cookie", "X-Auth-Token"]) {
      expect(
        messages("http-log", { http_endpoint: "https://l", headers: { [header]: "v" } }),
      ).toEqual([
        `Plugin http-log on route r: config.headers[${JSON.stringify(header)}] is a literal (a credential header); ${EXPECTED}, never a literal credential.`,
      ]);
    }
    expect(
      messages("http-log", { http_endpoint: "https://l", headers: { "X-Upstream": "Bearer abc" } }),
    ).toEqual([
      `Plugin http-log on route r: config.headers["X-Upstream"] is a literal (a header carrying a credential); ${EXPECTED}, never a literal credential.`,
    ]);
  });

  it("refuse a Secret where Kong takes none, and credentials in a URL field that cannot hold a Secret", () => {
    expect(
      messages("http-log", { http_endpoint: "https://l", method: Secret.fromVariable("m") }),
    ).toEqual([
      "Plugin http-log on route r: config.method is a Secret; expected a string (Kong takes no secret in this field).",
    ]);
    expect(messages("openid-connect", { issuer: "https://u:p@idp" })).toEqual([
      "Plugin openid-connect on route r: config.issuer carries credentials (user info in the URL); expected a URL without credentials (Kong takes no secret in this field).",
    ]);
  });

  it("leave credentials to the stack checker when asked to (synthesized configs)", () => {
    expect(
      checkPluginConfig(
        "rate-limiting",
        { minute: 1, policy: "redis", redis: { host: "r", password: "${var.redis_password}" } },
        {},
        { checkCredentials: false },
      ),
    ).toEqual([]);
  });
});

describe("credential names and URLs", () => {
  it("tells a credential's name by its parts", () => {
    for (const name of [
      "Authorization",
      "X-Api-Key",
      "apiKey",
      "access_token",
      "X-Amz-Signature",
      "Cookie",
      "client_secret",
      "sessionid",
      "pwd",
    ])
      expect([name, isCredentialName(name)]).toEqual([name, true]);
    for (const name of ["X-Request-Id", "Content-Type", "author", "tenant", "keyboard", "page"])
      expect([name, isCredentialName(name)]).toEqual([name, false]);
  });

  it("finds user info and credential query parameters in a URL", () => {
    expect(urlCredentials("https://u:p@h/x")).toBe("user info in the URL");
    expect(urlCredentials("https://h/x?a=1&api%5Fkey=2")).toBe('the query parameter "api_key"');
    expect(urlCredentials("https://h/x?a=1#token=2")).toBeUndefined();
    expect(urlCredentials("https://h/x@y")).toBeUndefined();
    expect(urlCredentials("not a url?token=1")).toBeUndefined();
  });

  it("pluginSecrets lists every place of a config that must hold a secret reference", () => {
    expect(
      pluginSecrets("openid-connect", {
        issuer: "https://idp",
        client_id: ["app"],
        client_secret: ["s1"],
      }),
    ).toEqual([
      {
        path: "config.client_id[0]",
        value: "app",
        kind: "credential",
        reason: "a field Kong encrypts",
      },
      {
        path: "config.client_secret[0]",
        value: "s1",
        kind: "credential",
        reason: "a field Kong encrypts",
      },
    ]);
  });
});
