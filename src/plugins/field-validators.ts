// Kong runs Lua functions (custom_validator) on some fields; the catalog names or summarises
// each. Those decidable from the config alone are written again here, keyed by the catalog's
// exact text, so that a new or reworded validator is a build error until someone decides.
// The others depend on the node that validates the config and are listed in src/catalog/unchecked.ts.
import { isIP } from "net";
import { uncheckedFieldValidators } from "../catalog";

/** A validator of a string: what the value should be ("a host name …"), or undefined. */
export type StringValidator = (value: string) => string | undefined;

/**
 * A validator of an array, map or record whose elements already passed: the clause after the
 * path ("holds the tag name "x" twice; expected …"), or undefined.
 */
export type ContainerValidator = (value: unknown) => string | undefined;

const HEADER_NAME = /^[a-zA-Z0-9-_]+$/;
const HEADER_NAME_TEXT = "a header name of A-Z, a-z, 0-9, '_' and '-'";

const headerName: StringValidator = (value) =>
  HEADER_NAME.test(value) ? undefined : HEADER_NAME_TEXT;

// socket.url.parse: a scheme, then "//" and an authority that names a host.
const url: StringValidator = (value) =>
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+/.test(value) ? undefined : "a URL with a scheme and a host";

const ipOrCidr: StringValidator = (value) => {
  const [address, prefix, extra] = value.split("/");
  const version = isIP(address);
  const maxPrefix = version === 4 ? 32 : 128;
  const prefixOk =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  return version !== 0 && prefixOk && extra === undefined
    ? undefined
    : "an IP address or CIDR range";
};

/** Kong's `kong.tools.ip.normalize_ip`: the kind of host, its port, or why it is invalid. */
interface ParsedHost {
  readonly type?: "ipv4" | "ipv6" | "name";
  readonly port?: number;
  readonly error?: "invalid" | "port";
}

function parseIpv4(text: string): ParsedHost {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d+))?$/.exec(text);
  if (!match || match.slice(1, 5).some((octet) => Number(octet) > 255)) return { error: "invalid" };
  return portOf("ipv4", match[5]);
}

function parseIpv6(text: string): ParsedHost {
  let address = text;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](.*)$/.exec(text);
  if (bracketed) {
    address = bracketed[1];
    if (bracketed[2] !== "") {
      const rest = /^:(\d*)$/.exec(bracketed[2]);
      if (!rest) return { error: "invalid" };
      port = rest[1];
    }
  }
  // Kong expands "::" and requires eight groups of one to four hex digits.
  if (address.startsWith(":")) address = "0" + address;
  if (address.endsWith(":")) address += "0";
  if (address.includes("::")) {
    const colons = address.split(":").length - 1;
    address = address.replace("::", ":" + "0:".repeat(Math.max(0, 8 - colons)));
  }
  if (!/^[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4}){7}$/.test(address)) return { error: "invalid" };
  return portOf("ipv6", port === "" ? undefined : port);
}

function parseName(text: string): ParsedHost {
  const portMatch = /:(\d+)$/.exec(text);
  const name = portMatch ? text.slice(0, -portMatch[0].length) : text;
  if (portMatch && Number(portMatch[1]) > 65535) return { error: "port" };
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return { error: "invalid" };
  const labels = name.split(".");
  const badLabel = labels.some(
    (label, i) => label.endsWith("-") || (label === "" && i !== labels.length - 1),
  );
  if (badLabel) return { error: "invalid" };
  return { type: "name", port: portMatch ? Number(portMatch[1]) : undefined };
}

function portOf(type: "ipv4" | "ipv6", port: string | undefined): ParsedHost {
  if (port === undefined) return { type };
  return Number(port) > 65535 ? { error: "port" } : { type, port: Number(port) };
}

function parseHost(text: string): ParsedHost {
  const colons = text.split(":").length - 1;
  if (colons > 1) return parseIpv6(text);
  if (/^[\d.]+$/.test(text.replace(/:/g, ""))) return parseIpv4(text);
  return parseName(text);
}

const host: StringValidator = (value) => {
  const parsed = parseHost(value);
  if (parsed.error === "invalid") return "a host name or an IP address";
  if (parsed.error === "port" || parsed.port !== undefined) return "a host without a port";
  return undefined;
};

const sni: StringValidator = (value) => {
  const parsed = parseHost(value);
  if (parsed.error === "invalid") return "a host name";
  if (parsed.type !== undefined && parsed.type !== "name") return "a host name, not an IP address";
  if (parsed.error === "port" || parsed.port !== undefined) return "a host name without a port";
  return undefined;
};

// Kong replaces each "*" by "abc", then takes a host with an optional port.
const hostWithWildcards: StringValidator = (value) =>
  parseHost(value.replace(/\*/g, "abc")).error === "invalid"
    ? "a host name (a wildcard label at most) or an IP address, with an optional port"
    : undefined;

const PATH = /^\/[A-Za-z0-9._~/%:@!$&'()*+,;=-]*$/;

const path: StringValidator = (value) => {
  if (!PATH.test(value)) return "a path of the characters RFC 3986 allows";
  if (value.replace(/%[0-9A-Fa-f]{2}/g, "___").includes("%"))
    return "a path whose every % starts a two-digit hex escape";
  return undefined;
};

const ACME_RESERVED = [
  "kong_acme:renew_config:",
  "kong_acme:renew_last_run",
  "kong_acme:cert_key:",
];

const acmeNamespace: StringValidator = (value) => {
  const reserved = ACME_RESERVED.find((word) => value.startsWith(word));
  return reserved === undefined
    ? undefined
    : `a namespace that does not start with Kong's reserved prefix ${JSON.stringify(reserved)}`;
};

// The "name:value" entries of request-transformer: the name is everything before the first ":".
const NAME_VALUE = /^([^:]+):*([\s\S]*)$/;

const headerBeforeColon: StringValidator = (value) => {
  const name = /^([^:]+)/.exec(value)?.[1];
  return name !== undefined && HEADER_NAME.test(name)
    ? undefined
    : `an entry whose part before ":" is ${HEADER_NAME_TEXT}`;
};

const colonHeaders: StringValidator = (value) => {
  const match = NAME_VALUE.exec(value);
  return match && HEADER_NAME.test(match[1]) && HEADER_NAME.test(match[2])
    ? undefined
    : `an "old:new" entry whose both parts are each ${HEADER_NAME_TEXT}`;
};

const nameWithValue: StringValidator = (value) => {
  const match = NAME_VALUE.exec(value);
  return match && match[2] !== "" ? undefined : 'a "name:value" entry with a non-empty value';
};

const stringValidators: Readonly<Record<string, StringValidator>> = {
  "kong.tools.http.validate_header_name": headerName,
  validate_url: url,
  validate_ip_or_cidr: ipOrCidr,
  validate_host: host,
  validate_sni: sni,
  validate_host_with_wildcards: hostWithWildcards,
  validate_path: path,
  "validate_namespace: a non-empty namespace must not start with a reserved key prefix of kong/plugins/acme/reserved_words.lua ('kong_acme:renew_config:', 'kong_acme:renew_last_run', 'kong_acme:cert_key:'); error \"namespace can't be prefixed with reserved word: <w>\"":
    acmeNamespace,
  "validate_headers: the part before the first ':' must be a valid header name (kong.tools.http.validate_header_name); error \"'<name>' is not a valid header\"":
    headerBeforeColon,
  "validate_colon_headers: 'old:new' -- both the part before and the part after the first ':' must be valid header names (kong.tools.http.validate_header_name); error \"'<name>' is not a valid header\"":
    colonHeaders,
  // The value's pl.template compilation needs Lua: src/catalog/unchecked.ts lists that half.
  "check_for_value: entry must be 'name:value' with a non-empty value (pattern ^([^:]+):*(.-)$) and the value must compile as a pl.template template (escape '\\xff'); errors \"key '<name>' has no value\" / \"value '<v>' is not in supported format, error:<e>\"":
    nameWithValue,
};

const PERIODS = ["second", "minute", "hour", "day", "month", "year"] as const;

/** The first pair of periods whose limits are out of order. */
function periodsOutOfOrder(
  limits: Readonly<Record<string, unknown>>,
): { upper: string; lower: string; upperLimit: number; lowerLimit: number } | undefined {
  for (let i = 1; i < PERIODS.length; i++) {
    const upperLimit = limits[PERIODS[i]];
    if (typeof upperLimit !== "number") continue;
    for (let j = 0; j < i; j++) {
      const lowerLimit = limits[PERIODS[j]];
      if (typeof lowerLimit === "number" && lowerLimit > upperLimit)
        return { upper: PERIODS[i], lower: PERIODS[j], upperLimit, lowerLimit };
    }
  }
  return undefined;
}

const periodsOrder: ContainerValidator = (value) => {
  const wrong = periodsOutOfOrder(value as Readonly<Record<string, unknown>>);
  return wrong
    ? `has ${wrong.upper} ${wrong.upperLimit} below ${wrong.lower} ${wrong.lowerLimit}; expected a longer period's limit not lower than a shorter one's`
    : undefined;
};

const staticTags: ContainerValidator = (value) => {
  const seen = new Set<unknown>();
  for (const tag of value as readonly unknown[]) {
    const name = (tag as { name?: unknown } | null)?.name;
    if (seen.has(name))
      return `holds the tag name ${JSON.stringify(name)} twice; expected unique tag names`;
    seen.add(name);
  }
  return undefined;
};

const scalarValues: ContainerValidator = (value) => {
  for (const [key, entry] of Object.entries(value as Readonly<Record<string, unknown>>)) {
    const type = typeof entry;
    if (type !== "string" && type !== "number" && type !== "boolean")
      return `holds ${entry === null ? "null" : Array.isArray(entry) ? "an array" : `an ${type}`} at ${JSON.stringify(key)}; expected only string, number or boolean values`;
    if (entry === "")
      return `holds an empty string at ${JSON.stringify(key)}; expected only non-empty strings, numbers or booleans`;
  }
  return undefined;
};

const containerValidators: Readonly<Record<string, ContainerValidator>> = {
  "validate_periods_order: a longer period's limit may not be lower than a shorter period's limit (order second<minute<hour<day<month<year); error 'the limit for <upper>(<v2>) cannot be lower than the limit for <lower>(<v1>)'":
    periodsOrder,
  "validate_static_tags: tag names must be unique; error 'repeated tags are not allowed: <name>'":
    staticTags,
  "custom_validator: every map value must be a string, number or boolean (error 'invalid type of value: <type>'); an empty string value -> 'required field missing'":
    scalarValues,
};

function lookup<V>(table: Readonly<Record<string, V>>, name: string | undefined): V | undefined {
  if (name === undefined || Object.prototype.hasOwnProperty.call(uncheckedFieldValidators, name))
    return undefined;
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
  throw new Error(
    `Plugin catalogue: a validator without a decision (checked or listed as unchecked): ${name}`,
  );
}

/** The validator of a string field, undefined when it has none or it cannot run offline. */
export function stringValidator(name: string | undefined): StringValidator | undefined {
  return lookup(stringValidators, name);
}

/** The validator of an array, map or record field, undefined when none or not offline. */
export function containerValidator(name: string | undefined): ContainerValidator | undefined {
  return lookup(containerValidators, name);
}
