import { branchName, type AvroSchema, type RecordField } from "../avro";

/**
 * What differs between two versions of a schema, field by field, in the Avro sense: a field is
 * the same field under its name or under one of the newer field's aliases (as the spec's
 * resolution matches a reader's field to a writer's), and named types are compared where they
 * are used. Like `buf breaking` or `oasdiff`, it says what changed; the verdict is the
 * compatibility check's.
 */
export type SchemaChangeKind =
  | "field-added"
  | "field-removed"
  | "field-renamed"
  | "type-changed"
  | "symbol-added"
  | "symbol-removed"
  | "alias-added"
  | "alias-removed"
  | "default-added"
  | "default-removed"
  | "default-changed";

export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** The field, dotted from the top-level type (`items[].price`, `meta{}.source`); "" for the top-level type itself. */
  readonly field: string;
  /** Before: a type (`long (timestamp-millis)`), a default as JSON text, a symbol, an alias or a field name. */
  readonly from?: string;
  /** After, in the same terms. */
  readonly to?: string;
  /** For an added or removed field: whether it has a default (an added field without one cannot read older data). */
  readonly hasDefault?: boolean;
  /** For an added or removed field: whether null is among its types. */
  readonly optional?: boolean;
}

/** JSON text with object keys in order, so that a default written differently is not a change. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

/** A type as one short phrase; nested types below two levels are elided. */
function typeText(schema: AvroSchema, depth = 0): string {
  if (depth > 2) return "…";
  switch (schema.kind) {
    case "primitive": {
      const l = schema.logicalType;
      if (!l) return schema.type;
      return `${schema.type} (${l.name === "decimal" ? `decimal(${l.precision},${l.scale})` : l.name})`;
    }
    case "fixed":
      return `fixed ${schema.name} (${schema.size} bytes${schema.logicalType ? `, ${schema.logicalType.name}` : ""})`;
    case "record":
    case "enum":
      return `${schema.kind} ${schema.name}`;
    case "array":
      return `array<${typeText(schema.items, depth + 1)}>`;
    case "map":
      return `map<${typeText(schema.values, depth + 1)}>`;
    case "union":
      return schema.branches.map((b) => typeText(b, depth + 1)).join(" | ");
  }
}

function optional(type: AvroSchema): boolean {
  return (
    type.kind === "union" && type.branches.some((b) => b.kind === "primitive" && b.type === "null")
  );
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

function listDiff(
  out: SchemaChange[],
  field: string,
  before: readonly string[],
  after: readonly string[],
  added: SchemaChangeKind,
  removed: SchemaChangeKind,
): void {
  const had = new Set(before);
  const has = new Set(after);
  for (const x of after) if (!had.has(x)) out.push({ kind: added, field, to: x });
  for (const x of before) if (!has.has(x)) out.push({ kind: removed, field, from: x });
}

/** Whether two types are the same kind of thing, to be compared inside rather than replaced. */
function sameShape(a: AvroSchema, b: AvroSchema): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "primitive" && b.kind === "primitive")
    return a.type === b.type && typeText(a) === typeText(b);
  if (a.kind === "fixed" && b.kind === "fixed") return typeText(a) === typeText(b);
  return true;
}

/** Every change from `older` to `newer`, in the order of the newer schema's fields. */
export function diffSchemas(older: AvroSchema, newer: AvroSchema): SchemaChange[] {
  const out: SchemaChange[] = [];
  // A pair of named types is compared once: a recursive type, or one used twice, costs one walk.
  const seen = new Set<string>();
  const walk = (a: AvroSchema, b: AvroSchema, field: string): void => {
    if (!sameShape(a, b)) {
      out.push({ kind: "type-changed", field, from: typeText(a), to: typeText(b) });
      return;
    }
    switch (b.kind) {
      case "array":
        return walk((a as typeof b).items, b.items, `${field}[]`);
      case "map":
        return walk((a as typeof b).values, b.values, `${field}{}`);
      case "union":
        return unions(a as typeof b, b, field);
      case "primitive":
        return;
    }
    const before = a as typeof b;
    const key = `${before.name}\u0000${b.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (before.name !== b.name)
      out.push({ kind: "type-changed", field, from: typeText(before), to: typeText(b) });
    listDiff(out, field, before.aliases, b.aliases, "alias-added", "alias-removed");
    if (b.kind === "enum" && before.kind === "enum") {
      listDiff(out, field, before.symbols, b.symbols, "symbol-added", "symbol-removed");
      defaults(
        field,
        before.default,
        b.default,
        before.default !== undefined,
        b.default !== undefined,
      );
    }
    if (b.kind === "record" && before.kind === "record") records(before.fields, b.fields, field);
  };
  const defaults = (field: string, from: unknown, to: unknown, had: boolean, has: boolean) => {
    if (had && has) {
      const [f, t] = [stableJson(from), stableJson(to)];
      if (f !== t) out.push({ kind: "default-changed", field, from: f, to: t });
    } else if (has) out.push({ kind: "default-added", field, to: stableJson(to) });
    else if (had) out.push({ kind: "default-removed", field, from: stableJson(from) });
  };
  const records = (before: readonly RecordField[], after: readonly RecordField[], path: string) => {
    const byName = new Map(before.map((f) => [f.name, f]));
    const matched = new Set<RecordField>();
    for (const f of after) {
      const field = join(path, f.name);
      const old =
        byName.get(f.name) ??
        f.aliases.map((a) => byName.get(a)).find((o) => o !== undefined && !matched.has(o));
      if (!old || matched.has(old)) {
        out.push({
          kind: "field-added",
          field,
          to: typeText(f.type),
          hasDefault: f.hasDefault,
          optional: optional(f.type),
        });
        continue;
      }
      matched.add(old);
      if (old.name !== f.name)
        out.push({ kind: "field-renamed", field, from: old.name, to: f.name });
      listDiff(out, field, old.aliases, f.aliases, "alias-added", "alias-removed");
      defaults(field, old.default, f.default, old.hasDefault, f.hasDefault);
      walk(old.type, f.type, field);
    }
    for (const old of before)
      if (!matched.has(old))
        out.push({
          kind: "field-removed",
          field: join(path, old.name),
          from: typeText(old.type),
          hasDefault: old.hasDefault,
          optional: optional(old.type),
        });
  };
  const unions = (a: AvroSchema & { kind: "union" }, b: typeof a, field: string) => {
    const names = (u: typeof a) => u.branches.map(branchName);
    const [before, after] = [names(a), names(b)];
    if (before.join("\u0000") !== after.join("\u0000"))
      out.push({ kind: "type-changed", field, from: typeText(a), to: typeText(b) });
    // Branches of the same name (a nullable record, say) are compared inside.
    const byName = new Map(a.branches.map((x) => [branchName(x), x]));
    for (const x of b.branches) {
      const old = byName.get(branchName(x));
      if (old && old.kind !== "primitive") walk(old, x, field);
    }
  };
  walk(older, newer, "");
  return out;
}
