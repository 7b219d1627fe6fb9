import { isObject } from "../common";
import { checkPluginConfig, pluginSchema, type KongField, type PluginScope } from "../plugins";
import { findCredentialShape, isCredentialName, pluginSecrets, urlCredentials } from "../secrets";

/** A plugin config as the module writes it: what Kong filled in left out, secrets marked. */
export interface ImportedConfig {
  readonly config: Record<string, unknown>;
  /** Places (`config.redis.password`) that hold a secret, each to become a variable. */
  readonly secrets: readonly string[];
  /** Fields the catalogue of Kong 3.9 does not know (a newer Kong's, or a custom plugin's). */
  readonly unknownFields: readonly string[];
  /** The first problem Kong would refuse the config for, if any. */
  readonly refused?: string;
}

/**
 * Reads a plugin config of a known plugin: drops nulls and values equal to Kong's defaults
 * (decK dumps every field Kong filled in), finds the secrets and checks the rest the way the
 * constructs will, with the credentials left to the variables they become.
 */
export function importConfig(
  name: string,
  raw: unknown,
  scope: PluginScope,
  on: string,
): ImportedConfig {
  const schema = pluginSchema(name);
  const config = isObject(raw) ? raw : {};
  const pruned = schema ? pruneRecord(schema.config, config) : { ...config };
  const problems = checkPluginConfig(name, pruned, scope, { checkCredentials: false, on });
  const unknownFields = problems
    .filter((p) => / is not a field of /.test(p.message))
    .map((p) => p.path);
  const refused = problems.find((p) => !/ is not a field of /.test(p.message))?.message;
  const secrets = pluginSecrets(name, pruned).map((s) => s.path);
  return { config: pruned, secrets, unknownFields, refused };
}

/**
 * Reads the config of a plugin outside the catalogue: nothing is known of its defaults, so it
 * is kept as the file has it (nulls dropped); a string is a secret when its field is named like a
 * credential, or it is a URL carrying one, or it has a credential's shape (what the
 * no-secret-literals guardrail would refuse).
 */
export function uncheckedConfig(raw: unknown): {
  config: Record<string, unknown>;
  secrets: string[];
} {
  const secrets: string[] = [];
  const walk = (value: unknown, path: string, key: string | undefined): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, key));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(value))
        if (item !== null) out[k] = walk(item, childOf(path, k), k);
      return out;
    }
    if (
      typeof value === "string" &&
      value !== "" &&
      ((key !== undefined && isCredentialName(key)) ||
        urlCredentials(value) !== undefined ||
        findCredentialShape(value) !== undefined)
    )
      secrets.push(path);
    return value;
  };
  const config = walk(isObject(raw) ? raw : {}, "config", undefined) as Record<string, unknown>;
  return { config, secrets };
}

function childOf(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

function pruneRecord(
  fields: Readonly<Record<string, KongField>>,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    const field = fields[key];
    if (!field) {
      out[key] = item;
      continue;
    }
    const kept = pruneValue(field, item);
    if (kept === undefined) continue;
    if (field.default !== undefined && sameJson(kept, field.default)) continue;
    if (
      field.type === "record" &&
      isObject(kept) &&
      Object.keys(kept).length === 0 &&
      !field.required
    )
      continue;
    out[key] = kept;
  }
  return out;
}

function pruneValue(field: KongField, value: unknown): unknown {
  if (field.type === "record" && field.fields && isObject(value)) {
    const pruned = pruneRecord(field.fields, value);
    return Object.keys(pruned).length === 0 && field.default === undefined ? {} : pruned;
  }
  if ((field.type === "array" || field.type === "set") && field.elements && Array.isArray(value))
    return value.map((item) =>
      item === null ? item : pruneValue(field.elements as KongField, item),
    );
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sets `config.a.b[0]["k"]`-style `path` (as `pluginSecrets` writes it) in `root` to `value`. */
export function setAtPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const tokens: (string | number)[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  pattern.lastIndex = "config".length;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) {
    tokens.push(
      match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(match[3]) as string)),
    );
    if (pattern.lastIndex === path.length) break;
  }
  let here: unknown = root;
  tokens.forEach((token, i) => {
    if (here === null || typeof here !== "object") return;
    const container = here as Record<string | number, unknown>;
    if (i === tokens.length - 1) container[token] = value;
    else here = container[token];
  });
}
