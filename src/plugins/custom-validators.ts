// Kong runs Lua functions (custom_validator) on some fields. The catalog names them; the ones
// with a simple, well-known rule are re-implemented here, keyed by that name. Others are left
// to Kong at deploy time.
import { isIP } from "net";

type Validator = (value: string) => string | undefined;

const HEADER_NAME = /^[a-zA-Z0-9-_]+$/;

const headerName: Validator = (value) =>
  HEADER_NAME.test(value) ? undefined : "a header name of A-Z, a-z, 0-9, '_' and '-'";

const url: Validator = (value) =>
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+/.test(value) ? undefined : "a URL with a scheme and a host";

const ipOrCidr: Validator = (value) => {
  const [address, prefix, extra] = value.split("/");
  const version = isIP(address);
  const maxPrefix = version === 4 ? 32 : 128;
  const prefixOk =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  return version !== 0 && prefixOk && extra === undefined
    ? undefined
    : "an IP address or CIDR range";
};

const validators: Readonly<Record<string, Validator>> = {
  "kong.tools.http.validate_header_name": headerName,
  validate_url: url,
  validate_ip_or_cidr: ipOrCidr,
};

/** What the value should be, when the named Kong validator rejects it; undefined when it passes. */
export function runCustomValidator(name: string | undefined, value: string): string | undefined {
  const validator = name === undefined ? undefined : validators[name];
  return validator ? validator(value) : undefined;
}
