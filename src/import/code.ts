import { Secret, VariableSecret } from "../common";

/**
 * TypeScript source for a JSON-like value, as a person would write it: identifiers unquoted
 * where they can be, strings as JSON string literals (which TypeScript reads alike, so no input
 * can end a string early), `Secret.fromVariable(…)` for secrets. Short values stay on one line.
 */
export function literal(value: unknown, indent = ""): string {
  if (Secret.isSecret(value)) {
    const name = value instanceof VariableSecret ? value.name : "";
    return `Secret.fromVariable(${JSON.stringify(name)})`;
  }
  if (value instanceof Code) return value.text;
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((item) => literal(item, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 80 && !flat.includes("\n")
      ? flat
      : `[\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    if (entries.length === 0) return "{}";
    const items = entries.map(([k, v]) => `${propertyName(k)}: ${literal(v, inner)}`);
    const flat = `{ ${items.join(", ")} }`;
    return flat.length <= 80 && !flat.includes("\n")
      ? flat
      : `{\n${items.map((i) => `${inner}${i},`).join("\n")}\n${indent}}`;
  }
  return "undefined";
}

/** Source text placed as is into a literal (a `Duration.seconds(5)`, a `Credential.jwt(…)`). */
export class Code {
  constructor(readonly text: string) {}
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}

/** A `//` comment line: the text on one line, so that nothing in it can end the comment early. */
export function comment(text: string, indent = ""): string {
  return `${indent}// ${text.replace(/[\r\n\u2028\u2029]+/g, " ")}`;
}
