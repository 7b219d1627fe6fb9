import type {
  AvroSchema,
  EnumSchema,
  FixedSchema,
  PrimitiveSchema,
  RecordSchema,
  UnionSchema,
} from "../../avro";
import { branchName, fieldsByName, numberMismatch, symbolSet } from "../../avro";
import { isObject, joinPointer } from "../../common";
import { acceptsJsonKind, typeLabel } from "../shared-rules";
import type { Dialect, PayloadError, ValidationOptions } from "../options";
import { resolveOptions } from "../options";
import { MAX_NESTING_DEPTH } from "../ranges";
import { describeValue, jsonKind } from "./describe";

/** At most this many errors are reported; a payload that wrong needs no longer list. */
export const MAX_REPORTED_ERRORS = 100;

/**
 * Validates a decoded JSON payload against an Avro schema under one of the dialects of
 * docs/reference/json-dialects.md. Returns every error (up to MAX_REPORTED_ERRORS), each with the
 * JSON Pointer of the offending value, in document order: a record's fields in schema order,
 * then its unknown keys.
 *
 * Numbers are IEEE doubles, as every JSON decoder here yields them. A payload whose arrays and
 * objects nest deeper than MAX_NESTING_DEPTH gets a single error and is not walked, which also
 * bounds this function's recursion (a few frames per level) far below the JS stack limit.
 */
export function validatePayload(
  schema: AvroSchema,
  payload: unknown,
  options?: ValidationOptions,
): PayloadError[] {
  const tooDeep = findTooDeep(payload);
  if (tooDeep !== undefined) {
    return [
      {
        path: tooDeep,
        message: `nesting deeper than ${MAX_NESTING_DEPTH} levels of arrays and objects (Kong's JSON decoder refuses such a body)`,
      },
    ];
  }
  const { dialect, allowUnknownFields } = resolveOptions(options);
  const walker = new Walker(dialect, allowUnknownFields, MAX_REPORTED_ERRORS);
  walker.check(schema, payload, "");
  return walker.errors;
}

/** True when the payload is valid; stops at the first error. */
export function isValidPayload(
  schema: AvroSchema,
  payload: unknown,
  options?: ValidationOptions,
): boolean {
  if (findTooDeep(payload) !== undefined) return false;
  const { dialect, allowUnknownFields } = resolveOptions(options);
  const walker = new Walker(dialect, allowUnknownFields, 1);
  walker.check(schema, payload, "");
  return walker.errors.length === 0;
}

/** The pointer of the first array or object nested deeper than MAX_NESTING_DEPTH, iteratively. */
function findTooDeep(payload: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [
    { value: payload, depth: 1, path: "" },
  ];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_NESTING_DEPTH) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    // Pushed in reverse so that the first offending container in document order is found first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      if (typeof child === "object" && child !== null)
        stack.push({ value: child, depth: depth + 1, path: joinPointer(path, key) });
    }
  }
  return undefined;
}

const hasOwn = (object: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(object, key);

/** Union branches by name, built once for every union met. */
const unionBranches = new WeakMap<UnionSchema, ReadonlyMap<string, AvroSchema>>();

function branchesOf(schema: UnionSchema): ReadonlyMap<string, AvroSchema> {
  let map = unionBranches.get(schema);
  if (!map)
    unionBranches.set(schema, (map = new Map(schema.branches.map((b) => [branchName(b), b]))));
  return map;
}

class Walker {
  readonly errors: PayloadError[] = [];

  constructor(
    private readonly dialect: Dialect,
    private readonly allowUnknownFields: boolean,
    private readonly limit: number,
    /** Verdicts of union trials in this run, shared by every trial walker. */
    private readonly verdicts = new WeakMap<object, Map<AvroSchema, boolean>>(),
  ) {}

  private get full(): boolean {
    return this.errors.length >= this.limit;
  }

  private fail(path: string, message: string): void {
    if (!this.full) this.errors.push({ path, message });
  }

  private mismatch(path: string, schema: AvroSchema, value: unknown, why = ""): void {
    this.fail(path, `expected ${typeLabel(schema)}, found ${describeValue(value)}${why}`);
  }

  check(schema: AvroSchema, value: unknown, path: string): void {
    if (this.full) return;
    switch (schema.kind) {
      case "primitive":
        return this.checkPrimitive(schema, value, path);
      case "enum":
        return this.checkEnum(schema, value, path);
      case "fixed":
        return this.checkFixed(schema, value, path);
      case "array":
        if (!Array.isArray(value)) return this.mismatch(path, schema, value);
        for (let i = 0; i < value.length && !this.full; i++)
          this.check(schema.items, value[i], joinPointer(path, i));
        return;
      case "map":
        if (!isObject(value)) return this.mismatch(path, schema, value, " (a JSON object)");
        for (const key of Object.keys(value)) {
          if (this.full) return;
          this.check(schema.values, value[key], joinPointer(path, key));
        }
        return;
      case "record":
        return this.checkRecord(schema, value, path);
      case "union":
        return this.dialect === "avro-json"
          ? this.checkWrappedUnion(schema, value, path)
          : this.checkPlainUnion(schema, value, path);
    }
  }

  private checkPrimitive(schema: PrimitiveSchema, value: unknown, path: string): void {
    switch (schema.type) {
      case "null":
        if (value !== null) this.mismatch(path, schema, value);
        return;
      case "boolean":
      case "string":
        if (typeof value !== schema.type) this.mismatch(path, schema, value);
        return;
      case "int":
      case "long":
      case "float":
      case "double": {
        if (typeof value !== "number") return this.mismatch(path, schema, value);
        const why = numberMismatch(schema.type, value);
        if (why !== undefined) this.mismatch(path, schema, value, why);
        return;
      }
      case "bytes":
        if (typeof value !== "string") return this.mismatch(path, schema, value);
        this.checkLatin1(schema, value, path);
        return;
    }
  }

  /** Bytes travel as strings of code points U+0000–U+00FF, one per byte. */
  private checkLatin1(schema: AvroSchema, value: string, path: string): boolean {
    for (let i = 0; i < value.length; i++) {
      const code = value.codePointAt(i)!;
      if (code > 0xff) {
        const hex = code.toString(16).toUpperCase().padStart(4, "0");
        this.mismatch(path, schema, value, ` (code point U+${hex} at index ${i} is above U+00FF)`);
        return false;
      }
    }
    return true;
  }

  private checkFixed(schema: FixedSchema, value: unknown, path: string): void {
    if (typeof value !== "string") return this.mismatch(path, schema, value);
    if (!this.checkLatin1(schema, value, path)) return;
    // All code units are ≤ U+00FF here, so length counts code points.
    if (value.length !== schema.size)
      this.mismatch(
        path,
        schema,
        value,
        ` (${value.length} bytes; expected exactly ${schema.size})`,
      );
  }

  private checkEnum(schema: EnumSchema, value: unknown, path: string): void {
    if (typeof value === "string" && symbolSet(schema).has(value)) return;
    const shown =
      schema.symbols.slice(0, 10).join(", ") + (schema.symbols.length > 10 ? ", …" : "");
    this.mismatch(path, schema, value, ` (expected one of: ${shown})`);
  }

  private checkRecord(schema: RecordSchema, value: unknown, path: string): void {
    if (!isObject(value)) return this.mismatch(path, schema, value, " (a JSON object)");
    const everyField = this.dialect === "avro-json";
    for (const field of schema.fields) {
      if (this.full) return;
      const fieldPath = joinPointer(path, field.name);
      if (hasOwn(value, field.name)) this.check(field.type, value[field.name], fieldPath);
      else if (everyField || !field.hasDefault)
        this.fail(fieldPath, `missing required field "${field.name}" of record ${schema.name}`);
    }
    if (this.allowUnknownFields) return;
    const known = fieldsByName(schema);
    for (const key of Object.keys(value)) {
      if (this.full) return;
      if (!known.has(key))
        this.fail(
          joinPointer(path, key),
          `unknown field "${key}"; record ${schema.name} does not declare it`,
        );
    }
  }

  /**
   * Plain JSON: valid when some branch accepts the value. A branch is tried only when several
   * have the value's JSON kind; trial verdicts are remembered per (value, branch), so a deep
   * invalid payload under a recursive union costs linear time, not one retry per level.
   */
  private checkPlainUnion(schema: UnionSchema, value: unknown, path: string): void {
    const kind = jsonKind(value);
    const candidates = schema.branches.filter((b) => acceptsJsonKind(b, kind));
    // One branch of the right JSON kind: its own errors say most about what went wrong.
    if (candidates.length === 1) return this.check(candidates[0], value, path);
    if (candidates.some((branch) => this.accepts(branch, value, path))) return;
    const names = schema.branches.map(branchName).join(", ");
    this.fail(
      path,
      `expected a value of one of the union's types (${names}), found ${describeValue(value)}`,
    );
  }

  private accepts(schema: AvroSchema, value: unknown, path: string): boolean {
    const run = (): boolean => {
      const trial = new Walker(this.dialect, this.allowUnknownFields, 1, this.verdicts);
      trial.check(schema, value, path);
      return trial.errors.length === 0;
    };
    if (typeof value !== "object" || value === null) return run();
    let bySchema = this.verdicts.get(value);
    if (!bySchema) this.verdicts.set(value, (bySchema = new Map()));
    let verdict = bySchema.get(schema);
    if (verdict === undefined) bySchema.set(schema, (verdict = run()));
    return verdict;
  }

  /** The Avro JSON encoding: `null`, or `{"<branch name>": value}`. */
  private checkWrappedUnion(schema: UnionSchema, value: unknown, path: string): void {
    const branches = branchesOf(schema);
    const names = [...branches.keys()].join(", ");
    if (value === null) {
      if (!branches.has("null")) this.fail(path, `null is not a branch of this union (${names})`);
      return;
    }
    if (!isObject(value)) {
      this.fail(
        path,
        `expected a union value: null or an object with one key naming the branch (${names}), found ${describeValue(value)}`,
      );
      return;
    }
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      this.fail(
        path,
        `expected a union value: an object with exactly one key naming the branch (${names}), found ${keys.length} keys`,
      );
      return;
    }
    const [key] = keys;
    const branch = key === "null" ? undefined : branches.get(key);
    if (branch === undefined) {
      const why = key === "null" ? "; the null branch is written as a bare null" : "";
      this.fail(path, `"${key}" is not a branch name of this union (${names})${why}`);
      return;
    }
    this.check(branch, value[key], joinPointer(path, key));
  }
}
