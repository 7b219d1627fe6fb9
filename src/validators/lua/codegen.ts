import type {
  ArraySchema,
  AvroSchema,
  EnumSchema,
  MapSchema,
  RecordField,
  RecordSchema,
  UnionSchema,
} from "../../avro";
import { acceptsJsonKind, JSON_KINDS, typeLabel } from "../shared-rules";
import { branchName } from "../../avro";
import type { Dialect } from "../options";
import { FLOAT_MAX, INT32_MAX, INT32_MIN } from "../ranges";
import { luaString, pointerToken } from "./luaText";
import { PRELUDE } from "./prelude";
import { recursiveRecords } from "./recursion";

/**
 * Compiles an Avro schema into Lua source defining a root function `(value, depth)`: true when `value`
 * (as lua-cjson decoded it) is valid, otherwise false with `E_MSG` and the pieces of its path (`e_path()` joins them into a JSON Pointer)
 * describing the first error, in the reference validator's order: a record's fields in schema
 * order, then its unknown keys; array items in order.
 *
 * Shape of the generated code, chosen for LuaJIT's trace compiler and its limits:
 * - every record has one function of its own, `V[n]` in the table `V` (recursion included), and
 *   so has every array, map or avro-json union whose content is not flat; flat code (primitives,
 *   enums, fixed, plain unions, whose composite branches are calls, and arrays or maps of those)
 *   is inline. So no function nests blocks deeper than a few levels, and the chunk grows
 *   linearly with the schema, whatever its depth. Functions and lookup sets live in the tables `V`
 *   and `S`, not in locals: a function may hold 200 locals and 60 upvalues, and every function
 *   here uses only the prelude's helpers and those two tables;
 * - a record's fields are checked by constant-key lookups, and its unknown keys are found by
 *   counting the table's keys against the number of declared fields present (no per-key lookup
 *   unless one is extra);
 * - arrays are walked by index up to `#t`, maps with `next`; enums are symbol sets and records'
 *   field names key sets, built once when the chunk loads;
 * - a function's error path is relative to the value it checks; callers prepend their part
 *   (`up`) only on failure, as the failing calls return;
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
  /** Lua statements (locals, tables and functions) that define `rootName`. */
  readonly source: string;
  /** Expression naming the root function `(value, depth) -> boolean`. */
  readonly rootName: string;
}

export interface CodegenOptions {
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
}

/** Tables of the chunk: checking functions by number, and symbol/field-name sets by number. */
const FUNCTIONS = "V";
const SETS = "S";

/**
 * Verdicts of union trials, remembered per (checking function, table) for one body, as the
 * reference's verdict cache does. A plain union with several branches that accept a JSON object
 * (records, a map) tries each on the same table; both may recurse into the same children, so
 * without memory a body nested n deep costs up to 2^n calls. With it every (function, table)
 * pair is checked once: linear in the body. Tables are keys, so the sandbox needs no weak
 * tables; the root wrapper drops the memory after each body.
 *
 * A remembered false leaves E_MSG and the path as some later check set them. That is harmless: a
 * table is checked twice by one function only when two branches of an ambiguous union on it or
 * on an ancestor reached it, and if that union fails it writes its own message. The depth `d` is
 * not part of the key: it matters only past MAX_DEPTH levels, which the decoder refuses first.
 */
const MEMO = "MEMO";
const MEMO_ROOT = "check_body";
const MEMO_HELPER = `local ${MEMO}
local function memo(f, x, d)
  local m = ${MEMO}
  if m == nil then m = {}; ${MEMO} = m end
  local seen = m[f]
  if seen == nil then seen = {}; m[f] = seen end
  local v = seen[x]
  if v == nil then v = f(x, d) == true; seen[x] = v end
  return v
end`;

/** Schemas checked inline by an expression; every other schema gets its own function. */
function isSimple(schema: AvroSchema): boolean {
  return schema.kind === "primitive" || schema.kind === "enum" || schema.kind === "fixed";
}

/**
 * A union checked inline in its parent: the plain dialect's, whose code is one test expression
 * (composite branches are calls) and a flat failure report, so the parent's nesting stays bounded.
 */
function isInlineUnion(schema: AvroSchema, dialect: Dialect): boolean {
  return schema.kind === "union" && dialect === "plain";
}

/** Checked inline by flat code: a simple type or an inline union. */
function isFlat(schema: AvroSchema, dialect: Dialect): boolean {
  return isSimple(schema) || isInlineUnion(schema, dialect);
}

/** A pointer expression: `where` followed by `token` (both Lua expressions). */
function joinWhere(where: string, token: string): string {
  return where === '""' ? token : `${where} .. ${token}`;
}

/**
 * At most this many fields, union branches or definitions go into one Lua function; more are
 * split over several. LuaJIT refuses a function with more than 65,536 constants or a jump over
 * more than 32,767 instructions, which a record of ~20,000 fields or a union of ~4,000 branches
 * would otherwise reach.
 */
const PER_FUNCTION = 500;

function groups<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PER_FUNCTION) out.push(items.slice(i, i + PER_FUNCTION));
  return out;
}

/** A function to write: its parameters and how to write its body (run once, in order). */
interface Pending {
  readonly params: string;
  readonly write: () => string[];
}

class Generator {
  private readonly sets: string[] = [];
  private readonly functions: string[] = [];
  private readonly numbers = new Map<AvroSchema, number>();
  private readonly enumSets = new Map<EnumSchema, string>();
  /** Functions numbered but not yet written, in numbering order. */
  private readonly pending: Pending[] = [];
  private readonly cyclic: Set<RecordSchema>;
  /** Whether some union's trials go through `memo`. */
  private memoized = false;

  constructor(
    root: AvroSchema,
    private readonly options: CodegenOptions,
  ) {
    this.cyclic = recursiveRecords(root);
  }

  /**
   * Numbers the root's function, then writes the functions one by one, each numbering the
   * functions it calls: a worklist, not recursion, so any depth of schema compiles.
   */
  build(root: AvroSchema): CheckCode {
    const rootName = this.functionFor(root);
    for (let next = 0; next < this.pending.length; next++) {
      const { params, write } = this.pending[next];
      this.functions.push(
        `${FUNCTIONS}[${next + 1}] = function(${params})\n${indent(write()).join("\n")}\nend`,
      );
    }
    const definitions = [
      ...this.sets.map((init, i) => `${SETS}[${i + 1}] = ${init}`),
      ...this.functions,
    ];
    // Definitions too are grouped into functions: the chunk's own body stays small.
    const lines = [PRELUDE, `local ${FUNCTIONS}, ${SETS} = {}, {}`];
    if (this.memoized) lines.push(MEMO_HELPER);
    for (const group of groups(definitions))
      lines.push("do", "local function define()", ...group, "end", "define()", "end");
    if (!this.memoized) return { source: lines.join("\n"), rootName };
    // The verdicts belong to one body: forgotten before and after each run.
    lines.push(
      `local function ${MEMO_ROOT}(x, d)`,
      `  ${MEMO} = nil`,
      `  local ok = ${rootName}(x, d)`,
      `  ${MEMO} = nil`,
      "  return ok",
      "end",
    );
    return { source: lines.join("\n"), rootName: MEMO_ROOT };
  }

  /** Numbers a function to be written later; returns its name `V[n]`. */
  private defer(params: string, write: () => string[]): string {
    this.pending.push({ params, write });
    return `${FUNCTIONS}[${this.pending.length}]`;
  }

  /** The function checking `schema` (`V[n]`), numbered on first use and written later. */
  private functionFor(schema: AvroSchema): string {
    const number = this.numbers.get(schema);
    if (number !== undefined) return `${FUNCTIONS}[${number}]`;
    const name = this.defer(schema.kind === "record" ? "t, d" : "x, d", () => this.body(schema));
    this.numbers.set(schema, this.pending.length);
    return name;
  }

  private set(init: string): string {
    this.sets.push(init);
    return `${SETS}[${this.sets.length}]`;
  }

  private enumSet(schema: EnumSchema): string {
    let name = this.enumSets.get(schema);
    if (!name) {
      const entries = schema.symbols.map((s) => `[${luaString(s)}] = true`).join(", ");
      name = this.set(`{ ${entries} }`);
      this.enumSets.set(schema, name);
    }
    return name;
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
        const known = this.set("{}");
        lines.push(
          `if next(t) ~= nil then return unknown(t, ${known}, ${luaString(schema.name)}) end`,
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
    const parts = groups(schema.fields);
    if (parts.length === 1) {
      lines.push(
        counting ? "local n, v = 0" : "local v",
        ...this.fieldChecks(schema, schema.fields, counting),
      );
    } else {
      // Each part checks its fields and returns how many were present (or false on an error).
      if (counting) lines.push("local n, m = 0");
      for (const part of parts) {
        const name = this.defer("t, d", () => [
          counting ? "local n, v = 0" : "local v",
          ...this.fieldChecks(schema, part, counting),
          counting ? "return n" : "return true",
        ]);
        if (counting)
          lines.push(`m = ${name}(t, d)`, "if not m then return false end", "n = n + m");
        else lines.push(`if not ${name}(t, d) then return false end`);
      }
    }
    if (strict) {
      const known = this.set(
        `{ ${schema.fields.map((f) => `[${luaString(f.name)}] = true`).join(", ")} }`,
      );
      const expected = counting ? "n" : String(schema.fields.length);
      lines.push(
        "local c = 0",
        "for _ in next, t do c = c + 1 end",
        `if c ~= ${expected} then return unknown(t, ${known}, ${luaString(schema.name)}) end`,
      );
    }
    lines.push("return true");
    return lines;
  }

  /** Checks of some of a record's fields, each read into `v`; counts present ones in `n`. */
  private fieldChecks(
    schema: RecordSchema,
    fields: readonly RecordField[],
    counting: boolean,
  ): string[] {
    const everyField = this.options.dialect === "avro-json";
    const lines: string[] = [];
    for (const field of fields) {
      const key = luaString(field.name);
      const where = luaString("/" + pointerToken(field.name));
      lines.push(`v = t[${key}]`);
      const check = this.check(field.type, "v", where);
      if (everyField || !field.hasDefault) {
        const message = luaString(
          `missing required field "${field.name}" of record ${schema.name}`,
        );
        lines.push(`if v == nil then return fail(${message}, ${where}) end`);
        if (counting) lines.push("n = n + 1");
        lines.push(...check);
      } else if (counting || check.length > 0) {
        lines.push(
          "if v ~= nil then",
          ...indent([...(counting ? ["n = n + 1"] : []), ...check]),
          "end",
        );
      }
    }
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
            // NaN fails both comparisons.
            return `(type(${x}) == "number" and ${x} >= -${FLOAT_MAX} and ${x} <= ${FLOAT_MAX})`;
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

  /**
   * Statements checking `x`, held by the caller at the pointer `where` (a Lua expression); on
   * failure they return false with the error set. Composite types are calls of their function.
   */
  private check(schema: AvroSchema, x: string, where: string): string[] {
    if (isSimple(schema))
      return [
        `if not (${this.test(schema, x)}) then ${this.mismatch(schema, x, where, this.mismatchNote(schema))} end`,
      ];
    if (isInlineUnion(schema, this.options.dialect))
      return this.plainUnion(schema as UnionSchema, x, where);
    // Arrays and maps of flat items are a loop in the parent (their locals scoped by a block).
    if (schema.kind === "array" && isFlat(schema.items, this.options.dialect))
      return ["do", ...indent(this.arrayCode(schema, x, where, "a")), "end"];
    if (schema.kind === "map" && isFlat(schema.values, this.options.dialect))
      return ["do", ...indent(this.mapCode(schema, x, where, "m")), "end"];
    return [
      `if not ${this.test(schema, x)} then return ${where === '""' ? "false" : `up(${where})`} end`,
    ];
  }

  private mismatch(schema: AvroSchema, x: string, where: string, extra = ""): string {
    return `return fail(${luaString(`expected ${typeLabel(schema)}, found `)} .. desc(${x})${extra === "" ? "" : " .. " + luaString(extra)}, ${where})`;
  }

  /** The body of the function `(x, d)` checking `x` against `schema` (records: `(t, d)`). */
  private body(schema: AvroSchema): string[] {
    switch (schema.kind) {
      case "record":
        return this.recordBody(schema);
      case "array":
        return [...this.arrayCode(schema, "x", '""', ""), "return true"];
      case "map":
        return [...this.mapCode(schema, "x", '""', ""), "return true"];
      case "union":
        return [
          ...(this.options.dialect === "avro-json"
            ? this.wrappedUnion(schema, "x")
            : this.plainUnion(schema, "x", '""')),
          "return true",
        ];
      default:
        return [...this.check(schema, "x", '""'), "return true"];
    }
  }

  /** Checks of an array `x` at `where`; its locals are named with `prefix` (n, i, y). */
  private arrayCode(schema: ArraySchema, x: string, where: string, prefix: string): string[] {
    const [n, i, y] = ["n", "i", "y"].map((name) => prefix + name);
    const mismatch = this.mismatch(schema, x, where);
    return [
      `if type(${x}) ~= "table" then ${mismatch} end`,
      `local ${n} = #${x}`,
      `if ${n} == 0 then`,
      `  if next(${x}) ~= nil then ${mismatch} end`,
      "else",
      `  for ${i} = 1, ${n} do`,
      ...indent(
        indent([
          `local ${y} = ${x}[${i}]`,
          ...this.check(schema.items, y, joinWhere(where, `"/" .. (${i} - 1)`)),
        ]),
      ),
      "  end",
      "end",
    ];
  }

  /** Checks of a map `x` at `where`; its locals are named with `prefix` (k, y). */
  private mapCode(schema: MapSchema, x: string, where: string, prefix: string): string[] {
    const [k, y] = ["k", "y"].map((name) => prefix + name);
    return [
      `if type(${x}) ~= "table" or ${x}[1] ~= nil then ${this.mismatch(schema, x, where, " (a JSON object)")} end`,
      `for ${k}, ${y} in next, ${x} do`,
      ...indent(this.check(schema.values, y, joinWhere(where, `"/" .. esc(${k})`))),
      "end",
    ];
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
   * E_MSG and the path are that candidate's, and the failure path needs no second run (a second run
   * per level would double the work at each level of a recursive payload).
   */
  private branchTest(schema: AvroSchema, x: string, remember = false): string {
    switch (schema.kind) {
      case "record":
      case "map":
        if (remember) {
          this.memoized = true;
          const depth = schema.kind === "record" ? "d + 1" : "d";
          return `(type(${x}) == "table" and ${x}[1] == nil and memo(${this.functionFor(schema)}, ${x}, ${depth}))`;
        }
        return `(type(${x}) == "table" and ${x}[1] == nil and ${this.test(schema, x)})`;
      case "array":
        return `(type(${x}) == "table" and (${x}[1] ~= nil or next(${x}) == nil) and ${this.test(schema, x)})`;
      default:
        return this.test(schema, x);
    }
  }

  /** Plain JSON: some branch accepts the value; on failure, report as the reference does. */
  private plainUnion(schema: UnionSchema, x: string, where: string): string[] {
    if (schema.branches.length === 0)
      return [`return fail("an empty union has no values", ${where})`];
    // Cheap primitive tests first; they never touch the error state.
    const composite = (b: AvroSchema): boolean =>
      b.kind === "record" || b.kind === "array" || b.kind === "map";
    const ordered = [
      ...schema.branches.filter((b) => !composite(b)),
      ...schema.branches.filter(composite),
    ];
    // Several branches that take an object: their trials may overlap, so they are remembered.
    const remember =
      schema.branches.filter((b) => b.kind === "record" || b.kind === "map").length > 1;
    const branchGroups = groups(ordered);
    const test =
      branchGroups.length === 1
        ? ordered.map((b) => this.branchTest(b, x, remember)).join(" or ")
        : branchGroups
            .map((group) => {
              const part = this.defer("x, d", () => [
                `return ${group.map((b) => this.branchTest(b, "x", remember)).join(" or ")}`,
              ]);
              return `${part}(${x}, d)`;
            })
            .join(" or ");
    const single = (accepting: (b: AvroSchema) => boolean): AvroSchema | undefined => {
      const candidates = schema.branches.filter(accepting);
      return candidates.length === 1 ? candidates[0] : undefined;
    };
    const report = (branch: AvroSchema): string[] =>
      composite(branch)
        ? [`return ${where === '""' ? "false" : `up(${where})`}`]
        : this.check(branch, x, where);
    // Not `k`: an inline union may sit in a map's loop, whose `k` the failure path still reads.
    const k = "kd";
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

  /** Avro JSON: `null`, or an object with one key naming the branch (a function body). */
  private wrappedUnion(schema: UnionSchema, x: string): string[] {
    const names = schema.branches.map(branchName).join(", ");
    const hasNull = schema.branches.some((b) => b.kind === "primitive" && b.type === "null");
    const lines: string[] = [`if ${x} == null then`];
    if (!hasNull)
      lines.push(
        `  return fail(${luaString(`null is not a branch of this union (${names})`)}, "")`,
      );
    lines.push(
      `elseif type(${x}) ~= "table" or ${x}[1] ~= nil then`,
      `  return fail(${luaString(`expected a union value: null or an object with one key naming the branch (${names}), found `)} .. desc(${x}), "")`,
      "else",
      `  local k, y = next(${x})`,
      `  if k == nil or next(${x}, k) ~= nil then`,
      `    return fail(${luaString(`expected a union value: an object with exactly one key naming the branch (${names})`)}, "")`,
      "  end",
    );
    const notBranch = `return fail('"' .. esc(k) .. ${luaString(`" is not a branch name of this union (${names})`)}, "")`;
    const named = schema.branches.filter((b) => !(b.kind === "primitive" && b.type === "null"));
    /** `if k == name then <check y> … else <otherwise> end` over some branches. */
    const dispatch = (branches: readonly AvroSchema[], otherwise: string, after: string[]) => {
      if (branches.length === 0) return [otherwise];
      const chain: string[] = [];
      branches.forEach((branch, i) => {
        const name = branchName(branch);
        const inner = this.check(branch, "y", luaString("/" + pointerToken(name)));
        chain.push(
          `${i === 0 ? "if" : "elseif"} k == ${luaString(name)} then`,
          ...indent([...inner, ...after]),
        );
      });
      return [...chain, "else", `  ${otherwise}`, "end"];
    };
    const parts = groups(named);
    if (parts.length <= 1) {
      lines.push(...indent(dispatch(named, notBranch, [])), "end");
      return lines;
    }
    // Several parts: each answers true or false for a branch of its own, nil for another name.
    lines.push("  local r");
    for (const part of parts) {
      const name = this.defer("k, y, d", () => dispatch(part, "return nil", ["return true"]));
      lines.push(`  if r == nil then r = ${name}(k, y, d) end`);
    }
    lines.push(`  if r == nil then ${notBranch} end`, "  return r", "end");
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
