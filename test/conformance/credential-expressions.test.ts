import { checkSecretsInStack } from "../../src/conformance";
import { goodStack } from "./fixtures";

const EXPECTED =
  "expected Secret.fromVariable (a sensitive variable) or Secret.fromVault (a Kong vault reference)";

/** The problems of goodStack with a key-auth credential whose key is `key`, and a plugin secret. */
function withKey(key: string): string[] {
  const stack = goodStack();
  const resources = stack.resource as Record<string, Record<string, unknown>>;
  resources.kong_consumer_key_auth = {
    app_key: { consumer_id: "${kong_consumer.app.id}", key },
  };
  return checkSecretsInStack(stack).map((p) => `${p.address}: ${p.message}`);
}

describe("expressions in a credential's place", () => {
  it("counts a string, a decoder and an unmarking function as the literal they are", () => {
    const cases: [string, string][] = [
      ['${"hunter2"}', "a string written in the expression"],
      [
        '${base64decode("aHVudGVyMg==")}',
        "a call to the function base64decode() (it decodes text written in the stack)",
      ],
      [
        '${textdecodebase64("aHVudGVyMg==", "UTF-8")}',
        "a call to the function textdecodebase64() (it decodes text written in the stack)",
      ],
      [
        "${nonsensitive(var.kong_admin_uri)}",
        "a call to the function nonsensitive() (it reveals a sensitive value)",
      ],
      [
        '${file("secret.txt")}',
        "a call to the function file() (it reads a file of the repository into the plan)",
      ],
      ["${local.key}", "a reference to local.key, not to a variable"],
    ];
    for (const [key, what] of cases)
      expect(withKey(key)).toEqual([
        `kong_consumer_key_auth.app_key: attribute key holds ${what}, which can carry or reveal the credential; ${EXPECTED}.`,
      ]);
    expect(JSON.stringify(cases.map(([key]) => withKey(key)))).not.toMatch(/hunter2|aHVudGVy/);
  });

  it("takes a sensitive variable, and refuses the provider's Admin API variable anywhere but the provider", () => {
    expect(withKey("${var.kong_admin_token}")).toEqual([
      `kong_consumer_key_auth.app_key: attribute key references var.kong_admin_token, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; ${EXPECTED} of its own.`,
    ]);
    const stack = goodStack();
    (stack.variable as Record<string, unknown>).app_key = { type: "string", sensitive: true };
    (stack.resource as Record<string, unknown>).kong_consumer_key_auth = {
      app_key: { consumer_id: "${kong_consumer.app.id}", key: "${var.app_key}" },
    };
    expect(checkSecretsInStack(stack)).toEqual([]);
  });
});

describe("a URL written as a template", () => {
  /** The problems of goodStack with an http-log plugin whose config_json is `configJson`. */
  function withHttpLog(configJson: string): string[] {
    const stack = goodStack();
    (stack.resource as Record<string, Record<string, unknown>>).kong_plugin.logs = {
      name: "http-log",
      config_json: configJson,
    };
    return checkSecretsInStack(stack).map((p) => `${p.address}: ${p.message}`);
  }

  it("counts a string or a function written in its user info, host or query as a literal credential", () => {
    const refused = `kong_plugin.logs: Plugin http-log: config.http_endpoint holds a literal secret; expected a sensitive variable or a Kong vault reference such as {vault://env/NAME}.`;
    for (const endpoint of [
      'https://${"user:pass"}@logs.example',
      'https://${"us"}er:${"pass"}@logs.example',
      'https://${base64decode("dXNlcjpwYXNz")}@logs.example',
      'https://logs.example/in?${"token"}=x',
      "https://${nonsensitive(var.kong_admin_uri)}/in",
    ])
      expect(withHttpLog(`{"http_endpoint":"${endpoint}"}`)).toEqual([refused]);
    expect(withHttpLog('{"http_endpoint":"${"https://user:pass@logs.example"}"}')).toEqual([
      `kong_plugin.logs: Plugin http-log: config.http_endpoint holds a string written in the expression, which can carry or reveal the credential; ${EXPECTED}.`,
    ]);
    expect(
      JSON.stringify(withHttpLog('{"http_endpoint":"https://${"user:pass"}@l"}')),
    ).not.toContain("pass");
  });

  it("takes references to variables and resources where no credential can go", () => {
    for (const endpoint of [
      "https://${var.kong_admin_uri}/in",
      "https://logs.example/${local.env}?stream=${var.kong_admin_uri}",
      'https://logs.example/${lower("IN")}',
    ])
      expect(withHttpLog(`{"http_endpoint":"${endpoint}"}`)).toEqual([]);
  });
});
