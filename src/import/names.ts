import { createHash } from "crypto";

const CONSTRUCT_NAME = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

/**
 * The construct id (and Kong name) for a Kong name: itself when the constructs take it, otherwise
 * the name with every other character replaced by "-" and a hash of the original appended, so
 * that two different names never map to one and the same file always maps alike.
 */
export function constructName(name: string): { name: string; mapped: boolean } {
  if (CONSTRUCT_NAME.test(name)) return { name, mapped: false };
  const cleaned = name.replace(/[^A-Za-z0-9._~-]/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return { name: `${cleaned || "x"}-${shortHash(name)}`.slice(0, 120), mapped: true };
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await gateway Secret Duration Credential Gateway".split(
    " ",
  ),
);

/** Local identifiers of the generated function, unique within it. */
export class Identifiers {
  private readonly used = new Set<string>();

  /** `create-order` + `Route` → `createOrderRoute`; a number is appended when taken. */
  take(name: string, suffix: string): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = words
      .map((w, i) =>
        i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
      )
      .join("")
      .slice(0, 60);
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    base = `${base}${suffix}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** Names of the sensitive Terraform variables the secrets become, unique within one import. */
export class VariableNames {
  private readonly used = new Set<string>();

  /** `deck_` and the parts in snake case, e.g. `deck_consumer_storefront_jwt_0_secret`. */
  take(...parts: readonly (string | number)[]): string {
    const base = `deck_${parts
      .map((p) =>
        String(p)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "_")
          .replace(/^_+|_+$/g, ""),
      )
      .filter(Boolean)
      .join("_")}`.slice(0, 100);
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}_${n}`;
    this.used.add(candidate);
    return candidate;
  }
}
