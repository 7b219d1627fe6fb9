import { parse } from "yaml";
import { pluginSchema, type KongField } from "../../src/plugins";
import type { ImportReport } from "../../src/import";

/**
 * The plan-like diff of a generated module against the decK file it came from: after the import
 * blocks adopt the entities, what Terraform would change in Kong. Each resource of the stack is
 * paired with the decK entity its import block names (by Kong id); every attribute the provider
 * holds is compared as Kong would hold it after the apply (the config's value, or Kong's default
 * when the config leaves it out) with what Kong holds now (the file's value, or Kong's default).
 * Written from Kong 3.9's entity schemas, independently of the importer.
 */
export interface Change {
  /** The importer's label of the entity (`route create-order`), from its import. */
  readonly entity: string;
  /** The decK field (`regex_priority`, `config.redis.password`, `tags`). */
  readonly field: string;
  readonly now: unknown;
  readonly planned: unknown;
}

export interface RoundTrip {
  readonly changes: Change[];
  /** Resources of the stack that no import block adopts: the plan would create them. */
  readonly created: string[];
  /** Entities of the file with an id that are neither adopted nor listed as not imported. */
  readonly lost: string[];
}

type Json = Record<string, unknown>;

/** Tags the constructs write on every entity (not the file's): compared without them. */
const OWN_TAG =
  /^(managed-by:avro-kong|environment:|service:|route:|consumer:|team:|certificate:|upstream:)/;
const KONG_TYPES = /^kong_(?!provider)/;

// Kong 3.9's defaults for what the provider writes when an attribute is left out.
const SERVICE_DEFAULTS: Json = {
  protocol: "http",
  path: null,
  retries: 5,
  connect_timeout: 60000,
  read_timeout: 60000,
  write_timeout: 60000,
  tls_verify: null,
  tls_verify_depth: null,
};
const ROUTE_DEFAULTS: Json = {
  protocols: ["http", "https"],
  methods: null,
  hosts: null,
  paths: null,
  snis: null,
  strip_path: true,
  preserve_host: false,
  regex_priority: 0,
  https_redirect_status_code: 426,
  path_handling: "v0",
  request_buffering: true,
  response_buffering: true,
};
const UPSTREAM_DEFAULTS: Json = {
  slots: 10000,
  hash_on: "none",
  hash_fallback: "none",
  hash_on_header: null,
  hash_on_cookie: null,
  hash_on_cookie_path: "/",
  hash_fallback_header: null,
  host_header: null,
};

export function roundTrip(deckText: string, report: ImportReport, stack: Json): RoundTrip {
  const deck = parse(deckText) as Json;
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Json>>;
  const blocks = (stack.import ?? []) as { to: string; id: string }[];
  const byId = entitiesById(deck);
  const adopted = new Map(blocks.map((b) => [b.to, b.id]));
  const addressOf = new Map<string, string>(); // Kong id → address, for references
  for (const { to, id } of blocks) addressOf.set(kongIdOf(id), to);
  const changes: Change[] = [];
  for (const imported of report.imports) {
    const to = blocks.find(
      (b) => b.id === imported.id && b.to.startsWith(`${imported.resourceType}.`),
    );
    if (!to) {
      changes.push({
        entity: imported.entity,
        field: "(import block)",
        now: imported.id,
        planned: undefined,
      });
      continue;
    }
    const [type, logical] = to.to.split(".");
    const body = resources[type][logical];
    const found = byId.get(kongIdOf(imported.id));
    if (!found) throw new Error(`${imported.id} is not an id of the file`);
    const compare = (field: string, now: unknown, raw: unknown) => {
      const planned = asTerraformReadsIt(raw);
      if (!same(now, planned)) changes.push({ entity: imported.entity, field, now, planned });
    };
    const secret = (field: string, now: unknown, planned: unknown) => {
      const variable = /^\$\{var\.([a-z0-9_]+)\}$/.exec(String(planned))?.[1];
      const listed = report.variables.some(
        (v) => v.name === variable && v.entity === imported.entity && v.field === field,
      );
      // A listed variable holds what Kong holds now (the command tells the team to set it so).
      compare(field, now, listed ? now : planned);
    };
    const reference = (field: string, attribute: unknown, parentId: unknown) => {
      const target = /^\$\{([a-z_]+\.[^.]+)\.id\}$/.exec(String(attribute))?.[1];
      compare(
        field,
        parentId ?? null,
        target ? (adopted.get(target) ?? target) : (attribute ?? null),
      );
    };
    const tags = (entity: Json) => compare("tags", ownless(entity.tags), ownless(body.tags));
    const idOf = (ref: unknown) => resolveRef(byId, ref);
    const e = found.entity;
    switch (type) {
      case "kong_service": {
        const now = { ...SERVICE_DEFAULTS, ...serviceTarget(e), ...defined(e) };
        for (const field of [
          "name",
          "protocol",
          "host",
          "port",
          "path",
          "retries",
          "connect_timeout",
          "read_timeout",
          "write_timeout",
          "tls_verify",
          "tls_verify_depth",
        ])
          compare(field, now[field] ?? null, body[field] ?? SERVICE_DEFAULTS[field] ?? null);
        compare(
          "client_certificate",
          idOf(e.client_certificate),
          body.client_certificate_id ? kongIdOfAddress(body.client_certificate_id, adopted) : null,
        );
        compare("ca_certificates", e.ca_certificates ?? null, body.ca_certificate_ids ?? null);
        tags(e);
        break;
      }
      case "kong_route": {
        const now = { ...ROUTE_DEFAULTS, ...defined(e) };
        for (const field of Object.keys(ROUTE_DEFAULTS))
          compare(
            field,
            emptyAsNull(now[field]),
            emptyAsNull(body[field] ?? ROUTE_DEFAULTS[field]),
          );
        compare("name", e.name, body.name);
        compare("headers", emptyAsNull(e.headers), headersOf(body.header));
        compare("sources", emptyAsNull(e.sources), emptyAsNull(body.source));
        compare("destinations", emptyAsNull(e.destinations), emptyAsNull(body.destination));
        reference("service", body.service_id, found.parent?.id ?? idOf(e.service));
        tags(e);
        break;
      }
      case "kong_plugin": {
        compare("name", e.name, body.name);
        compare("enabled", e.enabled ?? true, body.enabled ?? true);
        for (const kind of ["service", "route", "consumer"] as const) {
          const parent = found.parentType === `${kind}s` ? found.parent?.id : idOf(e[kind]);
          reference(kind, body[`${kind}_id`], parent ?? null);
        }
        const planned = JSON.parse(String(body.config_json ?? "{}")) as Json;
        const schema = pluginSchema(String(e.name));
        compareConfig(
          schema?.config,
          isJson(e.config) ? e.config : {},
          planned,
          "config",
          compare,
          secret,
        );
        compare("protocols", sorted(e.protocols ?? ["grpc", "grpcs", "http", "https"]), [
          "grpc",
          "grpcs",
          "http",
          "https",
        ]);
        compare("instance_name", e.instance_name ?? null, null);
        compare("ordering", e.ordering ?? null, null);
        tags(e);
        break;
      }
      case "kong_consumer":
        compare("username", e.username ?? null, body.username ?? null);
        compare("custom_id", e.custom_id ?? null, body.custom_id ?? null);
        tags(e);
        break;
      case "kong_consumer_acl":
        compare("group", e.group, body.group);
        reference("consumer", body.consumer_id, found.parent?.id);
        tags(e);
        break;
      case "kong_consumer_jwt_auth": {
        const algorithm = e.algorithm ?? "HS256";
        compare("key", e.key, body.key);
        compare("algorithm", algorithm, body.algorithm ?? "HS256");
        if (algorithm === "HS256") secret("secret", e.secret, body.secret);
        else compare("rsa_public_key", e.rsa_public_key, body.rsa_public_key);
        if (algorithm === "HS256")
          compare("rsa_public_key", e.rsa_public_key ?? null, body.rsa_public_key ?? null);
        reference("consumer", body.consumer_id, found.parent?.id);
        tags(e);
        break;
      }
      case "kong_consumer_key_auth":
        secret("key", e.key, body.key);
        compare("ttl", e.ttl ?? null, null);
        reference("consumer", body.consumer_id, found.parent?.id);
        tags(e);
        break;
      case "kong_consumer_basic_auth":
        compare("username", e.username, body.username);
        secret("password", e.password, body.password);
        reference("consumer", body.consumer_id, found.parent?.id);
        tags(e);
        break;
      case "kong_upstream": {
        const now = { ...UPSTREAM_DEFAULTS, ...defined(e) };
        compare("name", e.name, body.name);
        for (const field of Object.keys(UPSTREAM_DEFAULTS))
          compare(field, now[field] ?? null, body[field] ?? UPSTREAM_DEFAULTS[field] ?? null);
        compare("algorithm", e.algorithm ?? "round-robin", "round-robin");
        compare("use_srv_name", e.use_srv_name ?? false, false);
        tags(e);
        break;
      }
      case "kong_target":
        compare("target", e.target, body.target);
        compare("weight", e.weight ?? 100, body.weight ?? 100);
        reference("upstream", body.upstream_id, found.parent?.id);
        tags(e);
        break;
      case "kong_certificate":
        compare("cert", e.cert, body.certificate);
        secret("key", e.key, body.private_key);
        compare(
          "snis",
          sorted(((e.snis ?? []) as Json[]).map((s) => (isJson(s) ? s.name : s))),
          sorted(body.snis ?? []),
        );
        tags(e);
        break;
      default:
        throw new Error(`no comparison for ${type}`);
    }
  }
  const created = Object.entries(resources)
    .filter(([type]) => KONG_TYPES.test(type))
    .flatMap(([type, items]) => Object.keys(items).map((logical) => `${type}.${logical}`))
    .filter((address) => !adopted.has(address));
  const accounted = new Set([...report.imports.map((i) => kongIdOf(i.id))]);
  const listed = new Set(report.notImported.map((o) => o.place));
  const lost = [...byId.values()]
    .filter(
      (f) =>
        !accounted.has(String(f.entity.id)) &&
        ![...listed].some((p) => f.place === p || f.place.startsWith(`${p}.`)),
    )
    .map((f) => f.place);
  return { changes, created, lost };
}

/** The changes the report did not announce (every entity's ownership tags are announced once). */
export function unannounced(report: ImportReport, changes: readonly Change[]): Change[] {
  return changes.filter(
    (c) =>
      !report.differences.some(
        (d) => d.entity === c.entity && (d.field === c.field || c.field.startsWith(`${d.field}.`)),
      ),
  );
}

interface Found {
  readonly entity: Json;
  readonly place: string;
  readonly parent?: Json;
  readonly parentType?: string;
}

/** Every entity of the file with an id, nested ones with their parent. */
function entitiesById(deck: Json): Map<string, Found> {
  const out = new Map<string, Found>();
  const walk = (list: unknown, place: string, parent?: Json, parentType?: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item: unknown, i) => {
      if (!isJson(item)) return;
      const here = `${place}[${i}]`;
      if (typeof item.id === "string")
        out.set(item.id, { entity: item, place: here, parent, parentType });
      for (const [key, value] of Object.entries(item))
        if (
          Array.isArray(value) &&
          value.some(
            (v) =>
              isJson(v) &&
              ("id" in v ||
                "name" in v ||
                "key" in v ||
                "group" in v ||
                "target" in v ||
                "username" in v),
          )
        )
          walk(
            value,
            `${here}.${key}`,
            item,
            place
              .split(".")
              .pop()
              ?.replace(/\[\d+\]$/, ""),
          );
    });
  };
  for (const [key, value] of Object.entries(deck)) if (!key.startsWith("_")) walk(value, key);
  return out;
}

/** The entity's own id in an import id: `<id>|<consumer id>`, `<upstream id>/<target id>`. */
function kongIdOf(importId: string): string {
  if (importId.includes("|")) return importId.split("|")[0];
  if (importId.includes("/")) return importId.split("/")[1];
  return importId;
}

function kongIdOfAddress(reference: unknown, adopted: ReadonlyMap<string, string>): unknown {
  const address = /^\$\{([a-z_]+\.[^.]+)\.id\}$/.exec(String(reference))?.[1];
  return address ? (adopted.get(address) ?? address) : reference;
}

/** A plugin config as Kong will hold it (the planned value, else Kong's default) against now. */
function compareConfig(
  fields: Readonly<Record<string, KongField>> | undefined,
  now: Json,
  planned: Json,
  path: string,
  compare: (field: string, now: unknown, planned: unknown) => void,
  secret: (field: string, now: unknown, planned: unknown) => void,
): void {
  const keys = new Set([...Object.keys(now), ...Object.keys(planned)]);
  for (const key of keys) {
    const field = fields?.[key];
    const here = `${path}.${key}`;
    const nowValue = now[key] ?? (field ? (field.default ?? null) : null);
    const plannedValue = planned[key] ?? (field ? (field.default ?? null) : null);
    if (field?.type === "record" && field.fields && (isJson(nowValue) || isJson(plannedValue)))
      compareConfig(
        field.fields,
        isJson(nowValue) ? nowValue : {},
        isJson(plannedValue) ? plannedValue : {},
        here,
        compare,
        secret,
      );
    else if (typeof plannedValue === "string" && plannedValue.startsWith("${var."))
      secret(here, nowValue, plannedValue);
    else if (!fields && isJson(nowValue) && isJson(plannedValue))
      compareConfig(undefined, nowValue, plannedValue, here, compare, secret);
    else compare(here, nowValue, plannedValue);
  }
}

function serviceTarget(e: Json): Json {
  if (typeof e.url !== "string") return {};
  const url = new URL(e.url);
  const protocol = url.protocol.replace(/:$/, "");
  return {
    protocol,
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : protocol === "https" ? 443 : 80,
    path: url.pathname === "/" && !e.url.endsWith("/") ? null : url.pathname,
  };
}

function headersOf(blocks: unknown): Json | null {
  if (!Array.isArray(blocks) || blocks.length === 0) return null;
  return Object.fromEntries((blocks as Json[]).map((b) => [b.name, b.values]));
}

function defined(e: Json): Json {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null && v !== undefined));
}

function ownless(tags: unknown): string[] {
  return Array.isArray(tags) ? tags.filter((t: string) => !OWN_TAG.test(t)).sort() : [];
}

/** The Kong id a reference names: `{id}`, `{name}`, an id or a name (or username). */
function resolveRef(byId: ReadonlyMap<string, Found>, ref: unknown): unknown {
  const key = isJson(ref) ? (ref.id ?? ref.name ?? ref.username) : ref;
  if (key === undefined || key === null) return null;
  if (byId.has(String(key))) return key;
  for (const [id, found] of byId)
    if (found.entity.name === key || found.entity.username === key) return id;
  return key;
}

function emptyAsNull(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 0) return null;
  if (isJson(value) && Object.keys(value).length === 0) return null;
  return value ?? null;
}

function sorted(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as string[])].sort() : value;
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A literal as Terraform reads it: `$${` and `%%{` are its escapes of `${` and `%{`. */
function asTerraformReadsIt(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  if (Array.isArray(value)) return value.map(asTerraformReadsIt);
  if (isJson(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asTerraformReadsIt(v)]));
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
