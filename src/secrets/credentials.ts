import { Secret } from "../common";
import { type KongPluginSchema, hasInterpolation } from "../catalog";
import { literalCredentials, literalPlace, type LiteralCredential } from "./literals";
import { acceptsSecret, visitPluginSecrets } from "./plugin-secrets";

const EXPECTED_SECRET = "expected a Secret (Secret.fromVariable or Secret.fromVault)";

/** What a value in a credential's place is, without ever showing it. */
function kindOf(value: unknown): string {
  if (typeof value === "string")
    return hasInterpolation(value) ? "a Terraform expression" : "a literal";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object that is not a Secret";
  return `a ${typeof value}`;
}

/** What to write instead of a literal credential found in free text. */
function literalRemedy(literal: LiteralCredential): string {
  if (literal.lua)
    return 'expected the code to read it at run time, kong.vault.get("{vault://…}"), never a literal credential';
  return literal.acceptsSecret
    ? `${EXPECTED_SECRET} holding the whole value, never a literal credential`
    : "expected no credential in this field (Kong takes no secret here)";
}

/** A credential problem at a place of a config, in the plugin checker's shape. */
interface FieldProblem {
  readonly path: string;
  readonly detail: string;
}

/**
 * Every credential of a plugin config as written in code must be a `Secret`: a literal (or a
 * value of another type) in one of its places is a problem, and so is a literal credential in
 * any free-text string (`literalCredentials`), in every environment. The value is never echoed.
 */
export function checkPluginCredentials(
  plugin: string,
  schema: KongPluginSchema,
  config: Record<string, unknown>,
  isTrustedCode?: (lua: string) => boolean,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const judged = new Set<string>();
  visitPluginSecrets(schema.config, config, (secret, field) => {
    judged.add(secret.path);
    if (Secret.isSecret(secret.value)) return;
    const { path, reason } = secret;
    if (secret.kind === "credential") {
      out.push({
        path,
        detail: `${path} is ${kindOf(secret.value)} (${reason}); ${EXPECTED_SECRET}, never a literal credential`,
      });
    } else if (acceptsSecret(field)) {
      out.push({
        path,
        detail: `${path} carries credentials (${reason}); ${EXPECTED_SECRET} holding the whole URL, never a literal credential`,
      });
    } else {
      out.push({
        path,
        detail: `${path} carries credentials (${reason}); expected a URL without credentials (Kong takes no secret in this field)`,
      });
    }
  });
  for (const literal of literalCredentials(plugin, config, judged, isTrustedCode)) {
    out.push({
      path: literal.path,
      detail: `${literalPlace(literal)} holds a literal credential (${literal.rule}); ${literalRemedy(literal)}`,
    });
  }
  return out;
}
