import { UserError } from "../common";
import rawCatalog from "./schema/kong-plugins-3.9.json";

/** A Kong schema field type, as written in Kong's Lua plugin schemas. */
export type KongFieldType =
  "string" | "number" | "integer" | "boolean" | "array" | "set" | "map" | "record";

/** One `match_none` entry: a Lua pattern the value must not match, and Kong's error text. */
export interface KongPatternRule {
  readonly pattern: string;
  readonly err: string;
}

/** One field of a plugin config, as recorded in `kong-plugins-3.9.json`. */
export interface KongField {
  readonly type: KongFieldType;
  readonly required?: boolean;
  readonly default?: unknown;
  readonly one_of?: readonly (string | number)[];
  readonly between?: readonly [number, number];
  readonly gt?: number;
  readonly len_min?: number;
  readonly len_max?: number;
  readonly match?: string;
  readonly err?: string;
  readonly match_none?: readonly KongPatternRule[];
  /** Lua patterns the value must all match. */
  readonly match_all?: readonly KongPatternRule[];
  /** Lua patterns of which the value must match at least one. */
  readonly match_any?: { readonly patterns: readonly string[]; readonly err: string };
  readonly not_one_of?: readonly (string | number)[];
  readonly starts_with?: string;
  readonly elements?: KongField;
  readonly keys?: KongField;
  readonly values?: KongField;
  readonly fields?: Readonly<Record<string, KongField>>;
  readonly notes?: string;
  readonly typedef?: string;
  readonly custom_validator?: string;
  readonly deprecated?: string;
  readonly referenceable?: boolean;
  readonly encrypted?: boolean;
  readonly is_regex?: boolean;
  /** Unique among all plugins of the database: a rule no single config can break. */
  readonly unique?: boolean;
  /** Kong generates the value when it is missing. */
  readonly auto?: boolean;
  /** The checks of a record (or of each record element/value), with paths relative to it. */
  readonly entity_checks?: readonly string[];
}

/** A deprecated input form Kong translates into another field (`shorthand_fields`). */
export interface KongShorthandField {
  readonly type: KongFieldType;
  /** The field Kong writes the value to; absent when Kong ignores the shorthand. */
  readonly maps_to?: string;
}

/** Where a plugin instance may be attached: globally (always, in Kong 3.9) or to an entity. */
export interface PluginScopes {
  readonly global: boolean;
  readonly consumer: boolean;
  readonly route: boolean;
  readonly service: boolean;
}

/** A place a plugin instance can be attached to. */
export type PluginScopeName = "global" | "route" | "service" | "consumer";

/** Kong's editions: a plugin of the Enterprise edition does not exist on an OSS gateway. */
export type KongEdition = "oss" | "enterprise";

/** One plugin of the catalog. */
export interface KongPluginSchema {
  readonly edition: KongEdition;
  readonly source: string;
  readonly partial?: boolean;
  readonly config_field_count_total_3_9?: number;
  readonly handler?: { readonly priority: number; readonly phases: readonly string[] };
  /** The entities Kong lets an instance reference (a plugin is always allowed globally). */
  readonly scopes: Omit<PluginScopes, "global">;
  readonly protocols_default: readonly string[];
  readonly protocols_allowed: readonly string[];
  readonly config: Readonly<Record<string, KongField>>;
  readonly shorthand_fields?: Readonly<Record<string, KongShorthandField | string>>;
  readonly entity_checks: readonly string[];
}

/** The whole catalog file. */
export interface KongPluginCatalog {
  readonly kong_version: string;
  readonly plugins: Readonly<Record<string, KongPluginSchema>>;
}

// The JSON's inferred literal type is narrower than the model; the shape is pinned by a test.
const catalog = rawCatalog as unknown as KongPluginCatalog;

/** Every plugin this project knows, in the catalog's order. */
export const pluginNames: readonly string[] = Object.freeze(Object.keys(catalog.plugins));

/** Whether `name` is a plugin of the catalog. */
export function isPluginName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalog.plugins, name);
}

/** The schema of one plugin, or undefined when the catalog has no such plugin. */
export function pluginSchema(name: string): KongPluginSchema | undefined {
  return isPluginName(name) ? catalog.plugins[name] : undefined;
}

/**
 * The known plugin name nearest to `name` (ignoring case, "_" for "-"), when it is a likely typo:
 * at most a third of its characters apart (edits, or two neighbours swapped), at least one.
 */
export function closestPluginName(name: string): string | undefined {
  const given = String(name).toLowerCase().replace(/_/g, "-");
  let best: { name: string; distance: number } | undefined;
  for (const known of pluginNames) {
    const distance = editDistance(given, known);
    if (!best || distance < best.distance) best = { name: known, distance };
  }
  const allowed = Math.max(1, Math.floor(given.length / 3));
  return best && best.distance <= allowed ? best.name : undefined;
}

/** The reason `name` is refused, for "Plugin …: <reason>": a suggestion, then the known names. */
export function unknownPluginReason(name: string): string {
  const near = closestPluginName(name);
  const hint = near === undefined ? "" : ` (did you mean ${near}?)`;
  return `unknown plugin${hint}; expected one of ${[...pluginNames].sort().join(", ")}`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

function knownSchema(name: string): KongPluginSchema {
  const schema = pluginSchema(name);
  if (!schema) throw new UserError(`Plugin ${String(name)}: ${unknownPluginReason(name)}.`);
  return schema;
}

/** Where an instance of the plugin may be attached (a copy); global is always allowed. */
export function pluginScopes(name: string): PluginScopes {
  return { global: true, ...knownSchema(name).scopes };
}

const SCOPE_ORDER: readonly PluginScopeName[] = ["global", "service", "route", "consumer"];

/** The places an instance of the plugin may be attached to, e.g. `["global", "service", "route"]`. */
export function pluginScopeNames(name: string): PluginScopeName[] {
  const scopes = pluginScopes(name);
  return SCOPE_ORDER.filter((scope) => scopes[scope]);
}

/** Whether the plugin ships with Kong OSS or only with Kong Enterprise. */
export function pluginEdition(name: string): KongEdition {
  return knownSchema(name).edition;
}

/** The plugins that exist only in Kong Enterprise, in the catalog's order. */
export const enterprisePluginNames: readonly string[] = Object.freeze(
  pluginNames.filter((name) => catalog.plugins[name].edition === "enterprise"),
);

/** The protocols a plugin accepts, and those it runs on by default (copies). */
export function pluginProtocols(name: string): { allowed: string[]; default: string[] } {
  const schema = knownSchema(name);
  return { allowed: [...schema.protocols_allowed], default: [...schema.protocols_default] };
}
