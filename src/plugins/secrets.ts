import { pluginSchema, type KongField } from "./catalog";
import { isPlainObject } from "./values";

/** A config value that carries a credential. */
export interface PluginSecret {
  /** e.g. `config.redis.password`, `config.client_secret[0]`. */
  readonly path: string;
  readonly value: unknown;
}

// Kong encrypts some fields at rest; those named like a credential hold one. A URL is only a
// secret when it carries user info, and a header only when it is an Authorization header.
const CREDENTIAL_NAME = /password|secret|token/i;
const USERINFO = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/;

function collect(
  fields: Readonly<Record<string, KongField>>,
  value: Record<string, unknown>,
  path: string,
  out: PluginSecret[],
): void {
  for (const [name, field] of Object.entries(fields)) {
    const here = `${path}.${name}`;
    const item = value[name];
    if (item === undefined || item === null) continue;
    if (field.type === "record" && field.fields && isPlainObject(item)) {
      collect(field.fields, item, here, out);
    } else if (field.encrypted && CREDENTIAL_NAME.test(name)) {
      if (Array.isArray(item))
        item.forEach((element, i) => out.push({ path: `${here}[${i}]`, value: element }));
      else out.push({ path: here, value: item });
    } else if (
      field.typedef === "typedefs.url" &&
      typeof item === "string" &&
      USERINFO.test(item)
    ) {
      out.push({ path: here, value: item });
    } else if (name === "headers" && field.type === "map" && isPlainObject(item)) {
      for (const [header, headerValue] of Object.entries(item)) {
        if (header.toLowerCase() === "authorization")
          out.push({ path: `${here}[${JSON.stringify(header)}]`, value: headerValue });
      }
    }
  }
}

/** The values of a plugin config that carry credentials (none for an unknown plugin). */
export function pluginSecrets(name: string, config: unknown): PluginSecret[] {
  const schema = pluginSchema(name);
  const out: PluginSecret[] = [];
  if (schema && isPlainObject(config)) collect(schema.config, config, "config", out);
  return out;
}
