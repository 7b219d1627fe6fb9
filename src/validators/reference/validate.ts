import type {
  ArraySchema,
  AvroSchema,
  MapSchema,
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
 * objects nest deeper than MAX_NESTING_DEPTH gets a single error and is not walked, as Kong's
 * decoder refuses it. The walk keeps an explicit stack, so no depth meets the JS stack limit.
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
  return new Walker(dialect, allowUnknownFields).walk(schema, payload, MAX_REPORTED_ERRORS);
}

/** True when the payload is valid; stops at the first error. */
export function isValidPayload(
  schema: AvroSchema,
  payload: unknown,
  options?: ValidationOptions,
): boolean {
  if (findTooDeep(payload) !== undefined) return false;
  const { dialect, allowUnknownFields } = resolveOptions(options);
  return new Walker(dialect, allowUnknownFields).walk(schema, payload, 1).length === 0;
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

/** One walk's errors: the whole payload's (up to MAX_REPORTED_ERRORS), or a union trial's (1). */
interface Run {
  readonly errors: PayloadError[];
  readonly limit: number;
}

const isFull = (run: Run): boolean => run.errors.length >= run.limit;

/**
 * What is left to do, on an explicit stack: a value to check, or the rest of an array, a map or
 * a record (from `next` on), or a plain union's branches still to try (after `trial`, if any).
 * Each task belongs to a run; a trial's tasks all end before its union's task is popped again.
 */
type Task =
  | {
      readonly kind: "check";
      readonly run: Run;
      readonly schema: AvroSchema;
      readonly value: unknown;
      readonly path: string;
    }
  | {
      readonly kind: "items";
      readonly run: Run;
      readonly schema: ArraySchema;
      readonly value: readonly unknown[];
      readonly path: string;
      next: number;
    }
  | {
      readonly kind: "values";
      readonly run: Run;
      readonly schema: MapSchema;
      readonly value: Record<string, unknown>;
      readonly keys: readonly string[];
      readonly path: string;
      next: number;
    }
  | {
      readonly kind: "fields";
      readonly run: Run;
      readonly schema: RecordSchema;
      readonly value: Record<string, unknown>;
      readonly path: string;
      next: number;
    }
  | {
      readonly kind: "union";
      readonly run: Run;
      readonly schema: UnionSchema;
      readonly value: unknown;
      readonly path: string;
      readonly candidates: readonly AvroSchema[];
      next: number;
      trial?: { readonly run: Run; readonly branch: AvroSchema };
    };

/**
 * The walk, iterative: an explicit stack of tasks in place of recursion, so that a payload as
 * deep as Kong decodes (1000 levels, with union trials at each) never meets the JS stack limit.
 * Tasks run in the order the recursive walk would: document order, stopping a run once full.
 */
class Walker {
  private readonly stack: Task[] = [];
  /** Verdicts of union trials in this walk, per (value, branch). */
  private readonly verdicts = new WeakMap<object, Map<AvroSchema, boolean>>();

  constructor(
    private readonly dialect: Dialect,
    private readonly allowUnknownFields: boolean,
  ) {}

  /** The errors of `value` against `schema`, at most `limit` of them. */
  walk(schema: AvroSchema, value: unknown, limit: number): PayloadError[] {
    const run: Run = { errors: [], limit };
    this.stack.push({ kind: "check", run, schema, value, path: "" });
    while (this.stack.length > 0) {
      const task = this.stack.pop() as Task;
      if (isFull(task.run)) continue;
      switch (task.kind) {
        case "check":
          this.check(task.run, task.schema, task.value, task.path);
          break;
        case "items":
          if (task.next < task.value.length) {
            const i = task.next++;
            this.stack.push(task);
            this.push(task.run, task.schema.items, task.value[i], joinPointer(task.path, i));
          }
          break;
        case "values":
          if (task.next < task.keys.length) {
            const key = task.keys[task.next++];
            this.stack.push(task);
            this.push(task.run, task.schema.values, task.value[key], joinPointer(task.path, key));
          }
          break;
        case "fields":
          this.continueRecord(task);
          break;
        case "union":
          this.continueUnion(task);
          break;
      }
    }
    return run.errors;
  }

  private push(run: Run, schema: AvroSchema, value: unknown, path: string): void {
    this.stack.push({ kind: "check", run, schema, value, path });
  }

  private fail(run: Run, path: string, message: string): void {
    if (!isFull(run)) run.errors.push({ path, message });
  }

  private mismatch(run: Run, path: string, schema: AvroSchema, value: unknown, why = ""): void {
    this.fail(run, path, `expected ${typeLabel(schema)}, found ${describeValue(value)}${why}`);
  }

  private check(run: Run, schema: AvroSchema, value: unknown, path: string): void {
    switch (schema.kind) {
      case "primitive":
        return this.checkPrimitive(run, schema, value, path);
      case "enum":
        return this.checkEnum(run, schema, value, path);
      case "fixed":
        return this.checkFixed(run, schema, value, path);
      case "array":
        if (!Array.isArray(value)) return this.mismatch(run, path, schema, value);
        this.stack.push({ kind: "items", run, schema, value, path, next: 0 });
        return;
      case "map":
        if (!isObject(value)) return this.mismatch(run, path, schema, value, " (a JSON object)");
        this.stack.push({
          kind: "values",
          run,
          schema,
          value,
          keys: Object.keys(value),
          path,
          next: 0,
        });
        return;
      case "record":
        if (!isObject(value)) return this.mismatch(run, path, schema, value, " (a JSON object)");
        this.stack.push({ kind: "fields", run, schema, value, path, next: 0 });
        return;
      case "union":
        return this.dialect === "avro-json"
          ? this.checkWrappedUnion(run, schema, value, path)
          : this.checkPlainUnion(run, schema, value, path);
    }
  }

  private checkPrimitive(run: Run, schema: PrimitiveSchema, value: unknown, path: string): void {
    switch (schema.type) {
      case "null":
        if (value !== null) this.mismatch(run, path, schema, value);
        return;
      case "boolean":
      case "string":
        if (typeof value !== schema.type) this.mismatch(run, path, schema, value);
        return;
      case "int":
      case "long":
      case "float":
      case "double": {
        if (typeof value !== "number") return this.mismatch(run, path, schema, value);
        const why = numberMismatch(schema.type, value);
        if (why !== undefined) this.mismatch(run, path, schema, value, why);
        return;
      }
      case "bytes":
        if (typeof value !== "string") return this.mismatch(run, path, schema, value);
        this.checkLatin1(run, schema, value, path);
        return;
    }
  }

  /** Bytes travel as strings of code points U+0000–U+00FF, one per byte. */
  private checkLatin1(run: Run, schema: AvroSchema, value: string, path: string): boolean {
    for (let i = 0; i < value.length; i++) {
      const code = value.codePointAt(i)!;
      if (code > 0xff) {
        const hex = code.toString(16).toUpperCase().padStart(4, "0");
        this.mismatch(
          run,
          path,
          schema,
          value,
          ` (code point U+${hex} at index ${i} is above U+00FF)`,
        );
        return false;
      }
    }
    return true;
  }

  private checkFixed(run: Run, schema: FixedSchema, value: unknown, path: string): void {
    if (typeof value !== "string") return this.mismatch(run, path, schema, value);
    if (!this.checkLatin1(run, schema, value, path)) return;
    // All code units are ≤ U+00FF here, so length counts code points.
    if (value.length !== schema.size)
      this.mismatch(
        run,
        path,
        schema,
        value,
        ` (${value.length} bytes; expected exactly ${schema.size})`,
      );
  }

  private checkEnum(run: Run, schema: EnumSchema, value: unknown, path: string): void {
    if (typeof value === "string" && symbolSet(schema).has(value)) return;
    const shown =
      schema.symbols.slice(0, 10).join(", ") + (schema.symbols.length > 10 ? ", …" : "");
    this.mismatch(run, path, schema, value, ` (expected one of: ${shown})`);
  }

  /** A record's fields in schema order from `next` (a present one is checked before the rest), then its unknown keys. */
  private continueRecord(task: Extract<Task, { kind: "fields" }>): void {
    const { run, schema, value, path } = task;
    const everyField = this.dialect === "avro-json";
    while (task.next < schema.fields.length) {
      if (isFull(run)) return;
      const field = schema.fields[task.next++];
      const fieldPath = joinPointer(path, field.name);
      if (hasOwn(value, field.name)) {
        this.stack.push(task);
        return this.push(run, field.type, value[field.name], fieldPath);
      }
      if (everyField || !field.hasDefault)
        this.fail(
          run,
          fieldPath,
          `missing required field "${field.name}" of record ${schema.name}`,
        );
    }
    if (this.allowUnknownFields) return;
    const known = fieldsByName(schema);
    for (const key of Object.keys(value)) {
      if (isFull(run)) return;
      if (!known.has(key))
        this.fail(
          run,
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
  private checkPlainUnion(run: Run, schema: UnionSchema, value: unknown, path: string): void {
    const kind = jsonKind(value);
    const candidates = schema.branches.filter((b) => acceptsJsonKind(b, kind));
    // One branch of the right JSON kind: its own errors say most about what went wrong.
    if (candidates.length === 1) return this.push(run, candidates[0], value, path);
    this.continueUnion({ kind: "union", run, schema, value, path, candidates, next: 0 });
  }

  /** Tries the union's candidates in order, each by a trial run of its own unless its verdict is known. */
  private continueUnion(task: Extract<Task, { kind: "union" }>): void {
    const { value, path } = task;
    const bySchema = this.verdictsOf(value);
    if (task.trial) {
      const accepted = task.trial.run.errors.length === 0;
      bySchema?.set(task.trial.branch, accepted);
      task.trial = undefined;
      if (accepted) return;
    }
    while (task.next < task.candidates.length) {
      const branch = task.candidates[task.next++];
      const verdict = bySchema?.get(branch);
      if (verdict === true) return;
      if (verdict === false) continue;
      const trial: Run = { errors: [], limit: 1 };
      task.trial = { run: trial, branch };
      this.stack.push(task);
      return this.push(trial, branch, value, path);
    }
    const names = task.schema.branches.map(branchName).join(", ");
    this.fail(
      task.run,
      path,
      `expected a value of one of the union's types (${names}), found ${describeValue(value)}`,
    );
  }

  /** The verdicts remembered for an array or object (a scalar is tried anew: that is cheap). */
  private verdictsOf(value: unknown): Map<AvroSchema, boolean> | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    let bySchema = this.verdicts.get(value);
    if (!bySchema) this.verdicts.set(value, (bySchema = new Map()));
    return bySchema;
  }

  /** The Avro JSON encoding: `null`, or `{"<branch name>": value}`. */
  private checkWrappedUnion(run: Run, schema: UnionSchema, value: unknown, path: string): void {
    const branches = branchesOf(schema);
    const names = [...branches.keys()].join(", ");
    if (value === null) {
      if (!branches.has("null"))
        this.fail(run, path, `null is not a branch of this union (${names})`);
      return;
    }
    if (!isObject(value)) {
      this.fail(
        run,
        path,
        `expected a union value: null or an object with one key naming the branch (${names}), found ${describeValue(value)}`,
      );
      return;
    }
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      this.fail(
        run,
        path,
        `expected a union value: an object with exactly one key naming the branch (${names}), found ${keys.length} keys`,
      );
      return;
    }
    const [key] = keys;
    const branch = key === "null" ? undefined : branches.get(key);
    if (branch === undefined) {
      const why = key === "null" ? "; the null branch is written as a bare null" : "";
      this.fail(run, path, `"${key}" is not a branch name of this union (${names})${why}`);
      return;
    }
    this.push(run, branch, value[key], joinPointer(path, key));
  }
}
