// Kong's entity checks are prose in the catalog; these are the ones of the plugins this project
// configures, written by hand. Each returns problems with the field path they concern.
import type { KongPluginSchema } from "./catalog";
import type { FieldProblem, FieldCheckContext } from "./check-fields";
import { describeValue, hasInterpolation, isPlainObject } from "./values";

type Config = Readonly<Record<string, unknown>>;
type EntityCheck = (
  config: Config,
  schema: KongPluginSchema,
  ctx: FieldCheckContext,
) => FieldProblem[];

/** The value Kong works with: the given one, else the field's default. */
function effective(config: Config, schema: KongPluginSchema, name: string): unknown {
  const value = config[name];
  return value !== undefined ? value : schema.config[name]?.default;
}

/** Kong's is_nonempty: nil, null, an empty table and an empty string count as absent. */
function isNonEmpty(value: unknown, ctx: FieldCheckContext): boolean {
  if (ctx.isUnresolved(value)) return true;
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function fieldList(names: readonly string[]): string {
  const paths = names.map((n) => `config.${n}`);
  return paths.length <= 2
    ? paths.join(" and ")
    : `${paths.slice(0, -1).join(", ")} and ${paths[paths.length - 1]}`;
}

function atLeastOneOf(...names: string[]): EntityCheck {
  return (config, _schema, ctx) =>
    names.some((n) => isNonEmpty(config[n], ctx))
      ? []
      : [
          {
            path: "config",
            detail: `${fieldList(names)} are all empty; expected at least one of them to be set`,
          },
        ];
}

function onlyOneOf(...names: string[]): EntityCheck {
  return (config, _schema, ctx) => {
    const set = names.filter((n) => isNonEmpty(config[n], ctx));
    return set.length <= 1
      ? []
      : [{ path: "config", detail: `${fieldList(set)} are both set; expected only one of them` }];
  };
}

function all(...checks: EntityCheck[]): EntityCheck {
  return (config, schema, ctx) => checks.flatMap((check) => check(config, schema, ctx));
}

const jwtExpiry: EntityCheck = (config, schema, ctx) => {
  const maximum = effective(config, schema, "maximum_expiration");
  if (typeof maximum !== "number" || maximum <= 0) return [];
  const claims = config.claims_to_verify;
  if (ctx.isUnresolved(claims) || (Array.isArray(claims) && claims.includes("exp"))) return [];
  const shown = claims === undefined ? "missing" : describeValue(claims);
  return [
    {
      path: "config.claims_to_verify",
      detail: `config.claims_to_verify is ${shown}; expected it to contain "exp" because config.maximum_expiration is ${maximum}`,
    },
  ];
};

const PERIODS = ["second", "minute", "hour", "day", "month", "year"];

const rateLimitingRules: EntityCheck = (config, schema, ctx) => {
  const out: FieldProblem[] = [];
  const policy = effective(config, schema, "policy");
  const limitBy = effective(config, schema, "limit_by");
  const requireWhen = (cond: string, path: string, value: unknown): void => {
    if (!isNonEmpty(value, ctx)) {
      out.push({ path, detail: `${path} is missing; expected a value because ${cond}` });
    }
  };
  if (policy === "redis") {
    const redis = isPlainObject(config.redis) ? config.redis : {};
    const redisField = schema.config.redis?.fields ?? {};
    for (const name of ["host", "port", "timeout"]) {
      const value = redis[name] !== undefined ? redis[name] : redisField[name]?.default;
      requireWhen('config.policy is "redis"', `config.redis.${name}`, value);
    }
  }
  if (limitBy === "header")
    requireWhen('config.limit_by is "header"', "config.header_name", config.header_name);
  if (limitBy === "path") requireWhen('config.limit_by is "path"', "config.path", config.path);

  // validate_periods_order: a longer period may not allow fewer requests than a shorter one.
  // One message per period, against the most generous shorter period.
  PERIODS.forEach((upper, i) => {
    const v2 = config[upper];
    if (typeof v2 !== "number") return;
    let worst: string | undefined;
    for (const lower of PERIODS.slice(0, i)) {
      const v1 = config[lower];
      if (
        typeof v1 === "number" &&
        v1 > v2 &&
        (worst === undefined || v1 > (config[worst] as number))
      ) {
        worst = lower;
      }
    }
    if (worst !== undefined) {
      out.push({
        path: `config.${upper}`,
        detail: `config.${upper} is ${v2}; expected a limit not lower than config.${worst} (${config[worst] as number})`,
      });
    }
  });

  const syncRate = effective(config, schema, "sync_rate");
  if (typeof syncRate === "number" && syncRate !== -1) {
    if (policy !== "redis" && !ctx.isUnresolved(policy)) {
      out.push({
        path: "config.sync_rate",
        detail: `config.sync_rate is ${syncRate}; expected -1 because config.policy is ${describeValue(policy)} (sync_rate only works with the redis policy)`,
      });
    } else if (policy === "redis" && syncRate < 0.02) {
      out.push({
        path: "config.sync_rate",
        detail: `config.sync_rate is ${syncRate}; expected -1 or a number of at least 0.02`,
      });
    }
  }
  return out;
};

const USERINFO = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/;

const httpLogAuthorization: EntityCheck = (config) => {
  const endpoint = config.http_endpoint;
  const headers = config.headers;
  if (typeof endpoint !== "string" || hasInterpolation(endpoint) || !USERINFO.test(endpoint))
    return [];
  if (
    !isPlainObject(headers) ||
    !Object.keys(headers).some((k) => k.toLowerCase() === "authorization")
  ) {
    return [];
  }
  return [
    {
      path: "config.headers",
      detail:
        "config.headers has an Authorization header and config.http_endpoint carries user info; expected only one of them",
    },
  ];
};

const requestTerminationRules: EntityCheck = (config, _schema, ctx) => {
  const has = (name: string): boolean => isNonEmpty(config[name], ctx);
  const out: FieldProblem[] = [];
  if (has("message") && (has("content_type") || has("body"))) {
    out.push({
      path: "config.message",
      detail:
        "config.message is set together with config.content_type or config.body; expected either a message or a body",
    });
  }
  if (has("content_type") && !has("body")) {
    out.push({
      path: "config.body",
      detail: "config.body is missing; expected a body because config.content_type is set",
    });
  }
  if (config.echo === true && (has("content_type") || has("body"))) {
    out.push({
      path: "config.echo",
      detail:
        "config.echo is true together with config.content_type or config.body; expected echo or a body, not both",
    });
  }
  return out;
};

const requestValidatorRules: EntityCheck = (config, _schema, ctx) => {
  const out: FieldProblem[] = [];
  const body = config.body_schema;
  if (typeof body === "string" && body !== "" && !hasInterpolation(body)) {
    try {
      JSON.parse(body);
    } catch {
      out.push({
        path: "config.body_schema",
        detail: "config.body_schema is not valid JSON; expected a JSON document",
      });
    }
  }
  const parameters = config.parameter_schema;
  if (Array.isArray(parameters)) {
    parameters.forEach((parameter, index) => {
      if (!isPlainObject(parameter)) return;
      const path = `config.parameter_schema[${index}]`;
      const trio = ["style", "explode", "schema"];
      const set = trio.filter((n) => isNonEmpty(parameter[n], ctx) || parameter[n] === false);
      if (set.length > 0 && set.length < trio.length) {
        const missing = trio.filter((n) => !set.includes(n)).map((n) => `${path}.${n}`);
        out.push({
          path,
          detail: `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing; expected style, explode and schema together`,
        });
      }
    });
  }
  return out;
};

const phases = atLeastOneOf(
  "certificate",
  "rewrite",
  "access",
  "header_filter",
  "body_filter",
  "log",
);

/** Entity checks by plugin name; plugins without any have none in Kong's schema either. */
export const entityChecks: Readonly<Record<string, EntityCheck>> = {
  jwt: jwtExpiry,
  acl: all(onlyOneOf("allow", "deny"), atLeastOneOf("allow", "deny")),
  "rate-limiting": all(atLeastOneOf(...PERIODS), rateLimitingRules),
  "pre-function": phases,
  "post-function": phases,
  "http-log": httpLogAuthorization,
  "request-termination": requestTerminationRules,
  "ip-restriction": atLeastOneOf("allow", "deny"),
  "request-validator": all(atLeastOneOf("body_schema", "parameter_schema"), requestValidatorRules),
};
