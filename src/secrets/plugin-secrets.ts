import {
  pluginSchema,
  type KongField,
  childPath,
  hasInterpolation,
  isPlainObject,
} from "../catalog";
import { urlTemplateCredentials } from "./credential-expressions";

/** A place in a plugin config that carries a credential, with the value found there. */
export interface PluginSecret {
  /** e.g. `config.redis.password`, `config.client_secret[0]`, `config.headers["X-Api-Key"]`. */
  readonly path: string;
  readonly value: unknown;
  /** A credential field or header (a Secret and nothing else), or a URL that carries one. */
  readonly kind: "credential" | "url";
  /** Why it is a credential, e.g. `a field Kong encrypts`, `user info in the URL`. */
  readonly reason: string;
}

// Words that make a header, query parameter or field name a credential's name once the name is
// split into its parts ("X-Api-Key" → x, api, key; "accessToken" → access, token).
const CREDENTIAL_WORDS = new Set([
  "apikey",
  "auth",
  "authorization",
  "bearer",
  "cookie",
  "credential",
  "credentials",
  "jwt",
  "key",
  "pass",
  "passwd",
  "password",
  "pwd",
  "secret",
  "session",
  "sessionid",
  "sig",
  "signature",
  "token",
]);
// A header value that is a credential whatever the header is called.
const AUTH_SCHEME_VALUE = /^(basic|bearer|digest|token)\s+\S/i;
const URL_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/;

/** Whether a header, query parameter or field name names a credential (`Authorization`, `X-Api-Key`, `token`). */
export function isCredentialName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return parts.some((part) => CREDENTIAL_WORDS.has(part));
}

/** What makes a URL carry credentials (user info, a credential-like query parameter), or undefined. */
export function urlCredentials(url: string): string | undefined {
  const match = URL_WITH_SCHEME.exec(url);
  if (!match) return undefined;
  if (match[1].includes("@")) return "user info in the URL";
  for (const pair of (match[3] ?? "").slice(1).split("&")) {
    const name = decodeURIComponentSafely(pair.split("=")[0]);
    if (name !== "" && isCredentialName(name)) return `the query parameter ${JSON.stringify(name)}`;
  }
  return undefined;
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** A string Kong encrypts at rest is a credential; a URL only when it carries one. */
export function requiresSecret(field: KongField): boolean {
  return field.type === "string" && field.encrypted === true && field.typedef !== "typedefs.url";
}

/** Whether Kong takes a vault reference (or keeps it encrypted) at this string position. */
export function acceptsSecret(field: KongField): boolean {
  return field.type === "string" && (field.referenceable === true || field.encrypted === true);
}

/** A literal known now: not a Secret, not an expression resolved at plan time. */
function isLiteralString(value: unknown): value is string {
  return typeof value === "string" && !hasInterpolation(value);
}

type Visit = (secret: PluginSecret, field: KongField) => void;

function visitValue(field: KongField, value: unknown, path: string, visit: Visit): void {
  if (value === undefined || value === null) return;
  if (field.type === "record" && field.fields && isPlainObject(value)) {
    visitRecord(field.fields, value, path, visit);
  } else if ((field.type === "array" || field.type === "set") && field.elements) {
    if (!Array.isArray(value)) return;
    // Kong encrypts an array field element by element.
    const element: KongField = { ...field.elements, encrypted: field.encrypted };
    value.forEach((item, i) => visitValue(element, item, childPath(path, i), visit));
  } else if (field.type === "map" && field.values && isPlainObject(value)) {
    const headers = /(^|[._])headers$/.test(path);
    for (const [key, item] of Object.entries(value)) {
      const here = childPath(path, key, true);
      if (headers && isCredentialName(key))
        visit(
          { path: here, value: item, kind: "credential", reason: "a credential header" },
          field.values,
        );
      else if (headers && isLiteralString(item) && AUTH_SCHEME_VALUE.test(item))
        visit(
          { path: here, value: item, kind: "credential", reason: "a header carrying a credential" },
          field.values,
        );
      else visitValue(field.values, item, here, visit);
    }
  } else if (field.type === "string") {
    if (requiresSecret(field)) {
      visit({ path, value, kind: "credential", reason: "a field Kong encrypts" }, field);
    } else if (typeof value === "string") {
      // A template too: `https://${"user:pass"}@logs` writes the credential all the same.
      const why = isLiteralString(value)
        ? urlCredentials(value)
        : urlTemplateCredentials(value, urlCredentials, field.typedef === "typedefs.url");
      if (why) visit({ path, value, kind: "url", reason: why }, field);
    }
  }
}

function visitRecord(
  fields: Readonly<Record<string, KongField>>,
  value: Record<string, unknown>,
  path: string,
  visit: Visit,
): void {
  // Only the fields the config sets: a schema has many more, and each path is a new string.
  for (const name in fields) {
    const item = value[name];
    if (item !== undefined && item !== null && Object.prototype.hasOwnProperty.call(fields, name))
      visitValue(fields[name], item, childPath(path, name), visit);
  }
}

/**
 * The places of a plugin config that carry credentials (none for an unknown plugin): every
 * string Kong encrypts at rest, every credential header (by name, or by an auth-scheme value),
 * and every literal URL with user info or a credential-like query parameter. Each must hold a
 * secret reference, never a literal.
 */
export function pluginSecrets(name: string, config: unknown): PluginSecret[] {
  const schema = pluginSchema(name);
  const out: PluginSecret[] = [];
  if (schema && isPlainObject(config))
    visitRecord(schema.config, config, "config", (secret) => out.push(secret));
  return out;
}

/** Like `pluginSecrets`, with the field each place is checked against (for the config checker). */
export function visitPluginSecrets(
  fields: Readonly<Record<string, KongField>>,
  config: Record<string, unknown>,
  visit: Visit,
): void {
  visitRecord(fields, config, "config", visit);
}
