import type { AvroSchema } from "../../../src/avro";
import { branchName, simpleName } from "../../../src/avro";
import { Rng } from "./prng";
import type { PayloadOptions } from "./payload-gen";
import { EXTRA_KEYS, anyJson, setOwn } from "./payload-gen";

/**
 * Turns a valid payload into one that is invalid by construction. A mutation is applied only at
 * a place whose type is certain: a plain union is entered only when exactly one branch accepts
 * the value's JSON kind, and the value right at such a branch keeps its JSON kind, so no other
 * branch can come to accept the mutated payload.
 */

export const MUTATION_KINDS = [
  "wrong-type",
  "missing-field",
  "unknown-field",
  "null-for-default",
  "int-out-of-range",
  "long-out-of-range",
  "non-integral",
  "bytes-code-point",
  "fixed-code-point",
  "fixed-wrong-length",
  "bad-enum-symbol",
  "union-wrong-branch-name",
  "union-two-keys",
  "union-unwrapped",
  "union-wrapped-null",
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

type Path = ReadonlyArray<string | number>;

interface Site {
  readonly path: Path;
  readonly schema: AvroSchema;
  readonly value: unknown;
  /** The value is a plain union's: a mutation here must keep its JSON kind. */
  readonly locked: boolean;
}

const KINDS = ["null", "boolean", "number", "string", "array", "object"] as const;
type Kind = (typeof KINDS)[number];
const SAMPLE: Record<Kind, () => unknown> = {
  null: () => null,
  boolean: () => false,
  number: () => 7,
  string: () => "wrong",
  array: () => [],
  object: () => ({}),
};

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as Kind;
}

function isNull(schema: AvroSchema): boolean {
  return schema.kind === "primitive" && schema.type === "null";
}

/** JSON kinds a schema accepts under a dialect (a union: its branches', or null/object wrapped). */
function accepts(schema: AvroSchema, kind: Kind, options: PayloadOptions): boolean {
  switch (schema.kind) {
    case "primitive":
      if (schema.type === "bytes") return kind === "string";
      if (
        schema.type === "int" ||
        schema.type === "long" ||
        schema.type === "float" ||
        schema.type === "double"
      )
        return kind === "number";
      return kind === schema.type;
    case "enum":
    case "fixed":
      return kind === "string";
    case "array":
      return kind === "array";
    case "map":
    case "record":
      return kind === "object";
    case "union":
      if (options.dialect === "avro-json")
        return kind === "object" || (kind === "null" && schema.branches.some(isNull));
      return schema.branches.some((b) => accepts(b, kind, options));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function collectSites(
  schema: AvroSchema,
  value: unknown,
  path: Path,
  locked: boolean,
  options: PayloadOptions,
  out: Site[],
): void {
  out.push({ path, schema, value, locked });
  switch (schema.kind) {
    case "array":
      if (Array.isArray(value))
        value.forEach((v, i) => collectSites(schema.items, v, [...path, i], false, options, out));
      return;
    case "map":
      if (isObject(value))
        for (const k of Object.keys(value))
          collectSites(schema.values, value[k], [...path, k], false, options, out);
      return;
    case "record":
      if (isObject(value))
        for (const f of schema.fields)
          if (hasOwn(value, f.name))
            collectSites(f.type, value[f.name], [...path, f.name], false, options, out);
      return;
    case "union": {
      if (options.dialect === "plain") {
        const kind = kindOf(value);
        const candidates = schema.branches.filter((b) => accepts(b, kind, options));
        if (candidates.length === 1) collectSites(candidates[0], value, path, true, options, out);
        return;
      }
      if (!isObject(value)) return;
      const [key] = Object.keys(value);
      const branch = schema.branches.find((b) => branchName(b) === key);
      if (branch) collectSites(branch, value[key], [...path, key], false, options, out);
      return;
    }
    default:
      return;
  }
}

/** The replacement value a mutation puts at a site, or undefined when it does not apply there. */
function mutationAt(
  kind: MutationKind,
  site: Site,
  rng: Rng,
  options: PayloadOptions,
): { value: unknown } | undefined {
  const { schema, value } = site;
  switch (kind) {
    case "wrong-type": {
      if (site.locked) return undefined;
      const wrong = KINDS.filter((k) => !accepts(schema, k, options));
      return wrong.length === 0 ? undefined : { value: SAMPLE[rng.pick(wrong)]() };
    }
    case "missing-field":
    case "unknown-field":
    case "null-for-default": {
      if (schema.kind !== "record" || !isObject(value)) return undefined;
      const copy = clone(value) as Record<string, unknown>;
      if (kind === "unknown-field") {
        if (options.allowUnknownFields) return undefined;
        const declared = new Set(schema.fields.map((f) => f.name));
        setOwn(copy, rng.pick(EXTRA_KEYS.filter((k) => !declared.has(k))), anyJson(rng));
        return { value: copy };
      }
      if (kind === "missing-field") {
        const required = schema.fields.filter(
          (f) => hasOwn(value, f.name) && (options.dialect === "avro-json" || !f.hasDefault),
        );
        if (required.length === 0) return undefined;
        delete copy[rng.pick(required).name];
        return { value: copy };
      }
      const defaulted = schema.fields.filter(
        (f) => f.hasDefault && !accepts(f.type, "null", options),
      );
      if (defaulted.length === 0) return undefined;
      setOwn(copy, rng.pick(defaulted).name, null);
      return { value: copy };
    }
    case "int-out-of-range":
    case "long-out-of-range":
    case "non-integral": {
      if (schema.kind !== "primitive") return undefined;
      if (kind === "non-integral")
        return schema.type === "int" || schema.type === "long"
          ? { value: rng.pick([1.5, -0.25, 2147483646.5, 1e-7]) }
          : undefined;
      if (kind === "int-out-of-range")
        return schema.type === "int"
          ? { value: rng.pick([2147483648, -2147483649, 1e10]) }
          : undefined;
      // "9223372036854775807" (Long.MAX_VALUE) decodes to 2^63, one past the last long double.
      return schema.type === "long"
        ? { value: rng.pick([JSON.parse("9223372036854775807"), 2 ** 64, -(2 ** 63) - 2048, 1e19]) }
        : undefined;
    }
    case "bytes-code-point":
      if (schema.kind !== "primitive" || schema.type !== "bytes" || typeof value !== "string")
        return undefined;
      return {
        value: insertAt(value, rng.int(0, value.length), rng.pick(["\u0100", "€", "😀", "\u0101"])),
      };
    case "fixed-code-point":
      if (schema.kind !== "fixed" || typeof value !== "string" || value.length === 0)
        return undefined;
      {
        const i = rng.int(0, value.length - 1);
        return {
          value: value.slice(0, i) + rng.pick(["\u0100", "€", "\u{1F600}"]) + value.slice(i + 1),
        };
      }
    case "fixed-wrong-length":
      if (schema.kind !== "fixed" || typeof value !== "string") return undefined;
      return { value: rng.chance(0.5) || value.length === 0 ? value + "a" : value.slice(1) };
    case "bad-enum-symbol": {
      if (schema.kind !== "enum") return undefined;
      const candidates = [
        "NOT_A_SYMBOL",
        "",
        ...schema.symbols.map((s) => s.toLowerCase()),
        ...schema.symbols.map((s) => s + " "),
      ];
      return { value: rng.pick(candidates.filter((c) => !schema.symbols.includes(c))) };
    }
    case "union-wrong-branch-name":
    case "union-two-keys":
    case "union-unwrapped": {
      if (schema.kind !== "union" || options.dialect !== "avro-json" || !isObject(value))
        return undefined;
      const [key] = Object.keys(value);
      const inner = value[key];
      const names = new Set(schema.branches.map(branchName));
      if (kind === "union-unwrapped") return { value: clone(inner) };
      const wrapper: Record<string, unknown> = {};
      if (kind === "union-two-keys") {
        setOwn(wrapper, key, clone(inner));
        const others = [...names].filter((n) => n !== key && n !== "null");
        setOwn(wrapper, others.length > 0 && rng.chance(0.5) ? rng.pick(others) : "extra", null);
        return { value: wrapper };
      }
      const wrongNames = ["nope", simpleName(key), key.toUpperCase(), `${key}s`].filter(
        (n) => !names.has(n),
      );
      setOwn(wrapper, rng.pick(wrongNames), clone(inner));
      return { value: wrapper };
    }
    case "union-wrapped-null":
      // The Avro JSON encoding writes the null branch as a bare null, never as {"null": null}.
      if (
        schema.kind !== "union" ||
        options.dialect !== "avro-json" ||
        !schema.branches.some(isNull)
      )
        return undefined;
      return { value: { null: null } };
  }
}

function insertAt(s: string, i: number, insert: string): string {
  return s.slice(0, i) + insert + s.slice(i);
}

/** A deep copy that keeps own `__proto__` keys (JSON round trip). */
function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const token of path.slice(0, -1)) parent = parent[token] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent[last as number] = value;
  else setOwn(parent as Record<string, unknown>, String(last), value);
  return copy;
}

/**
 * Picks a mutation kind that applies somewhere in `payload` (uniformly among those that do, so
 * that rare kinds are exercised too), then a place for it. Undefined when none applies.
 */
export function mutatePayload(
  schema: AvroSchema,
  payload: unknown,
  rng: Rng,
  options: PayloadOptions,
): { payload: unknown; kind: MutationKind; path: string } | undefined {
  const sites: Site[] = [];
  collectSites(schema, payload, [], false, options, sites);
  const byKind = new Map<MutationKind, Site[]>();
  for (const kind of MUTATION_KINDS) {
    // Probe with a throwaway generator so that probing does not shift the case's random stream.
    const probe = new Rng(0);
    const applicable = sites.filter((s) => mutationAt(kind, s, probe, options) !== undefined);
    if (applicable.length > 0) byKind.set(kind, applicable);
  }
  if (byKind.size === 0) return undefined;
  const kind = rng.pick([...byKind.keys()]);
  const site = rng.pick(byKind.get(kind)!);
  const mutation = mutationAt(kind, site, rng, options)!;
  const pointer = site.path
    .map((t) => "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("");
  return { payload: replaceAt(payload, site.path, mutation.value), kind, path: pointer };
}
