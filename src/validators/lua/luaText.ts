/**
 * Writing Lua source text from TypeScript values. Everything the compiler puts into a chunk
 * goes through these, so that a schema name or symbol can never break out of a string literal.
 */

/** A Lua string literal for `text` (UTF-8 bytes; control and non-ASCII bytes as `\ddd`). */
export function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, "utf8")) {
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += "\\" + String(byte).padStart(3, "0");
  }
  return out + '"';
}

/** A Lua literal for a number or string value (a schema version, for instance). */
export function luaScalar(value: number | string): string {
  if (typeof value === "string") return luaString(value);
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a Lua number.`);
  return String(value);
}

/** A JSON Pointer reference token escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`). */
export function pointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
