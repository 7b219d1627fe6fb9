import { renderTemplate } from "../common";

/**
 * The provider's own credentials: the variables the gateway declares for the Kong Admin API.
 * Used anywhere but the provider, such a variable hands the Admin API to whoever reads the
 * entity (a consumer's key, a header sent to a log server, a message sent to every client).
 */
const ADMIN_CREDENTIAL_VARIABLES: readonly string[] = [
  "kong_admin_token",
  "kong_api_key",
  "kong_admin_password",
];

/** Whether a variable name is one of the provider's own Admin API credentials. */
export function isAdminCredentialVariable(name: string): boolean {
  return ADMIN_CREDENTIAL_VARIABLES.includes(name);
}

const IDENTIFIER = "[A-Za-z_][A-Za-z0-9_-]*";
const VARIABLE = new RegExp(`^var\\s*\\.\\s*(${IDENTIFIER})$`);
// jsonencode(var.x): how a variable is written outside a JSON string of config_json.
const JSON_VARIABLE = new RegExp(`^jsonencode\\s*\\(\\s*var\\s*\\.\\s*(${IDENTIFIER})\\s*\\)$`);
const TRAVERSAL = new RegExp(`^${IDENTIFIER}(\\s*\\.\\s*${IDENTIFIER})+$`);
const CALL = /^([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_-]*)*)\s*\(/;
// cdktf writes a token as `${TfToken[TOKEN.12]}` until synth: what it becomes is not known yet.
const CDKTF_TOKEN = /^TfToken\[[A-Za-z0-9:._-]+\]$/;

/** Functions whose reason to be refused deserves its own words (every call is refused). */
const FUNCTION_REASONS: Readonly<Record<string, string>> = {
  nonsensitive: "it reveals a sensitive value",
  sensitive: "it marks a value sensitive but still writes it into the stack",
  base64decode: "it decodes text written in the stack",
  base64gunzip: "it decodes text written in the stack",
  textdecodebase64: "it decodes text written in the stack",
  urldecode: "it decodes text written in the stack",
  jsondecode: "it decodes text written in the stack",
  yamldecode: "it decodes text written in the stack",
  csvdecode: "it decodes text written in the stack",
  file: "it reads a file of the repository into the plan",
  filebase64: "it reads a file of the repository into the plan",
  templatefile: "it reads a file of the repository into the plan",
};

/**
 * What a Terraform expression (the text inside `${…}`) in a credential's place is: a reference
 * to a variable (`var.NAME`, also as `jsonencode(var.NAME)` outside a JSON string), or anything
 * else, described without echoing it (it may hold the credential). Only a variable can be
 * checked to be sensitive and set outside the repository: a string, a function (`base64decode`
 * of text in the stack, `nonsensitive`, `file`), a local value or another resource's attribute
 * can carry or reveal the credential, so each counts as a literal there.
 */
export type CredentialExpression =
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "computed"; readonly what: string };

export function credentialExpression(expression: string): CredentialExpression {
  const code = expression.trim();
  const variable = VARIABLE.exec(code) ?? JSON_VARIABLE.exec(code);
  if (variable) return { kind: "variable", name: variable[1] };
  if (CDKTF_TOKEN.test(code)) return { kind: "computed", what: "a value computed by code" };
  const call = CALL.exec(code);
  if (call) {
    const reason = FUNCTION_REASONS[call[1]];
    return {
      kind: "computed",
      what: `a call to the function ${call[1]}()${reason ? ` (${reason})` : ""}`,
    };
  }
  if (code.startsWith('"') || code.startsWith("<<"))
    return { kind: "computed", what: "a string written in the expression" };
  if (TRAVERSAL.test(code)) {
    // Names only (identifiers), never a value: `local.x`, `terraform_data.x`.
    const [root, name] = code.split(".").map((part) => part.trim());
    return { kind: "computed", what: `a reference to ${root}.${name}, not to a variable` };
  }
  return { kind: "computed", what: "a Terraform expression" };
}

// Stands for text Terraform computes from an expression that is not a plain reference.
const COMPUTED = "\uE000";
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?/;
// A Terraform string expression with no template of its own: `"user:pass"`.
const PLAIN_STRING = /^"(?:[^"\\$%]|\\.)*"$/;

/**
 * Why a string written as a template (`https://${"user:pass"}@logs`) puts a credential in a URL,
 * or undefined. The URL is judged as Terraform would write it: a string written in an expression
 * in place, a reference (`var.x`, `local.x`, a resource's attribute, a cdktf token) as a plain
 * word. An expression of any other kind (a function, an operator) computing the scheme, the user
 * info, the host or the query could put a credential there, so it is refused where the text
 * around makes a URL, and anywhere in a field typed as a URL. `judge` judges a literal URL
 * (`urlCredentials`).
 */
export function urlTemplateCredentials(
  template: string,
  judge: (url: string) => string | undefined,
  urlField: boolean,
): string | undefined {
  const view = renderTemplate(template, (expression) => {
    const code = expression.trim();
    if (VARIABLE.test(code) || TRAVERSAL.test(code) || CDKTF_TOKEN.test(code)) return "x";
    return PLAIN_STRING.test(code) ? code.slice(1, -1).replace(/\\(.)/g, "$1") : COMPUTED;
  });
  const why = judge(view.replace(new RegExp(COMPUTED, "g"), "x"));
  if (why || !view.includes(COMPUTED)) return why;
  const parts = URL_PARTS.exec(view);
  if (!parts) return urlField ? "a Terraform expression computing the URL" : undefined;
  if (parts[1].includes(COMPUTED) || parts[2].includes(COMPUTED))
    return "a Terraform expression computing its scheme, user info or host";
  if (parts[4]?.includes(COMPUTED)) return "a Terraform expression computing its query";
  return undefined;
}
