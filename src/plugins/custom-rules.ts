// Kong's custom entity checks (Lua functions) that a config alone decides, written again by hand
// and keyed by the catalog's exact summary. Each factory receives the record's fields once and
// returns the rule; paths are relative to the record the check is declared on.
import { type KongField, describeValue, hasInterpolation, isPlainObject } from "../catalog";
import type { FieldProblem, RecordRule } from "./check-fields";
import { effectiveGetter, isNonEmpty } from "./effective-values";

type Fields = Readonly<Record<string, KongField>>;
type RuleFactory = (fields: Fields) => RecordRule;

const PERIODS = ["second", "minute", "hour", "day", "month", "year"];

// validate_periods_order: one message per period, against the most generous shorter period.
const periodsOrder: RuleFactory = () => (record, path, _ctx, out) => {
  PERIODS.forEach((upper, i) => {
    const v2 = record[upper];
    if (typeof v2 !== "number") return;
    let worst: string | undefined;
    for (const lower of PERIODS.slice(0, i)) {
      const v1 = record[lower];
      if (
        typeof v1 === "number" &&
        v1 > v2 &&
        (worst === undefined || v1 > (record[worst] as number))
      )
        worst = lower;
    }
    if (worst !== undefined) {
      out.push({
        path: `${path}.${upper}`,
        detail: `${path}.${upper} is ${v2}; expected a limit not lower than ${path}.${worst} (${record[worst] as number})`,
      });
    }
  });
};

const syncRateNeedsRedis: RuleFactory = (fields) => {
  const policy = effectiveGetter(fields, "policy");
  const syncRate = effectiveGetter(fields, "sync_rate");
  return (record, path, ctx, out) => {
    const rate = syncRate(record);
    const given = policy(record);
    if (typeof rate !== "number" || rate === -1 || given === "redis" || ctx.isUnresolved(given))
      return;
    out.push({
      path: `${path}.sync_rate`,
      detail: `${path}.sync_rate is ${rate}; expected -1 because ${path}.policy is ${describeValue(given)} (sync_rate only works with the redis policy)`,
    });
  };
};

const syncRateMinimum: RuleFactory = (fields) => {
  const policy = effectiveGetter(fields, "policy");
  const syncRate = effectiveGetter(fields, "sync_rate");
  return (record, path, _ctx, out) => {
    const rate = syncRate(record);
    if (policy(record) !== "redis" || typeof rate !== "number" || rate === -1 || rate >= 0.02)
      return;
    out.push({
      path: `${path}.sync_rate`,
      detail: `${path}.sync_rate is ${rate}; expected -1 or a number of at least 0.02`,
    });
  };
};

const USERINFO = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/;

const authorizationOrUserInfo: RuleFactory = () => (record, path, _ctx, out) => {
  const endpoint = record.http_endpoint;
  const headers = record.headers;
  if (typeof endpoint !== "string" || hasInterpolation(endpoint) || !USERINFO.test(endpoint))
    return;
  if (
    !isPlainObject(headers) ||
    !Object.keys(headers).some((k) => k.toLowerCase() === "authorization")
  )
    return;
  out.push({
    path: `${path}.headers`,
    detail: `${path}.headers has an Authorization header and ${path}.http_endpoint carries user info; expected only one of them`,
  });
};

const messageWithBody: RuleFactory = () => (record, path, ctx, out) => {
  const has = (name: string): boolean => isNonEmpty(record[name], ctx);
  if (has("message") && (has("content_type") || has("body"))) {
    out.push({
      path: `${path}.message`,
      detail: `${path}.message is set together with ${path}.content_type or ${path}.body; expected either a message or a body`,
    });
  }
};

const contentTypeNeedsBody: RuleFactory = () => (record, path, ctx, out) => {
  if (isNonEmpty(record.content_type, ctx) && !isNonEmpty(record.body, ctx)) {
    out.push({
      path: `${path}.body`,
      detail: `${path}.body is missing; expected a body because ${path}.content_type is set`,
    });
  }
};

const echoWithBody: RuleFactory = () => (record, path, ctx, out) => {
  const has = (name: string): boolean => isNonEmpty(record[name], ctx);
  if (record.echo === true && (has("content_type") || has("body"))) {
    out.push({
      path: `${path}.echo`,
      detail: `${path}.echo is true together with ${path}.content_type or ${path}.body; expected echo or a body, not both`,
    });
  }
};

// Inferred by the catalog from Kong's field descriptions (the Enterprise Lua is not public).
const bodyOrParameterSchema: RuleFactory = () => (record, path, ctx, out) => {
  if (isNonEmpty(record.body_schema, ctx) || isNonEmpty(record.parameter_schema, ctx)) return;
  out.push({
    path,
    detail: `${path}.body_schema and ${path}.parameter_schema are all empty; expected at least one of them to be set`,
  });
};

const parameterTrio: RuleFactory = () => (record, path, ctx, out) => {
  const parameters = record.parameter_schema;
  if (!Array.isArray(parameters)) return;
  parameters.forEach((parameter, index) => {
    if (!isPlainObject(parameter)) return;
    const at = `${path}.parameter_schema[${index}]`;
    const trio = ["style", "explode", "schema"];
    const set = trio.filter((n) => isNonEmpty(parameter[n], ctx) || parameter[n] === false);
    if (set.length > 0 && set.length < trio.length) {
      const missing = trio.filter((n) => !set.includes(n)).map((n) => `${at}.${n}`);
      out.push({
        path: at,
        detail: `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing; expected style, explode and schema together`,
      });
    }
  });
};

// The body schema is a JSON document Kong parses when it validates the config.
const bodySchemaIsJson: RuleFactory = () => (record, path, _ctx, out: FieldProblem[]) => {
  const body = record.body_schema;
  if (typeof body !== "string" || body === "" || hasInterpolation(body)) return;
  try {
    JSON.parse(body);
  } catch {
    out.push({
      path: `${path}.body_schema`,
      detail: `${path}.body_schema is not valid JSON; expected a JSON document`,
    });
  }
};

const requestValidator: RuleFactory = (fields) => {
  const rules = [parameterTrio(fields), bodySchemaIsJson(fields)];
  return (record, path, ctx, out) => rules.forEach((rule) => rule(record, path, ctx, out));
};

// kong/llm/schemas: statistics are not logged for anthropic on llm/v1/completions.
const UNSUPPORTED_STATISTICS: Readonly<Record<string, readonly string[]>> = {
  "llm/v1/completions": ["anthropic"],
};

const llmStatistics: RuleFactory = (fields) => {
  const routeType = effectiveGetter(fields, "route_type");
  const provider = effectiveGetter(fields, "model.provider");
  const statistics = effectiveGetter(fields, "logging.log_statistics");
  return (record, path, _ctx, out) => {
    if (statistics(record) !== true) return;
    const route = routeType(record);
    const name = provider(record);
    if (typeof route !== "string" || !UNSUPPORTED_STATISTICS[route]?.includes(name as string))
      return;
    out.push({
      path: `${path}.logging.log_statistics`,
      detail: `${path}.logging.log_statistics is true; expected false because ${path}.model.provider ${describeValue(name)} does not support statistics when ${path}.route_type is ${describeValue(route)}`,
    });
  };
};

const proxyUrlScheme: RuleFactory = () => (record, path, _ctx, out) => {
  const url = record.proxy_url;
  if (typeof url !== "string" || hasInterpolation(url)) return;
  const scheme = /^([^:]+):\/\//.exec(url)?.[1];
  if (scheme === undefined || scheme === "http") return;
  out.push({
    path: `${path}.proxy_url`,
    detail: `${path}.proxy_url has the scheme ${JSON.stringify(scheme)}; expected an http:// proxy URL (proxy_url scheme must be http)`,
  });
};

const FLOWS = [
  "enable_authorization_code",
  "enable_implicit_grant",
  "enable_client_credentials",
  "enable_password_grant",
];

const oauth2Flows: RuleFactory = (fields) => {
  const getters = FLOWS.map((name) => effectiveGetter(fields, name));
  return (record, path, ctx, out) => {
    const values = getters.map((get) => get(record));
    if (values.some((v) => v === true || (v !== undefined && ctx.isUnresolved(v)))) return;
    const paths = FLOWS.map((name) => `${path}.${name}`);
    out.push({
      path,
      detail: `${paths.slice(0, -1).join(", ")} and ${paths[paths.length - 1]} are all false; expected at least one of these grant flows enabled`,
    });
  };
};

/** The hand-written rules, by the catalog's summary of the Lua check they stand for. */
export const customRules: Readonly<Record<string, RuleFactory>> = {
  "custom_validator (config record, validate_periods_order): a longer period's limit may not be lower than a shorter period's limit (order second<minute<hour<day<month<year); error 'The limit for <upper>(<v2>) cannot be lower than the limit for <lower>(<v1>)'":
    periodsOrder,
  "custom_validator: if policy != \"redis\" and sync_rate != -1 -> 'sync_rate can only be used with the redis policy'":
    syncRateNeedsRedis,
  "custom_validator: if policy == \"redis\" and sync_rate != -1 and sync_rate < 0.02 -> 'sync_rate must be greater than 0.02, or -1 to disable'":
    syncRateMinimum,
  "custom_validator (config record): if http_endpoint contains userinfo (user:pass@) and headers contains an 'Authorization' header (case-insensitive) -> error \"specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed\"":
    authorizationOrUserInfo,
  "custom_validator: message cannot be used with content_type or body": messageWithBody,
  "custom_validator: content_type requires a body": contentTypeNeedsBody,
  "custom_validator: echo cannot be used with content_type and body (error if echo and either is present)":
    echoWithBody,
  "at_least_one_of: config.body_schema, config.parameter_schema (inferred from field descriptions 'One of body_schema or parameter_schema must be specified'; Lua entity_checks not visible)":
    bodyOrParameterSchema,
  "parameter_schema element: style, explode and schema are mutually required (from descriptions)":
    requestValidator,
  "custom_entity_check (config record, field_sources: config.route_type, config.model, config.logging): if logging.log_statistics is true and (route_type, model.provider) is unsupported (only llm/v1/completions + anthropic) -> error '<provider> does not support statistics when route_type is <route_type>'":
    llmStatistics,
  "custom_entity_check (field_sources: route_type, model, logging): if logging.log_statistics is true and (route_type, model.provider) is unsupported (only llm/v1/completions + anthropic) -> error '<provider> does not support statistics when route_type is <route_type>'":
    llmStatistics,
  "custom_entity_check (field_sources: config.proxy_url): if proxy_url is a string with a scheme (^([^:]+)://) other than 'http' -> error 'proxy_url scheme must be http'":
    proxyUrlScheme,
  "custom_validator (config record, validate_flows): at least one of enable_authorization_code, enable_implicit_grant, enable_client_credentials, enable_password_grant must be true; error 'at least one of these fields must be true: enable_authorization_code, enable_implicit_grant, enable_client_credentials, enable_password_grant'":
    oauth2Flows,
};
