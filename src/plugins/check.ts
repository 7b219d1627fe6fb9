import { UserError } from "../common";
import {
  pluginSchema,
  unknownPluginReason,
  type KongEdition,
  type KongPluginSchema,
  describeValue,
  isPlainObject,
} from "../catalog";
import {
  childPath,
  compileRecord,
  defaultIsUnresolved,
  type FieldCheckContext,
  type FieldProblem,
  type RecordChecker,
} from "./check-fields";
import { compileRecordRules } from "./entity-rules";
import { checkPluginCredentials } from "../secrets";

/** Where a plugin instance is attached, and (optionally) the protocols it is set to run on. */
export interface PluginScope {
  readonly route?: boolean;
  readonly service?: boolean;
  readonly consumer?: boolean;
  /** The instance's `protocols`; when absent, Kong's default for the plugin applies. */
  readonly protocols?: readonly string[];
}

/** One mistake in a plugin configuration. */
export interface PluginConfigProblem {
  /** The plugin name as given. */
  readonly plugin: string;
  /** Where: `config.minute`, `config.redis.port`, `protocols`, `scope`, or "" for the plugin itself. */
  readonly path: string;
  /** One sentence, e.g. `Plugin rate-limiting: config.minute is -5; expected a number > 0.` */
  readonly message: string;
}

/** Options of the checks. */
export interface PluginCheckOptions {
  /** Names the instance in messages, e.g. `route orders/create-order` → `Plugin jwt on route …:`. */
  readonly on?: string;
  /**
   * Tells values resolved only at plan time (accepted for any field), e.g. cdktf's
   * `Token.isUnresolved`. Strings holding `${…}` are always accepted for string fields.
   * @default only `UnresolvedValue` instances
   */
  readonly isUnresolved?: (value: unknown) => boolean;
  /**
   * Whether every credential must be a `Secret` (a config as written in code). Off for a
   * synthesized config, whose credentials `checkSecretsInStack` judges as Terraform sees them.
   * @default true
   */
  readonly checkCredentials?: boolean;
  /**
   * Whether a string of Lua is avro-kong's own generated code, which the credential scan skips
   * (it embeds schema names and enum symbols): the constructs trust a chunk only when it is
   * what the compiler writes for the environment's pin (`trustedChunk`).
   * @default no code is trusted
   */
  readonly isTrustedCode?: (lua: string) => boolean;
  /**
   * The edition of the gateway the plugin goes to: an Enterprise plugin on `"oss"` is a problem.
   * @default not checked
   */
  readonly edition?: KongEdition;
}

const SCOPE_NAMES = ["route", "service", "consumer"] as const;

function allowedScopes(schema: KongPluginSchema): string {
  const allowed = SCOPE_NAMES.filter((s) => schema.scopes[s]).map((s) => `a ${s}`);
  return allowed.length === 0
    ? "no entity (global only)"
    : `${allowed.join(" or ")} (or none, for a global plugin)`;
}

function checkScope(schema: KongPluginSchema, scope: PluginScope): FieldProblem[] {
  return SCOPE_NAMES.filter((s) => scope[s] === true && !schema.scopes[s]).map((s) => ({
    path: "scope",
    detail: `cannot be attached to a ${s}; expected ${allowedScopes(schema)}`,
  }));
}

function checkProtocols(
  schema: KongPluginSchema,
  protocols: readonly string[] | undefined,
): FieldProblem[] {
  if (protocols === undefined) return [];
  const expected = `a non-empty set of ${schema.protocols_allowed.join(", ")}`;
  if (!Array.isArray(protocols) || protocols.length === 0) {
    return [
      {
        path: "protocols",
        detail: `protocols is ${describeValue(protocols)}; expected ${expected}`,
      },
    ];
  }
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const protocol of protocols) {
    if (typeof protocol !== "string" || !schema.protocols_allowed.includes(protocol)) {
      out.push({
        path: "protocols",
        detail: `protocols holds ${describeValue(protocol)}; expected ${expected}`,
      });
    } else if (seen.has(protocol)) {
      out.push({
        path: "protocols",
        detail: `protocols holds "${protocol}" twice; expected ${expected}`,
      });
    }
    seen.add(String(protocol));
  }
  return out;
}

function checkEdition(schema: KongPluginSchema, edition: KongEdition | undefined): FieldProblem[] {
  if (edition === undefined || schema.edition === "oss" || edition === "enterprise") return [];
  return [
    {
      path: "",
      detail: `exists only in Kong Enterprise, and the gateway's edition is "${edition}"; expected a gateway of edition "enterprise"`,
    },
  ];
}

/**
 * Shorthand fields are input-only aliases Kong rewrites (deprecated, to go in Kong 4.0): a config
 * is written with the field they stand for, which is the one Kong stores and returns.
 */
function unknownTopLevelField(
  schema: KongPluginSchema,
  plugin: string,
): (name: string) => FieldProblem {
  const expected = Object.keys(schema.config).sort().join(", ");
  const partial =
    schema.partial === true
      ? ` (this project's copy of the ${plugin} schema lists ${Object.keys(schema.config).length} of its ${schema.config_field_count_total_3_9 ?? "many"} fields)`
      : "";
  return (name) => {
    const path = childPath("config", name);
    const shorthand = Object.prototype.hasOwnProperty.call(schema.shorthand_fields ?? {}, name)
      ? schema.shorthand_fields?.[name]
      : undefined;
    if (typeof shorthand === "object" && shorthand !== null) {
      return {
        path,
        detail: shorthand.maps_to
          ? `${path} is a deprecated shorthand that Kong rewrites to ${shorthand.maps_to}; expected ${shorthand.maps_to} instead`
          : `${path} is a deprecated shorthand that Kong ignores; expected it left out`,
      };
    }
    return {
      path,
      detail: `${path} is not a field of ${plugin}; expected one of ${expected}${partial}`,
    };
  };
}

/** A plugin's config checker, compiled from the catalog on first use and kept. */
const compiled = new Map<string, RecordChecker>();

function compiledConfig(name: string, schema: KongPluginSchema): RecordChecker {
  let checker = compiled.get(name);
  if (!checker) {
    const unknown = unknownTopLevelField(schema, name);
    checker = compileRecord(
      schema.config,
      compileRecordRules,
      schema.entity_checks,
      (field) => unknown(field),
      "config.",
    );
    compiled.set(name, checker);
  }
  return checker;
}

/**
 * Checks a plugin configuration against Kong 3.9's schema of that plugin: unknown plugin,
 * unknown fields at any depth, types, required fields, value rules, set uniqueness, scope,
 * protocols and the plugin's entity checks. Returns every problem; none means valid.
 */
export function checkPluginConfig(
  name: string,
  config: unknown,
  scope: PluginScope = {},
  options: PluginCheckOptions = {},
): PluginConfigProblem[] {
  const prefix = `Plugin ${name}${options.on ? ` on ${options.on}` : ""}: `;
  const toProblem = (p: FieldProblem): PluginConfigProblem => ({
    plugin: name,
    path: p.path,
    message: `${prefix}${p.detail}.`,
  });
  const schema = pluginSchema(name);
  if (!schema) {
    return [toProblem({ path: "", detail: unknownPluginReason(name) })];
  }
  const ctx: FieldCheckContext = {
    isUnresolved: options.isUnresolved ?? defaultIsUnresolved,
    checkCredentials: options.checkCredentials ?? true,
  };
  const out: FieldProblem[] = [
    ...checkEdition(schema, options.edition),
    ...checkScope(schema, scope),
    ...checkProtocols(schema, scope.protocols),
  ];
  const value = config === undefined || config === null ? {} : config;
  if (!isPlainObject(value)) {
    out.push({ path: "config", detail: `config is ${describeValue(value)}; expected an object` });
    return out.map(toProblem);
  }
  // Field rules, then (on fields that passed, as Kong does) the entity checks.
  compiledConfig(name, schema)(value, "config", ctx, out);
  if (ctx.checkCredentials)
    out.push(...checkPluginCredentials(name, schema, value, options.isTrustedCode));
  return out.map(toProblem);
}

/** Like `checkPluginConfig`, but throws a `UserError` with the first problem's sentence. */
export function assertPluginConfig(
  name: string,
  config: unknown,
  scope: PluginScope = {},
  options: PluginCheckOptions = {},
): void {
  const problems = checkPluginConfig(name, config, scope, options);
  if (problems.length > 0) throw new UserError(problems[0].message);
}
