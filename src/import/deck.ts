import { parseDocument } from "yaml";
import { UserError, isObject, showValue } from "../common";

/** One entity of a decK file, with where it is in the file (`services[0].routes[1]`). */
export interface DeckEntity {
  readonly place: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A decK state file, read: the entity lists by type, in the file's order. */
export interface DeckFile {
  readonly file: string;
  readonly entities: Readonly<Record<DeckEntityType, readonly DeckEntity[]>>;
}

/** The top-level entity types of decK's format 3.0 (go-database-reconciler's `Content`). */
export const DECK_ENTITY_TYPES = [
  "services",
  "routes",
  "upstreams",
  "consumers",
  "plugins",
  "certificates",
  "ca_certificates",
  "consumer_groups",
  "vaults",
  "keys",
  "key_sets",
  "partials",
  "filter_chains",
  "custom_entities",
  "licenses",
  "rbac_roles",
  "rbac_endpointpermissions",
  "document_objects",
  "premium_entities",
  "degraphql_routes",
  "graphql_rate_limiting_cost_decorations",
] as const;
export type DeckEntityType = (typeof DECK_ENTITY_TYPES)[number];

/** Keys of a decK file that are not entities: its version and decK's own settings. */
const META_KEYS = new Set([
  "_format_version",
  "_info",
  "_transform",
  "_workspace",
  "_konnect",
  "_plugin_configs",
]);

/**
 * Reads a decK state file (YAML or JSON; JSON is YAML) into its entity lists. Refuses, with one
 * sentence naming the file and the place, what is not a decK file of format 3.0.
 */
export function readDeckFile(text: string, file: string): DeckFile {
  const fail = (place: string, message: string): never => {
    throw new UserError(`${file}: ${place ? `${place}: ` : ""}${message}`, { file });
  };
  // Aliases are bounded so that a billion-laughs file costs nothing; duplicate keys are refused.
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = error.linePos?.[0] ?? lineOf(text, error.pos[0]);
    fail(
      line ? `line ${line.line}, column ${line.col}` : "",
      `is not YAML or JSON (${firstLine(error.message)}); expected a decK file.`,
    );
  }
  let content: unknown;
  try {
    content = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    fail(
      "",
      `is not a decK file (${firstLine(error instanceof Error ? error.message : String(error))}); expected a mapping with _format_version "3.0".`,
    );
  }
  if (!isObject(content))
    fail(
      "",
      `is ${kind(content)}, not a decK file; expected a mapping with _format_version "3.0".`,
    );
  const root = content as Record<string, unknown>;
  const version = root["_format_version"];
  if (version === undefined)
    fail("", `has no _format_version, so it is not a decK file; expected _format_version "3.0".`);
  if (version !== "3.0")
    fail(
      "_format_version",
      `${showValue(version)} is not supported; expected "3.0" (decK 1.x and Kong 3.x write it; convert older files with deck file convert).`,
    );
  const entities = Object.fromEntries(
    DECK_ENTITY_TYPES.map((t) => [t, [] as DeckEntity[]]),
  ) as Record<DeckEntityType, DeckEntity[]>;
  for (const [key, value] of Object.entries(root)) {
    if (META_KEYS.has(key)) continue;
    if (!(DECK_ENTITY_TYPES as readonly string[]).includes(key))
      fail(
        key,
        `is not an entity type of decK's format 3.0; expected one of ${DECK_ENTITY_TYPES.slice(0, 6).join(", ")}, ….`,
      );
    if (value === null) continue;
    if (!Array.isArray(value)) fail(key, `is ${kind(value)}; expected a list of ${key}.`);
    (value as unknown[]).forEach((item, index) => {
      const place = `${key}[${index}]`;
      if (!isObject(item)) fail(place, `is ${kind(item)}; expected a mapping.`);
      entities[key as DeckEntityType].push({ place, fields: item as Record<string, unknown> });
    });
  }
  return { file, entities };
}

/** A nested list of an entity (`routes` of a service), each item a mapping. */
export function nestedEntities(file: string, parent: DeckEntity, key: string): DeckEntity[] {
  const value = parent.fields[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new UserError(`${file}: ${parent.place}.${key}: is ${kind(value)}; expected a list.`, {
      file,
    });
  return value.map((item: unknown, index) => {
    const place = `${parent.place}.${key}[${index}]`;
    if (!isObject(item))
      throw new UserError(`${file}: ${place}: is ${kind(item)}; expected a mapping.`, { file });
    return { place, fields: item };
  });
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  // Never the value itself: a scalar where a credential list belongs may be a credential.
  return `a ${typeof value}`;
}

function firstLine(text: string): string {
  return text.split("\n")[0].slice(0, 120);
}

function lineOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, col: before[before.length - 1].length + 1 };
}
