import { Token, Tokenization, type IResolvable } from "cdktf";
import type { IConstruct } from "constructs";
import { isAdminCredentialVariable } from "../secrets";
import { refusal } from "./refusal";

// How cdktf writes a string token into a string until synth: `${TfToken[TOKEN.12]}`.
const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9:._-]+\]\}/g;

/** `text`, known now, written so that Terraform's template syntax reads it back unchanged. */
function escapeTemplate(text: string): string {
  // A function as replacement: in a replacement string `$$` would itself mean one `$`.
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * Terraform evaluates `${…}` and `%{…}` in every string of cdk.tf.json: a literal that holds them
 * would be a template (`"down: ${var.kong_admin_token}"` would send the token). Each literal part
 * is written with `$${`/`%%{` (what cdktf's `Fn.rawString` writes), so Terraform reads it back
 * literally; tokens the constructs create themselves (a Secret's variable, a resource's id) stay
 * references, also inside a larger string. `where` names the value for the one case refused: a
 * literal `$` right before a reference, which Terraform would read as the escape `$${`; the
 * refusal carries the path of `scope`, the construct the value belongs to, when one is given.
 */
export function literalForTerraform(value: string, where = "A string", scope?: IConstruct): string {
  // A pure function of the text (a token's text always stands for the same token), asked again
  // and again for the same few: a route's id in each of its plugins, tags, a contract's chunk.
  let written = writtenByText.get(value);
  if (written === undefined) {
    written = writeLiteral(value, where, scope);
    if (writtenByText.size >= MAX_REMEMBERED) writtenByText.clear();
    writtenByText.set(value, written);
  }
  return written;
}

/** What `literalForTerraform` wrote, by text (refused texts throw and are not kept). */
const writtenByText = new Map<string, string>();
const MAX_REMEMBERED = 50_000;

function writeLiteral(value: string, where: string, scope: IConstruct | undefined): string {
  if (!Token.isUnresolved(value)) return escapeTemplate(value);
  refuseAdminCredential(value, where, scope);
  let out = "";
  let last = 0;
  for (const token of value.matchAll(STRING_TOKEN)) {
    const literal = value.slice(last, token.index);
    if (literal.endsWith("$"))
      throw refusal(
        `${where} puts a literal "$" right before a reference, which Terraform would read as the escape "$\${" and so never resolve; expected other text between them.`,
        scope,
      );
    out += escapeTemplate(literal) + token[0];
    last = token.index + token[0].length;
  }
  return out + escapeTemplate(value.slice(last));
}

/**
 * A copy of the props a construct hands to an L1 resource with every string written by
 * `literalForTerraform`: names, tags, paths, hosts, usernames, headers, `custom_id`, credential
 * fields… A value of any other kind (a number, a token object) is passed as it is. Every Kong
 * entity the constructs write goes through here (test/constructs/construct-strings.test.ts
 * holds each string attribute of the provider's resources to it). A refusal names `what` and the
 * prop (`Consumer app basic-auth credential 0 username`) and carries the path of `scope`.
 */
export function terraformLiterals<T>(scope: IConstruct, what: string, props: T): T {
  return literalsIn(scope, what, "", props) as T;
}

function literalsIn(scope: IConstruct, what: string, prop: string, value: unknown): unknown {
  if (typeof value === "string")
    return literalForTerraform(value, `${what}${prop ? ` ${prop}` : ""}`, scope);
  if (Array.isArray(value))
    return value.map((item, i) => literalsIn(scope, what, `${prop}[${i}]`, item));
  if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        literalsIn(scope, what, prop ? `${prop}.${key}` : key, item),
      ]),
    );
  return value;
}

/** The variable names a token refers to: a reference (`var.x`), also as a function's argument. */
function referencedVariables(token: IResolvable): string[] {
  const out: string[] = [];
  const stack: unknown[] = [token];
  while (stack.length > 0 && out.length < 100) {
    const item = stack.pop() as { identifier?: unknown; args?: unknown };
    if (typeof item !== "object" || item === null) continue;
    const match =
      typeof item.identifier === "string" ? /^var\.([A-Za-z0-9_-]+)$/.exec(item.identifier) : null;
    if (match) out.push(match[1]);
    if (Array.isArray(item.args)) stack.push(...(item.args as unknown[]));
  }
  return out;
}

/**
 * A token the provider's own Admin API credential stands behind (its TerraformVariable's
 * `stringValue`, also inside a larger string or a function) is refused anywhere the constructs
 * write it, as `Secret.fromVariable("kong_admin_token")` is: it would hand the Admin API to
 * whoever reads the entity. The refusal carries the path of `scope`, when one is given.
 */
export function refuseAdminCredential(value: string, where: string, scope?: IConstruct): void {
  for (const token of Tokenization.reverseString(value).tokens)
    for (const name of referencedVariables(token))
      if (isAdminCredentialVariable(name))
        throw refusal(
          `${where} references var.${name}, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; expected a credential of its own (Secret.fromVariable with another name, or Secret.fromVault).`,
          scope,
        );
}
