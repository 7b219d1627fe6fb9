import type { AvroSchema, EnumSchema, RecordSchema, UnionSchema } from "../../avro";
import { acceptsJsonKind, JSON_KINDS, typeLabel } from "../shared-rules";
import { branchName } from "../../avro";
import type { Dialect } from "../options";
import { INT32_MAX, INT32_MIN } from "../ranges";
import { luaString, pointerToken } from "./luaText";
import { PRELUDE } from "./prelude";
import { recursiveRecords } from "./recursion";

/**
 * Compiles an Avro schema into Lua source defining a root function `(value, depth)`: true when `value`
 * (as lua-cjson decoded it) is valid, otherwise false with `E_MSG` and `E_PATH` (a JSON Pointer)
 * describing the first error, in the reference validator's order: a record's fields in schema
 * order, then its unknown keys; array items in order.
 *
 * Shape of the generated code, chosen for LuaJIT's trace compiler:
 * - each record is one local function (recursion included); a record's fields are checked
 *   inline, by constant-key lookups, and its unknown keys are found by counting the table's
 *   keys against the number of declared fields present (no per-key lookup unless one is extra);
 * - arrays are walked by index up to `#t`, maps with `next`; enums are symbol sets and records'
 *   field names key sets, built once as upvalues;
 * - the error path is built only on failure, as the failing calls return;
 * - records that can contain themselves check the depth (≤ MAX_NESTING_DEPTH, as Kong's cjson
 *   allows), so no body can exhaust the Lua stack.
 *
 * The empty table rule. cjson decodes `[]` and `{}` into the same empty Lua table, and the
 * sandbox has no `getmetatable` to read cjson's array marker, so the two cannot be told apart.
 * An empty table is therefore accepted wherever an array or a map is expected, and is taken
 * as a record with no fields present where a record is expected (valid when every field may
 * be absent). Tests state the rule as: Lua accepts a payload iff the reference validator
 * accepts some payload obtained by writing each empty `[]`/`{}` as either `[]` or `{}`.
 *
 * Dynamic order. A Lua table keeps no key order, so where the reference reports the first of
 * several unknown keys or the first of several invalid map values in document order, Lua
 * reports one of them in hash order; the path is still one the reference reports.
 */
export interface CheckCode {
  /** Lua statements (locals and functions) that define `rootName`. */
  readonly source: string;
  /** Name of the local function `(value, depth) -> boolean`. */
  readonly rootName: string;
}

export interface CodegenOptions {
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
}

/** Static pointer text (already escaped, each token with its leading `/`) or a Lua expression. */
type PathPart = { readonly text: string } | { readonly lua: string };

function renderPath(parts: readonly PathPart[]): string {
  const out: string[] = [];
  let text = "";
  for (const part of parts) {
    if ("text" in part) text += part.text;
    else {
      if (text !== "") out.push(luaString(text));
      text = "";
      out.push(part.lua);
    }
  }
  if (text !== "" || out.length === 0) out.push(luaString(text));
  return out.join(" .. ");
}

/** Marks a reference to a generated upvalue; resolved in `build` (never inside a literal). */
const MARK = "\u0001";
const ref = (name: string): string => MARK + name + MARK;

/** Beyond these, upvalues move into one table (Lua allows 200 locals and 60 upvalues). */
const MAX_LOCAL_ITEMS = 100;
const MAX_FUNCTION_REFS = 40;

class Generator {
  private readonly upvalues: Array<{ name: string; init: string }> = [];
  private readonly functions: Array<{ name: string; params: string; body: string }> = [];
  private readonly names = new Map<AvroSchema, string>();
  private readonly enumSets = new Map<EnumSchema, string>();
  private readonly cyclic: Set<RecordSchema>;
  private counter = 0;

  constructor(
    root: AvroSchema,
    private readonly options: CodegenOptions,
  ) {
    this.cyclic = recursiveRecords(root);
  }

  build(root: AvroSchema): CheckCode {
    const rootRef = this.functionFor(root);
    const items = this.upvalues.length + this.functions.length;
    const refsPerFunction = this.functions.map(
      (f) => new Set(f.body.split(MARK).filter((_, i) => i % 2 === 1)).size,
    );
    const inTable = items > MAX_LOCAL_ITEMS || refsPerFunction.some((n) => n > MAX_FUNCTION_REFS);
    const resolve = (text: string): string =>
      text
        .split(MARK)
        .map((part, i) => (i % 2 === 1 ? (inTable ? `T.${part}` : part) : part))
        .join("");
    const lines = [PRELUDE];
    if (inTable) {
      lines.push("local T = {}");
      for (const u of this.upvalues) lines.push(`T.${u.name} = ${u.init}`);
    } else {
      for (const u of this.upvalues) lines.push(`local ${u.name} = ${u.init}`);
      lines.push(`local ${this.functions.map((f) => f.name).join(", ")}`);
    }
    for (const f of this.functions)
      lines.push(
        `${inTable ? "T." : ""}${f.name} = function(${f.params})\n${resolve(f.body)}\nend`,
      );
    return { source: lines.join("\n"), rootName: resolve(rootRef) };
  }

  private fresh(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  /** The local function checking `schema` (records, arrays, maps, unions), compiled once. */
  private functionFor(schema: AvroSchema): string {
    const existing = this.names.get(schema);
    if (existing) return ref(existing);
    const name = this.fresh(schema.kind === "record" ? "R" : "F");
    this.names.set(schema, name);
    const slot = { name, params: schema.kind === "record" ? "t, d" : "x, d", body: "" };
    this.functions.push(slot);
    const body =
      schema.kind === "record"
        ? this.recordBody(schema)
        : [...this.check(schema, "x", []), "return true"];
    slot.body = indent(body).join("\n");
    return ref(name);
  }

  private enumSet(schema: EnumSchema): string {
    let name = this.enumSets.get(schema);
    if (!name) {
      name = this.fresh("S");
      this.enumSets.set(schema, name);
      const entries = schema.symbols.map((s) => `[${luaString(s)}] = true`).join(", ");
      this.upvalues.push({ name, init: `{ ${entries} }` });
    }
    return ref(name);
  }

  private recordBody(schema: RecordSchema): string[] {
    const lines: string[] = [];
    const expected = luaString(`expected ${typeLabel(schema)}, found `);
    lines.push(
      `if type(t) ~= "table" or t[1] ~= nil then return fail(${expected} .. desc(t) .. " (a JSON object)", "") end`,
    );
    if (this.cyclic.has(schema))
      lines.push(
        `if d > MAX_DEPTH then return fail("nesting deeper than " .. MAX_DEPTH .. " levels of arrays and objects", "") end`,
      );
    if (schema.fields.length === 0) {
      if (!this.options.allowUnknownFields) {
        const known = this.fresh("K");
        this.upvalues.push({ name: known, init: "{}" });
        lines.push(
          `if next(t) ~= nil then return unknown(t, ${ref(known)}, ${luaString(schema.name)}) end`,
        );
      }
      lines.push("return true");
      return lines;
    }
    const strict = !this.options.allowUnknownFields;
    const everyField = this.options.dialect === "avro-json";
    const allRequired = schema.fields.every((f) => everyField || !f.hasDefault);
    // With every field required, a valid record has exactly fields.length keys: no counter.
    const counting = strict && !allRequired;
    lines.push(counting ? "local n, v = 0" : "local v");
    for (const field of schema.fields) {
      const key = luaString(field.name);
      const path: PathPart[] = [{ text: "/" + pointerToken(field.name) }];
      lines.push(`v = t[${key}]`);
      const check = this.check(field.type, "v", path);
      if (everyField || !field.hasDefault) {
        const message = luaString(
          `missing required field "${field.name}" of record ${schema.name}`,
        );
        lines.push(`if v == nil then return fail(${message}, ${renderPath(path)}) end`);
        if (counting) lines.push("n = n + 1");
        // A block keeps the check's locals scoped: a function may hold only 200 of them.
        if (check.some((l) => l.startsWith("local "))) lines.push("do", ...indent(check), "end");
        else lines.push(...check);
      } else if (counting || check.length > 0) {
        lines.push(
          "if v ~= nil then",
          ...indent([...(counting ? ["n = n + 1"] : []), ...check]),
          "end",
        );
      }
    }
    if (strict) {
      const known = this.fresh("K");
      const entries = schema.fields.map((f) => `[${luaString(f.name)}] = true`).join(", ");
      this.upvalues.push({ name: known, init: `{ ${entries} }` });
      const expected = counting ? "n" : String(schema.fields.length);
      lines.push(
        "local c = 0",
        "for _ in next, t do c = c + 1 end",
        `if c ~= ${expected} then return unknown(t, ${ref(known)}, ${luaString(schema.name)}) end`,
      );
    }
    lines.push("return true");
    return lines;
  }

  /** A Lua boolean expression: is `x` valid for `schema`? Composite types become calls. */
  private test(schema: AvroSchema, x: string): string {
    switch (schema.kind) {
      case "primitive":
        switch (schema.type) {
          case "null":
            return `${x} == null`;
          case "boolean":
            return `(${x} == true or ${x} == false)`;
          case "int":
            return `(type(${x}) == "number" and ${x} >= ${INT32_MIN} and ${x} <= ${INT32_MAX} and floor(${x}) == ${x})`;
          case "long":
            // Doubles: -2^63 <= x < 2^63, integral (the literals are exactly ±2^63).
            return `(type(${x}) == "number" and ${x} >= -9223372036854775808 and ${x} < 9223372036854775808 and floor(${x}) == ${x})`;
          case "float":
          case "double":
            // x - x is 0 for every finite number and NaN for ±inf and NaN.
            return `(type(${x}) == "number" and ${x} - ${x} == 0)`;
          case "string":
            return `type(${x}) == "string"`;
          case "bytes":
            return `(type(${x}) == "string" and latin1(${x}) >= 0)`;
        }
        break;
      case "fixed":
        return `(type(${x}) == "string" and latin1(${x}) == ${schema.size})`;
      case "enum":
        return `${this.enumSet(schema)}[${x}] == true`;
      case "record":
        return `${this.functionFor(schema)}(${x}, d + 1)`;
      case "array":
      case "map":
      case "union":
        return `${this.functionFor(schema)}(${x}, d)`;
    }
    throw new Error(`unreachable: ${typeLabel(schema)}`);
  }

  /** Statements checking `x`; on failure they return false with the error set. */
  private check(schema: AvroSchema, x: string, path: readonly PathPart[]): string[] {
    const where = renderPath(path);
    const mismatch = (extra = ""): string =>
      `return fail(${luaString(`expected ${typeLabel(schema)}, found `)} .. desc(${x})${extra === "" ? "" : " .. " + luaString(extra)}, ${where})`;
    switch (schema.kind) {
      case "primitive":
      case "fixed":
      case "enum":
        return [`if not (${this.test(schema, x)}) then ${mismatch(this.mismatchNote(schema))} end`];
      case "record": {
        const call = `${this.functionFor(schema)}(${x}, d + 1)`;
        return [`if not ${call} then return ${where === '""' ? "false" : `up(${where})`} end`];
      }
      case "array": {
        const n = this.fresh("n");
        const i = this.fresh("i");
        const item = this.fresh("x");
        const inner = this.check(schema.items, item, [
          ...path,
          { text: "/" },
          { lua: `(${i} - 1)` },
        ]);
        return [
          `if type(${x}) ~= "table" then ${mismatch()} end`,
          `local ${n} = #${x}`,
          `if ${n} == 0 then`,
          `  if next(${x}) ~= nil then ${mismatch()} end`,
          ...(inner.length > 0
            ? [
                "else",
                ...indent([
                  `for ${i} = 1, ${n} do`,
                  ...indent([`local ${item} = ${x}[${i}]`, ...inner]),
                  "end",
                ]),
              ]
            : []),
          "end",
        ];
      }
      case "map": {
        const k = this.fresh("k");
        const item = this.fresh("x");
        const inner = this.check(schema.values, item, [...path, { lua: `"/" .. esc(${k})` }]);
        return [
          `if type(${x}) ~= "table" or ${x}[1] ~= nil then ${mismatch(" (a JSON object)")} end`,
          ...(inner.length > 0
            ? [`for ${k}, ${item} in next, ${x} do`, ...indent(inner), "end"]
            : []),
        ];
      }
      case "union":
        return this.options.dialect === "avro-json"
          ? this.wrappedUnion(schema, x, path)
          : this.plainUnion(schema, x, path);
    }
  }

  private mismatchNote(schema: AvroSchema): string {
    if (schema.kind === "enum") {
      const shown = schema.symbols.slice(0, 10).join(", ");
      return ` (expected one of: ${shown}${schema.symbols.length > 10 ? ", …" : ""})`;
    }
    if (schema.kind === "fixed") return ` (exactly ${schema.size} bytes)`;
    return "";
  }

  /**
   * A branch test inside a plain union. Composite branches run only on a table of their JSON
   * kind, so that when the value's kind has a single candidate, the error the chain leaves in
   * E_MSG/E_PATH is that candidate's, and the failure path needs no second run (a second run
   * per level would double the work at each level of a recursive payload).
   */
  private branchTest(schema: AvroSchema, x: string): string {
    switch (schema.kind) {
      case "record":
      case "map":
        return `(type(${x}) == "table" and ${x}[1] == nil and ${this.test(schema, x)})`;
      case "array":
        return `(type(${x}) == "table" and (${x}[1] ~= nil or next(${x}) == nil) and ${this.test(schema, x)})`;
      default:
        return this.test(schema, x);
    }
  }

  /** Plain JSON: some branch accepts the value; on failure, report as the reference does. */
  private plainUnion(schema: UnionSchema, x: string, path: readonly PathPart[]): string[] {
    const where = renderPath(path);
    if (schema.branches.length === 0)
      return [`return fail("an empty union has no values", ${where})`];
    // Cheap primitive tests first; they never touch the error state.
    const composite = (b: AvroSchema): boolean =>
      b.kind === "record" || b.kind === "array" || b.kind === "map";
    const ordered = [
      ...schema.branches.filter((b) => !composite(b)),
      ...schema.branches.filter(composite),
    ];
    const test = ordered.map((b) => this.branchTest(b, x)).join(" or ");
    const single = (accepting: (b: AvroSchema) => boolean): AvroSchema | undefined => {
      const candidates = schema.branches.filter(accepting);
      return candidates.length === 1 ? candidates[0] : undefined;
    };
    const report = (branch: AvroSchema): string[] =>
      composite(branch)
        ? [`return ${where === '""' ? "false" : `up(${where})`}`]
        : this.check(branch, x, path);
    const k = this.fresh("k");
    const onFailure: string[] = [`local ${k} = kind(${x})`];
    for (const kind of JSON_KINDS) {
      const branch = single((b) => acceptsJsonKind(b, kind));
      if (branch) onFailure.push(`if ${k} == "${kind}" then`, ...indent(report(branch)), "end");
    }
    const emptyBranch = single((b) => acceptsJsonKind(b, "array") || acceptsJsonKind(b, "object"));
    if (emptyBranch)
      onFailure.push(`if ${k} == "empty" then`, ...indent(report(emptyBranch)), "end");
    const names = schema.branches.map(branchName).join(", ");
    onFailure.push(
      `return fail(${luaString(`expected a value of one of the union's types (${names}), found `)} .. desc(${x}), ${where})`,
    );
    return [`if not (${test}) then`, ...indent(onFailure), "end"];
  }

  /** Avro JSON: `null`, or an object with one key naming the branch. */
  private wrappedUnion(schema: UnionSchema, x: string, path: readonly PathPart[]): string[] {
    const where = renderPath(path);
    const names = schema.branches.map(branchName).join(", ");
    const hasNull = schema.branches.some((b) => b.kind === "primitive" && b.type === "null");
    const key = this.fresh("k");
    const value = this.fresh("x");
    const lines: string[] = [`if ${x} == null then`];
    if (!hasNull)
      lines.push(
        `  return fail(${luaString(`null is not a branch of this union (${names})`)}, ${where})`,
      );
    lines.push(
      `elseif type(${x}) ~= "table" or ${x}[1] ~= nil then`,
      `  return fail(${luaString(`expected a union value: null or an object with one key naming the branch (${names}), found `)} .. desc(${x}), ${where})`,
      "else",
      `  local ${key}, ${value} = next(${x})`,
      `  if ${key} == nil or next(${x}, ${key}) ~= nil then`,
      `    return fail(${luaString(`expected a union value: an object with exactly one key naming the branch (${names})`)}, ${where})`,
      "  end",
    );
    let first = true;
    for (const branch of schema.branches) {
      if (branch.kind === "primitive" && branch.type === "null") continue;
      const name = branchName(branch);
      const inner = this.check(branch, value, [...path, { text: "/" + pointerToken(name) }]);
      lines.push(
        `  ${first ? "if" : "elseif"} ${key} == ${luaString(name)} then`,
        ...indent(indent(inner)),
      );
      first = false;
    }
    const notBranch = `return fail('"' .. esc(${key}) .. ${luaString(`" is not a branch name of this union (${names})`)}, ${where})`;
    lines.push(first ? `  ${notBranch}` : `  else\n    ${notBranch}\n  end`, "end");
    return lines;
  }
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => "  " + l);
}

/** Lua source defining a checking function for `schema`; see {@link CheckCode}. */
export function generateCheck(schema: AvroSchema, options: CodegenOptions): CheckCode {
  return new Generator(schema, options).build(schema);
}
