import { Secret } from "../common";
import {
  pluginSchema,
  type KongField,
  UnresolvedValue,
  childPath,
  isPlainObject,
} from "../catalog";
import { findCredentialShape } from "./credential-shapes";
import { findLuaCredential } from "./lua-literals";
import { acceptsSecret } from "./plugin-secrets";

/** A literal credential in a free-text string of a config: where, and by which rule; never the value. */
export interface LiteralCredential {
  /** e.g. `config.access[0]`, `config.add.headers[1]`. */
  readonly path: string;
  /** e.g. `a JWT`, `a Lua string passed with the credential header "Authorization"`. */
  readonly rule: string;
  /** Where in Lua source the literal starts (1-based); absent for other strings. */
  readonly line?: number;
  readonly column?: number;
  /** Whether the string is Lua source. */
  readonly lua: boolean;
  /** Whether Kong takes a secret reference in this field (a `Secret` may replace the value). */
  readonly acceptsSecret: boolean;
}

// The plugins whose phase fields are arrays of Lua source.
const LUA_PLUGINS = new Set(["pre-function", "post-function"]);
// A map of Lua expressions in the log plugins (http-log, file-log, tcp-log, …).
const LUA_MAP = "custom_fields_by_lua";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Pending {
  readonly value: unknown;
  readonly path: string;
  readonly field?: KongField;
  readonly lua: boolean;
  /** Under a `rename` field, whose `a:b` entries pair two names. */
  readonly renames: boolean;
}

/** The places where `path` is, or lies inside, one of `paths`. */
function isUnder(path: string, paths: ReadonlySet<string>): boolean {
  for (const known of paths)
    if (path === known || path.startsWith(`${known}.`) || path.startsWith(`${known}[`)) return true;
  return false;
}

/**
 * Every literal credential in the free text of a plugin config: each string reachable from
 * `config` (any plugin, known to the catalog or not) is scanned for credential shapes
 * (`findCredentialShape`), and Lua source (the phases of `pre-function`/`post-function`,
 * `custom_fields_by_lua`) for literals given under a credential's name (`findLuaCredential`).
 * Skipped: Secrets and values resolved later, map keys, Lua that `isTrustedCode` calls
 * avro-kong's own (a chunk the compiler writes for the environment's pin, see `trustedChunk`
 * in src/validators), and `skip`: the places the field rules judge already (credential
 * fields, headers, URLs).
 */
export function literalCredentials(
  plugin: string,
  config: unknown,
  skip: ReadonlySet<string> = new Set(),
  isTrustedCode: (lua: string) => boolean = () => false,
): LiteralCredential[] {
  const out: LiteralCredential[] = [];
  if (!isPlainObject(config)) return out;
  const schema = pluginSchema(plugin);
  const root: KongField | undefined = schema && { type: "record", fields: schema.config };
  // Iterative: a config parsed from an escape hatch may nest deeply.
  const stack: Pending[] = [
    { value: config, path: "config", field: root, lua: false, renames: false },
  ];
  while (stack.length > 0) {
    const { value, path, field, lua, renames } = stack.pop() as Pending;
    if (value === null || value === undefined || value instanceof UnresolvedValue) continue;
    if (Secret.isSecret(value) || (skip.size > 0 && isUnder(path, skip))) continue;
    if (typeof value === "string") {
      if (lua) {
        if (isTrustedCode(value)) continue;
        const found = findLuaCredential(value);
        if (found) out.push({ path, ...found, lua: true, acceptsSecret: false });
      } else {
        const found = findCredentialShape(value, { headerPairs: !renames });
        if (found)
          out.push({
            path,
            rule: found.rule,
            lua: false,
            acceptsSecret: !!field && acceptsSecret(field),
          });
      }
    } else if (Array.isArray(value)) {
      const elements = field?.elements;
      const code = lua || (LUA_PLUGINS.has(plugin) && path.split(".").length === 2);
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({
          value: value[i],
          path: childPath(path, i),
          field: elements,
          lua: code,
          renames,
        });
    } else if (isPlainObject(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i];
        const inMap = field ? field.type === "map" : !IDENTIFIER.test(key);
        const child = field?.type === "record" ? field.fields?.[key] : field?.values;
        stack.push({
          value: item,
          path: childPath(path, key, inMap),
          field: child,
          lua: lua || path.endsWith(`.${LUA_MAP}`),
          renames: renames || key === "rename",
        });
      }
    }
  }
  return out;
}

/** Where a literal is, for messages: `config.access[0] line 3, column 40`. */
export function literalPlace(literal: LiteralCredential): string {
  return literal.line === undefined
    ? literal.path
    : `${literal.path} line ${literal.line}, column ${literal.column}`;
}
