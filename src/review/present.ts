import { createHash } from "crypto";
import { nameIndex } from "../common";
import { credentialAttributes } from "../conformance";
import { pluginSecrets } from "../secrets";
import { trustedChunk, type PinnedContracts } from "../validators";
import type { Json, JsonObject } from "./model";
import { parsePluginConfig } from "./plugin-config";

/**
 * How the review shows an entity: its attributes as Terraform gets them, except that
 * `config_json` is parsed so that plugin configs diff field by field, Lua chunks become the
 * contract they check (never their text), and credentials become opaque `Sensitive` leaves.
 * A chunk is shown as a contract only when it is avro-kong's own for the environment's pins
 * (`trustedChunk`); any other Lua is "custom Lua chunk", whatever its first line claims.
 */

/** A credential: compared by digest, never shown. */
export class Sensitive {
  constructor(readonly digest: string) {}
}

/** A value shown whole, before and after, rather than field by field (a chunk's contract). */
export class Whole {
  constructor(readonly value: Json) {}
}

export type Presented =
  | Whole
  | null
  | boolean
  | number
  | string
  | Sensitive
  | readonly Presented[]
  | { readonly [k: string]: Presented };

const CHUNK_PLUGINS = new Set(["pre-function", "post-function"]);
const credentials = credentialAttributes();

function digest(text: string): string {
  return "sha256:" + createHash("sha256").update(text).digest("hex").slice(0, 16);
}

function sensitive(value: Json): Sensitive {
  return new Sensitive(digest(JSON.stringify(value)));
}

/** A path segment: `.name` for plain keys, `["odd key"]` otherwise (as plugin secret paths are written). */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const plain = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key);
  if (!plain) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** A Lua chunk as the contract it checks, with a digest of its code; other Lua by its size. */
function presentChunk(chunk: string, contracts: PinnedContracts | undefined): Presented {
  const trusted = trustedChunk(chunk, contracts);
  const code = digest(chunk);
  if (trusted?.kind === "contract") {
    const contract = trusted.contract;
    return new Whole({
      validates: contract.checks,
      subject: contract.subject,
      version: contract.version,
      fingerprint: contract.fingerprint,
      ...(contract.dialect ? { dialect: contract.dialect } : {}),
      ...(contract.allowUnknownFields === undefined
        ? {}
        : { unknownFields: contract.allowUnknownFields ? "allowed" : "rejected" }),
      mode: contract.mode,
      code,
    });
  }
  // Lua text may hold anything: custom code is shown only by its size and digest.
  const lua =
    trusted?.kind === "buffering"
      ? "buffer the upstream response so that header_filter can validate it."
      : "custom Lua chunk";
  return new Whole({ lua, lines: chunk.split("\n").length, code });
}

function presentConfig(
  plugin: string,
  config: Json,
  secrets: ReadonlySet<string>,
  contracts: PinnedContracts | undefined,
): Presented {
  const walk = (value: Json, path: string, phase: boolean): Presented => {
    if (secrets.has(path)) return sensitive(value);
    if (Array.isArray(value)) {
      return value.map((item: Json, i) =>
        phase && typeof item === "string"
          ? presentChunk(item, contracts)
          : walk(item, childPath(path, i), false),
      );
    }
    if (value !== null && typeof value === "object") {
      const out = nameIndex<Presented>();
      for (const [key, item] of Object.entries(value as JsonObject)) {
        const here = childPath(path, key);
        if (plugin === "request-validator" && key === "body_schema" && typeof item === "string") {
          out[key] = new Whole({ jsonSchema: "draft4", code: digest(item) });
        } else {
          out[key] = walk(item, here, CHUNK_PLUGINS.has(plugin) && path === "config_json");
        }
      }
      return out;
    }
    return value;
  };
  return walk(config, "config_json", false);
}

/** The presented attributes of a resource (without cdktf's `//` metadata). */
export function presentResource(
  type: string,
  body: JsonObject,
  contracts?: PinnedContracts,
): Readonly<Record<string, Presented>> {
  const hidden = credentials.get(type) ?? new Set<string>();
  const out = nameIndex<Presented>();
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    if (hidden.has(key)) out[key] = sensitive(value);
    else if (type === "kong_plugin" && key === "config_json" && typeof value === "string")
      out[key] = presentPluginConfig(
        typeof body.name === "string" ? body.name : "",
        value,
        contracts,
      );
    else out[key] = value;
  }
  return out;
}

function presentPluginConfig(
  plugin: string,
  text: string,
  contracts: PinnedContracts | undefined,
): Presented {
  const config = parsePluginConfig(text);
  // A template with expressions outside JSON strings, or a config the strict reader refuses:
  // shown only as a whole, by digest.
  if (config === undefined) return new Whole({ template: digest(text) });
  const secrets = new Set(
    pluginSecrets(plugin, config).map((s) =>
      // The same path as childPath writes it: `["key"]` only for keys that need quoting.
      ("config_json" + s.path.slice("config".length)).replace(
        /\["([A-Za-z_][A-Za-z0-9_-]*)"\]/g,
        ".$1",
      ),
    ),
  );
  return presentConfig(plugin, config, secrets, contracts);
}

/** A presented value as JSON for the report: a credential becomes the string `(sensitive)`. */
export function toJson(value: Presented): Json {
  if (value instanceof Sensitive) return "(sensitive)";
  if (value instanceof Whole) return value.value;
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === "object") {
    const out = nameIndex<Json>();
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v as Presented);
    return out;
  }
  return value as Json;
}
