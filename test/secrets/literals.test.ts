import { Secret } from "../../src/common";
import { checkPluginConfig } from "../../src/plugins";
import {
  findCredentialShape,
  findLuaCredential,
  isLuaCredentialName,
  literalCredentials,
} from "../../src/secrets";

// Look-alikes built at run time, so that no credential-shaped literal sits in this file.
const JWT = ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "c2lnbmF0dXJlLXBhcnQ"].join(
  ".",
);
const AWS = "AKIA" + "IOSFODNN7EXAMPLE";
const GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const GITHUB_PAT = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnop";
const SLACK = "xoxb-" + "1234567890-abcdefghij";
const STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
const GOOGLE = "AIza" + "SyA1234567890abcdefghijklmnopqrstuv";
const PEM = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEow…\n-----END RSA PRIVATE KEY-----";

describe("credential shapes in free text", () => {
  it.each([
    [PEM, "a PEM private key"],
    ["-----BEGIN " + "PRIVATE KEY-----", "a PEM private key"],
    ["-----BEGIN " + "OPENSSH PRIVATE KEY-----", "a PEM private key"],
    [`token is ${JWT} here`, "a JWT"],
    [`id ${AWS}`, "an AWS access key id"],
    [GITHUB, "a GitHub token"],
    [GITHUB_PAT, "a GitHub token"],
    [SLACK, "a Slack token"],
    [STRIPE, "a Stripe live key"],
    [GOOGLE, "a Google API key"],
    ["Bearer abc123def456", "an auth scheme with a token (Bearer …)"],
    ["basic dXNlcjpwYXNzd29yZA==", "an auth scheme with a token (Bearer …)"],
    ["Token AbCdEfGhIjKl", "an auth scheme with a token (Bearer …)"],
    ["X-Api-Key:hunter3", 'the credential header "X-Api-Key" with a literal value'],
    ["Authorization: Bearer x", 'the credential header "Authorization" with a literal value'],
    ["apikey:1", 'the credential header "apikey" with a literal value'],
  ])("%j is %s", (text, rule) => {
    expect(findCredentialShape(text)?.rule).toBe(rule);
  });

  it.each([
    ["a certificate", "-----BEGIN CERTIFICATE-----\nMIIB…"],
    ["a public key", "-----BEGIN PUBLIC KEY-----\nMIIB…"],
    ["prose after a scheme", "Send a Bearer token-based header; Basic authentication is off"],
    ["a short word after a scheme", "Bearer JWT"],
    ["a scheme and a template", "Authorization:Bearer $(headers.x_token)"],
    ["a header from a Terraform expression", "X-Api-Key:${var.api_key}"],
    ["a header given a vault reference", "X-Api-Key:{vault://env/key}"],
    ["a header that is no credential", "X-Tenant:shop"],
    ["a credential header with no value", "Authorization:"],
    ["two lines", "X-Api-Key:\nabc"],
    ["an AKIA too short", "AKIA1234"],
    ["a JWT-ish word", "eyJ.eyJ.x"],
    ["a ghp_ prefix alone", "ghp_short"],
    ["a test-mode Stripe key", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"],
  ])("%s is no credential", (_, text) => {
    expect(findCredentialShape(text)).toBeUndefined();
  });

  it("leaves name pairs alone where a field pairs two names (rename)", () => {
    expect(findCredentialShape("Authorization:X-Upstream-Auth", { headerPairs: false })).toBe(
      undefined,
    );
    expect(findCredentialShape(`Authorization:${JWT}`, { headerPairs: false })?.rule).toBe("a JWT");
  });
});

describe("literal credentials in Lua", () => {
  it.each([
    [
      'kong.service.request.set_header("Authorization", "Bearer hunter3")',
      'a Lua string passed with the credential header "Authorization"',
      1,
      50,
    ],
    [`kong.service.request.set_header("X-Auth", "Bearer ${JWT}")`, "a JWT", 1, 43],
    ['local api_key = "hunter3"', 'a Lua string assigned to the credential name "api_key"', 1, 17],
    [
      "local conf = {\n  password = [[s3cr3t]],\n}",
      'a Lua string assigned to the credential name "password"',
      2,
      14,
    ],
    [
      'headers["X-Api-Key"] = "hunter3"',
      'a Lua string assigned to the credential header "X-Api-Key"',
      1,
      24,
    ],
    [
      'if kong.request.get_header("X-Api-Key") ~= "letmein1" then return kong.response.exit(401) end',
      'a Lua string compared with the credential header "X-Api-Key"',
      1,
      44,
    ],
    [
      'if "letmein1" == conf.clientSecret then end',
      'a Lua string compared with the credential name "clientSecret"',
      1,
      4,
    ],
    ["-- old key: " + AWS + "\nreturn 1", "an AWS access key id", 1, 1],
    [
      "local t = \"first\"\n\n  local h = 'X-Api-Key:hunter3'",
      'the credential header "X-Api-Key" with a literal value',
      3,
      13,
    ],
    [
      'local s = "a\\"b"  local token = "t0k3n"',
      'a Lua string assigned to the credential name "token"',
      1,
      33,
    ],
    [
      "--[[ long\ncomment ]] local secret = 'x'",
      'a Lua string assigned to the credential name "secret"',
      2,
      27,
    ],
  ])("%j: %s at %i:%i", (source, rule, line, column) => {
    expect(findLuaCredential(source)).toEqual({ rule, line, column });
  });

  it.each([
    ["a header read from the request", 'local token = kong.request.get_header("Authorization")'],
    ["a scheme prefix joined at run time", 'local auth = "Bearer " .. token'],
    ["a format pattern", 'local value = string.format("Bearer %s", token)\nlocal token = "%s"'],
    ["a vault lookup", 'local api_key = kong.vault.get("{vault://env/partner-key}")'],
    ["a credential header's name", 'local header = "Authorization"\nlocal token = "X-Auth-Token"'],
    ["a name about a credential", 'local token_type = "refresh"\nlocal secret_name = "orders"'],
    ["a bare key", 'local key = "rate:orders"\nlocal cache_key = "k1"'],
    ["prose under a credential name", 'local token = "token has expired"'],
    ["an empty string", 'if token == "" then return end'],
    ["a scheme word", 'if token_kind == "bearer" then end\nlocal token = "Bearer"'],
    ["a URL", 'local token_endpoint = "https://idp/token"\nlocal token = "https://idp/t"'],
    [
      "a message naming a credential",
      'return kong.response.exit(401, { message = "missing token" })',
    ],
    ["a sentence passed first", 'kong.log.err("bad token", "x1")'],
    ["a comparison with a number", "if #token == 0 then end"],
    ["strings in a comment-free script", 'kong.service.request.set_header("X-Tenant", "shop")'],
  ])("%s is no credential", (_, source) => {
    expect(findLuaCredential(source)).toBeUndefined();
  });

  it("judges a source the same each time, however many others were judged between", () => {
    const secret = 'local api_key = "k3y-0f-th3-t3nant"';
    const found = findLuaCredential(secret);
    expect(found).toMatchObject({ line: 1, column: 17 });
    for (let i = 0; i < 600; i++) {
      expect(findLuaCredential(`local n = ${i}`)).toBeUndefined();
      if (i % 100 === 0) expect(findLuaCredential(secret)).toEqual(found);
    }
    expect(findLuaCredential(secret)).toEqual(found);
    expect(findLuaCredential(`${secret} `)).toEqual(found);
  });

  it("tells credential names from names about credentials", () => {
    for (const name of ["password", "api_key", "apiToken", "client_secret", "accessKey", "pwd"])
      expect([name, isLuaCredentialName(name)]).toEqual([name, true]);
    for (const name of ["key", "cache_key", "token_type", "secret_name", "author", "keys"])
      expect([name, isLuaCredentialName(name)]).toEqual([name, false]);
  });
});

describe("literal credentials in plugin configs", () => {
  const code = 'kong.service.request.set_header("Authorization", "Bearer hunter3")';

  it("scans every phase of pre-function and post-function as Lua, and custom_fields_by_lua", () => {
    expect(
      literalCredentials("post-function", { access: ["return 1", `\n${code}`], log: [] }),
    ).toEqual([
      {
        path: "config.access[1]",
        rule: 'a Lua string passed with the credential header "Authorization"',
        line: 2,
        column: 50,
        lua: true,
        acceptsSecret: false,
      },
    ]);
    expect(
      literalCredentials("http-log", {
        http_endpoint: "https://l",
        custom_fields_by_lua: { who: 'local token = "t0k3n" return token' },
      }).map((l) => [l.path, l.rule]),
    ).toEqual([
      [
        'config.custom_fields_by_lua["who"]',
        'a Lua string assigned to the credential name "token"',
      ],
    ]);
  });

  it("scans every string of any plugin, known or not, but map keys, Secrets, renames and trusted code", () => {
    expect(
      literalCredentials("request-transformer", {
        add: { headers: ["X-Tenant:shop", "X-Api-Key:hunter3"], body: [`t:${GITHUB}`] },
        rename: { headers: ["Authorization:X-Auth"] },
        [JWT]: "keys are not scanned",
        nested: [[{ deep: `Bearer ${JWT}` }]],
      }).map((l) => [l.path, l.rule, l.lua]),
    ).toEqual([
      ["config.add.headers[1]", 'the credential header "X-Api-Key" with a literal value', false],
      ["config.add.body[0]", "a GitHub token", false],
      ["config.nested[0][0].deep", "a JWT", false],
    ]);
    // Lua is skipped only where the caller trusts it (avro-kong's chunks for the environment's pins).
    const code = `local api_key = "${AWS}"\n`;
    const config = { access: [code, Secret.fromVariable("s")] };
    expect(literalCredentials("pre-function", config, new Set(), (lua) => lua === code)).toEqual(
      [],
    );
    expect(literalCredentials("pre-function", config).map((l) => l.rule)).toEqual([
      "an AWS access key id",
    ]);
  });

  it("refuse at creation with one sentence naming the plugin, the field, the place and the rule", () => {
    const messages = (name: string, config: unknown) =>
      checkPluginConfig(name, config, { route: true }, { on: "route orders/get-order" }).map(
        (p) => p.message,
      );
    const found = messages("pre-function", { access: [`return function()\n  ${code}\nend`] });
    expect(found).toEqual([
      'Plugin pre-function on route orders/get-order: config.access[0] line 2, column 52 holds a literal credential (a Lua string passed with the credential header "Authorization"); expected the code to read it at run time, kong.vault.get("{vault://…}"), never a literal credential.',
    ]);
    expect(messages("correlation-id", { header_name: `X-${GOOGLE}` })).toEqual([
      "Plugin correlation-id on route orders/get-order: config.header_name holds a literal credential (a Google API key); expected no credential in this field (Kong takes no secret here).",
    ]);
    // Other problems never show a value that looks like a credential.
    expect(messages("correlation-id", { generator: `uuid ${JWT}` })).toEqual([
      'Plugin correlation-id on route orders/get-order: config.generator is a secret value; expected one of "uuid", "uuid#counter", "tracker".',
      "Plugin correlation-id on route orders/get-order: config.generator holds a literal credential (a JWT); expected no credential in this field (Kong takes no secret here).",
    ]);
    // A header the field rules judge already is reported once.
    expect(
      messages("http-log", {
        http_endpoint: "https://l",
        headers: { "X-Upstream": `Bearer ${JWT}` },
      }),
    ).toHaveLength(1);
    expect(
      [...found, ...messages("correlation-id", { header_name: `X-${GOOGLE}` })].join("\n"),
    ).not.toMatch(/hunter3|AIza/);
  });
});
