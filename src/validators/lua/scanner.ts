import type {
  ArraySchema,
  AvroSchema,
  EnumSchema,
  MapSchema,
  PrimitiveSchema,
  RecordSchema,
  UnionSchema,
} from "../../avro";
import { branchName } from "../../avro";
import type { Dialect } from "../options";
import { luaString } from "./luaText";

/**
 * The raw-body scanner: Lua that reads a JSON body as text, without building a table, and
 * answers `true` only when it is certain that the body is JSON text that the reference
 * (`payload validate`) calls valid and that the chunk's decode-and-validate path would pass.
 * Otherwise it answers `false`, meaning "not certain", never "invalid": the chunk then runs its
 * decode-and-validate path, which gives every verdict and writes every message. So the scanner
 * only makes valid bodies cheaper; it cannot change an answer (test/validators/lua/scanner.test.ts
 * holds both paths to the same output and the certain ones to the reference).
 *
 * It scans only a body that the chunk's JSON-text check (`text_problem`, text-check.ts: no NUL,
 * no raw control byte, well-formed UTF-8) has passed; the chunk runs that check once and the
 * decode path reuses its answer. It reads every byte: outside strings only tokens and JSON
 * whitespace. Certain:
 * - objects for records, arrays, `null`, `true`, `false`, one document and nothing after it;
 * - strings for `string` with the escapes `\" \\ \/ \b \f \n \r \t` and `\uXXXX` outside the
 *   surrogates; for `bytes` and `fixed` the same escapes with `\u00XX` only, and raw characters
 *   up to U+00FF, counted; strings without escapes for enums;
 * - numbers without exponent or leading zero: an `int` of at most 9 digits, a `long` of at most
 *   15, a `float` whose integer part has at most 38 digits, a `double` at most 300 (all in range
 *   whatever the digits);
 * - maps whose keys have no escapes and do not repeat (each key remembered per depth with the id
 *   of its map, in sets kept across bodies: no table per map);
 * - plain unions where the value's first byte picks the branches (a string or number tried
 *   against each branch of its kind, an array against the array branch, an object against each
 *   branch that takes objects in turn, its answer remembered per (union, position) for the
 *   body), and avro-json unions (`null` or `{"branch": value}`).
 * Not certain (left to the decode path): keys with escapes, a key repeated in an object (the
 * decode path refuses it and names it: duplicate-keys.ts), unknown fields (refused, or with
 * `allowUnknownFields` kept unchecked), `[]` for a record or a map and `{}` for an array
 * (cjson cannot tell them apart), exponents,
 * leading zeros and the other spellings cjson reads, surrogate escapes, raw tab/LF/CR in a
 * string (cjson reads them, the reference refuses them), nesting of 1000 levels or more,
 * records of more than 150 fields, anything after the document.
 *
 * Shape, for LuaJIT's trace compiler: byte loops with `string.byte` and `string.sub` only (no
 * pattern matching, no closures, no per-body tables but the union memo when a body meets a union
 * of several object branches); one function `SC[n]` per record, map, array and union, taking `(s, i, d)` (the body, the position of the value's first byte, its depth) and
 * returning the position after the value or nil; a record's fields found through a set built
 * at load time and a log-deep if-tree, repeated ones caught by one local flag per field. Each
 * byte is read a bounded number of times (a union tries each scalar branch of the value's kind,
 * and each of its object branches once per position, remembered): linear in the body for every
 * schema (test/validators/lua/scanner-objects.test.ts counts the calls).
 */
export interface ScannerCode {
  /** Lua statements defining `scan_body(raw) -> boolean`. */
  readonly source: string;
}

export interface ScannerOptions {
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
}

/** A record with more fields than this is not scanned (one local flag per field). */
const MAX_SCANNED_FIELDS = 150;

/** Table of scanning functions in the chunk; `SF` for the field-name and symbol sets. */
const SCANNERS = "SC";
const FIELD_SETS = "SF";

const SCAN_PRELUDE = String.raw`local SC, SF = {}, {}
-- Maps: the keys seen per depth, each with the id of the map it was seen in (ids only grow, so
-- no set is made or cleared per map or per body; dropped when they have taken many keys).
local MAP_KEYS, MAP_ID, MAP_STORED = {}, 0, 0
-- Unions with several object branches: per union function, the answer for the value at each
-- position (its end, or false), for the current body only.
local MEMO
-- The next backslash, tab, LF and CR at or after the scan position (#s + 1: none left). They only
-- move forward, each by one plain find (which LuaJIT compiles): linear over the whole scan.
local BS, TAB, LF, CR = 0, 0, 0, 0
-- JSON whitespace from i: the first other position and its byte. No loop on compact text.
local function ws(s, i)
  local c = byte(s, i)
  if c ~= 32 and c ~= 10 and c ~= 13 and c ~= 9 then return i, c end
  repeat i = i + 1; c = byte(s, i) until c ~= 32 and c ~= 10 and c ~= 13 and c ~= 9
  return i, c
end
-- Whether no raw tab, LF or CR lies inside the string from i to j (the reference refuses them,
-- cjson reads them).
local function clean(s, i, j)
  if TAB < i then TAB = find(s, "\t", i, true) or #s + 1 end
  if LF < i then LF = find(s, "\n", i, true) or #s + 1 end
  if CR < i then CR = find(s, "\r", i, true) or #s + 1 end
  return TAB > j and LF > j and CR > j
end
-- A string without escapes opening at i: the position of its closing quote, or nil.
local function plain_string(s, i)
  if byte(s, i) ~= 34 then return nil end
  local j = find(s, '"', i + 1, true)
  if j == nil or BS < j or not clean(s, i, j) then return nil end
  return j
end
local function hex(c)
  return c ~= nil and ((c >= 48 and c <= 57) or (c >= 65 and c <= 70) or (c >= 97 and c <= 102))
end
-- Any string opening at i whose escapes cjson and the reference read alike (no surrogate
-- escape): the position after it, or nil.
local function string_end(s, i)
  if byte(s, i) ~= 34 then return nil end
  local j = find(s, '"', i + 1, true)
  if j == nil then return nil end
  if BS > j then
    if not clean(s, i, j) then return nil end
    return j + 1
  end
  local k = BS
  while true do
    local e = byte(s, k + 1)
    if e == 117 then
      local a, b, x, y = byte(s, k + 2, k + 5)
      if not (hex(a) and hex(b) and hex(x) and hex(y)) then return nil end
      -- d/D then 8-9, a-f, A-F: D800-DFFF, surrogates, left to the decode path.
      if (a == 100 or a == 68) and b >= 56 then return nil end
      k = k + 6
    elseif e == 34 or e == 92 or e == 47 or e == 98 or e == 102 or e == 110 or e == 114 or e == 116 then
      k = k + 2
    else
      return nil
    end
    -- The string closes at the first unescaped quote at or after k.
    if k > j then
      j = find(s, '"', k, true)
      if j == nil then return nil end
    end
    local nb = find(s, "\\", k, true) or #s + 1
    if nb > j then
      BS = nb
      if not clean(s, i, j) then return nil end
      return j + 1
    end
    k = nb
  end
end
-- A string for bytes or fixed opening at i, escapes allowed: the position of its closing quote
-- and how many code points it holds, or nil when one is above U+00FF (or a \\u escape is a
-- surrogate) or a raw tab, LF or CR is inside. UTF-8 is well-formed here (text_problem).
local function latin1_string(s, i)
  if byte(s, i) ~= 34 then return nil end
  local n = 0
  i = i + 1
  while true do
    local b = byte(s, i)
    if b == 34 then break end
    if b == nil or b == 9 or b == 10 or b == 13 then return nil end
    if b == 92 then
      local e = byte(s, i + 1)
      if e == 117 then
        local a, c, x, y = byte(s, i + 2, i + 5)
        if a ~= 48 or c ~= 48 or not (hex(x) and hex(y)) then return nil end
        i = i + 6
      elseif e == 34 or e == 92 or e == 47 or e == 98 or e == 102 or e == 110 or e == 114 or e == 116 then
        i = i + 2
      else
        return nil
      end
    elseif b < 128 then
      i = i + 1
    elseif b == 194 or b == 195 then
      i = i + 2
    else
      return nil
    end
    n = n + 1
  end
  -- Escapes were read here: the next backslash is looked up again after the string.
  if BS <= i then BS = find(s, "\\", i + 1, true) or #s + 1 end
  return i, n
end
-- An integer of at most max digits, no leading zero, no fraction or exponent.
local function integer(s, i, max)
  local c = byte(s, i)
  if c == 45 then i = i + 1; c = byte(s, i) end
  if c == 48 then
    i = i + 1; c = byte(s, i)
  elseif c ~= nil and c >= 49 and c <= 57 then
    local start = i
    repeat i = i + 1; c = byte(s, i) until c == nil or c < 48 or c > 57
    if i - start > max then return nil end
  else
    return nil
  end
  if c == 46 or c == 101 or c == 69 or (c ~= nil and c >= 48 and c <= 57) then return nil end
  return i
end
-- A number with at most max digits before the point and no exponent.
local function decimal(s, i, max)
  local c = byte(s, i)
  if c == 45 then i = i + 1; c = byte(s, i) end
  if c == 48 then
    i = i + 1; c = byte(s, i)
  elseif c ~= nil and c >= 49 and c <= 57 then
    local start = i
    repeat i = i + 1; c = byte(s, i) until c == nil or c < 48 or c > 57
    if i - start > max then return nil end
  else
    return nil
  end
  if c == 46 then
    i = i + 1; c = byte(s, i)
    if c == nil or c < 48 or c > 57 then return nil end
    repeat i = i + 1; c = byte(s, i) until c == nil or c < 48 or c > 57
  end
  if c == 101 or c == 69 or (c ~= nil and c >= 48 and c <= 57) then return nil end
  return i
end
local function null_at(s, i)
  local a, b, c, e = byte(s, i, i + 3)
  if a == 110 and b == 117 and c == 108 and e == 108 then return i + 4 end
  return nil
end
local function boolean_at(s, i)
  local a, b, c, e, f = byte(s, i, i + 4)
  if a == 116 and b == 114 and c == 117 and e == 101 then return i + 4 end
  if a == 102 and b == 97 and c == 108 and e == 115 and f == 101 then return i + 5 end
  return nil
end`;

/** Writes the scanning functions, one per record, array and union schema, numbered on first use. */
class ScannerGenerator {
  private readonly functions: string[] = [];
  private readonly sets: string[] = [];
  private readonly numbers = new Map<AvroSchema, number>();
  private readonly pending: Array<() => string[]> = [];

  private readonly enumSets = new Map<EnumSchema, string>();
  /** How many unions remember their answers (each gets its own number in MEMO). */
  private memoized = 0;

  constructor(private readonly options: ScannerOptions) {}

  private enumSet(schema: EnumSchema): string {
    let name = this.enumSets.get(schema);
    if (name === undefined) {
      name = this.set(`{ ${schema.symbols.map((s) => `[${luaString(s)}] = true`).join(", ")} }`);
      this.enumSets.set(schema, name);
    }
    return name;
  }

  build(root: AvroSchema): ScannerCode {
    const rootScan =
      root.kind === "record" || root.kind === "array" || root.kind === "map"
        ? this.functionFor(root)
        : "";
    for (let n = 0; n < this.pending.length; n++) {
      this.functions.push(
        `${SCANNERS}[${n + 1}] = function(s, i, d)\n${indent(this.pending[n]()).join("\n")}\nend`,
      );
    }
    // The caller runs text_problem (text-check.ts) first and scans only text it passed.
    const entry =
      rootScan === ""
        ? "local function scan_body(s) return false end"
        : [
            "local function scan_body(s)",
            '  BS, TAB, LF, CR = find(s, "\\\\", 1, true) or #s + 1, 0, 0, 0',
            "  MEMO = nil",
            "  if MAP_STORED > 4096 then MAP_KEYS, MAP_STORED = {}, 0 end",
            "  local i = ws(s, 1)",
            `  i = ${rootScan}(s, i, 1)`,
            "  if i == nil then return false end",
            "  return ws(s, i) == #s + 1",
            "end",
          ].join("\n");
    const definitions = [
      ...this.sets.map((init, n) => `${FIELD_SETS}[${n + 1}] = ${init}`),
      ...this.functions,
    ];
    const lines = [SCAN_PRELUDE];
    // Grouped, as codegen does, so that the chunk's own body stays small.
    for (let n = 0; n < definitions.length; n += 200)
      lines.push(
        "do",
        "local function define()",
        ...definitions.slice(n, n + 200),
        "end",
        "define()",
        "end",
      );
    lines.push(entry);
    return { source: lines.join("\n") };
  }

  private functionFor(schema: AvroSchema): string {
    let n = this.numbers.get(schema);
    if (n === undefined) {
      this.pending.push(() => this.body(schema));
      n = this.pending.length;
      this.numbers.set(schema, n);
    }
    return `${SCANNERS}[${n}]`;
  }

  private body(schema: AvroSchema): string[] {
    switch (schema.kind) {
      case "record":
        return this.record(schema);
      case "array":
        return this.array(schema);
      case "union":
        return this.options.dialect === "plain"
          ? this.plainUnion(schema)
          : this.wrappedUnion(schema);
      case "map":
        return this.map(schema);
      default:
        return [...this.value(schema), "return i"];
    }
  }

  private primitive(schema: PrimitiveSchema): string {
    switch (schema.type) {
      case "null":
        return "null_at(s, i)";
      case "boolean":
        return "boolean_at(s, i)";
      case "int":
        return "integer(s, i, 9)";
      case "long":
        return "integer(s, i, 15)";
      case "float":
        return "decimal(s, i, 38)";
      case "double":
        return "decimal(s, i, 300)";
      case "string":
        return "string_end(s, i)";
      case "bytes":
        return "nil";
    }
  }

  /**
   * Statements scanning a value of `schema` at `i` into `i` (nil when not certain), returning
   * nil from the enclosing function on failure. `d` is the depth of the enclosing container.
   */
  private value(schema: AvroSchema): string[] {
    switch (schema.kind) {
      case "primitive":
        if (schema.type === "bytes")
          return ["local j = latin1_string(s, i)", "if j == nil then return nil end", "i = j + 1"];
        return [`i = ${this.primitive(schema)}`, "if i == nil then return nil end"];
      case "enum":
        return [
          "local j = plain_string(s, i)",
          `if j == nil or ${this.enumSet(schema)}[sub(s, i + 1, j - 1)] ~= true then return nil end`,
          "i = j + 1",
        ];
      case "fixed":
        return [
          "local j, n = latin1_string(s, i)",
          `if j == nil or n ~= ${schema.size} then return nil end`,
          "i = j + 1",
        ];
      case "map":
      case "record":
      case "array":
      case "union":
        return [`i = ${this.functionFor(schema)}(s, i, d + 1)`, "if i == nil then return nil end"];
    }
  }

  private record(schema: RecordSchema): string[] {
    const fields = schema.fields;
    if (fields.length > MAX_SCANNED_FIELDS) return ["return nil"];
    const everyField = this.options.dialect === "avro-json";
    const set = this.set(
      `{ ${fields.map((f, n) => `[${luaString(f.name)}] = ${n + 1}`).join(", ")} }`,
    );
    const flags = fields.map((_, n) => `f${n + 1}`);
    const lines = [
      "if byte(s, i) ~= 123 or d >= MAX_DEPTH then return nil end",
      ...(flags.length > 0 ? [`local ${flags.join(", ")}`] : []),
      "local c",
      "i, c = ws(s, i + 1)",
      "if c ~= 125 then",
      "  while true do",
      "    local j = plain_string(s, i)",
      "    if j == nil then return nil end",
      `    local f = ${set}[sub(s, i + 1, j - 1)]`,
      "    i, c = ws(s, j + 1)",
      "    if c ~= 58 or f == nil then return nil end",
      "    i = ws(s, i + 1)",
      ...indent(
        indent(
          this.dispatch(fields.length, (n) => [
            `if ${flags[n - 1]} then return nil end`,
            `${flags[n - 1]} = true`,
            ...this.value(fields[n - 1].type),
          ]),
        ),
      ),
      "    i, c = ws(s, i)",
      "    if c == 44 then",
      "      i = ws(s, i + 1)",
      "    elseif c == 125 then",
      "      break",
      "    else",
      "      return nil",
      "    end",
      "  end",
      "end",
    ];
    const required = fields
      .map((f, n) => (everyField || !f.hasDefault ? flags[n] : ""))
      .filter((flag) => flag !== "");
    if (required.length > 0) lines.push(`if not (${required.join(" and ")}) then return nil end`);
    lines.push("return i + 1");
    return lines;
  }

  /**
   * A map: an object whose keys have no escapes and do not repeat (the decode path refuses a
   * repeated key and reads escaped ones), every value certain.
   */
  private map(schema: MapSchema): string[] {
    return [
      "if byte(s, i) ~= 123 or d >= MAX_DEPTH then return nil end",
      "MAP_ID = MAP_ID + 1",
      "local id, seen = MAP_ID, MAP_KEYS[d]",
      "if seen == nil then seen = {}; MAP_KEYS[d] = seen end",
      "local c",
      "i, c = ws(s, i + 1)",
      "if c ~= 125 then",
      "  while true do",
      "    local j = plain_string(s, i)",
      "    if j == nil then return nil end",
      "    local k = sub(s, i + 1, j - 1)",
      "    if seen[k] == id then return nil end",
      "    seen[k] = id",
      "    MAP_STORED = MAP_STORED + 1",
      "    i, c = ws(s, j + 1)",
      "    if c ~= 58 then return nil end",
      "    i = ws(s, i + 1)",
      ...indent(indent(["do", ...indent(this.value(schema.values)), "end"])),
      "    i, c = ws(s, i)",
      "    if c == 44 then",
      "      i = ws(s, i + 1)",
      "    elseif c == 125 then",
      "      break",
      "    else",
      "      return nil",
      "    end",
      "  end",
      "end",
      "return i + 1",
    ];
  }

  /** An if-tree over the field number `f` (1..count), log-deep, each leaf from `leaf`. */
  private dispatch(count: number, leaf: (n: number) => string[]): string[] {
    if (count === 0) return [];
    const tree = (lo: number, hi: number): string[] => {
      if (lo === hi) return ["do", ...indent(leaf(lo)), "end"];
      if (hi - lo < 4) {
        const out: string[] = [];
        for (let n = lo; n <= hi; n++)
          out.push(`${n === lo ? "if" : "elseif"} f == ${n} then`, ...indent(leaf(n)));
        return [...out, "end"];
      }
      const mid = (lo + hi) >> 1;
      return [
        `if f <= ${mid} then`,
        ...indent(tree(lo, mid)),
        "else",
        ...indent(tree(mid + 1, hi)),
        "end",
      ];
    };
    return tree(1, count);
  }

  private array(schema: ArraySchema): string[] {
    return [
      "if byte(s, i) ~= 91 or d >= MAX_DEPTH then return nil end",
      "local c",
      "i, c = ws(s, i + 1)",
      "if c ~= 93 then",
      "  while true do",
      ...indent(indent(["do", ...indent(this.value(schema.items)), "end"])),
      "    i, c = ws(s, i)",
      "    if c == 44 then",
      "      i = ws(s, i + 1)",
      "    elseif c == 93 then",
      "      break",
      "    else",
      "      return nil",
      "    end",
      "  end",
      "end",
      "return i + 1",
    ];
  }

  /**
   * A plain union: the value's first byte names its JSON kind. Strings and numbers are tried
   * against each branch of their kind in turn (a scalar scan costs its length, and the branches
   * are fixed by the schema: linear); an object is scanned only when one branch takes objects,
   * so no object is ever scanned twice.
   */
  private plainUnion(schema: UnionSchema): string[] {
    const byKind = (kinds: readonly string[]): AvroSchema[] =>
      schema.branches.filter((b) => kinds.includes(kindOf(b)));
    const lines = ["local c = byte(s, i)", "local r"];
    const cases: Array<[string, AvroSchema[]]> = [
      ["c == 110", byKind(["null"])],
      ["c == 116 or c == 102", byKind(["boolean"])],
      ["c == 34", byKind(["string"])],
      ["c == 45 or (c ~= nil and c >= 48 and c <= 57)", byKind(["number"])],
      ["c == 91", byKind(["array"])],
      ["c == 123", byKind(["object"])],
    ];
    let first = true;
    for (const [test, branches] of cases) {
      if (branches.length === 0) continue;
      lines.push(`${first ? "if" : "elseif"} ${test} then`);
      first = false;
      if (test === "c == 123" && branches.length > 1) {
        lines.push(...indent(this.objectBranches(branches)));
        continue;
      }
      for (const branch of branches)
        lines.push(
          "  do",
          "    local i = i",
          ...indent(indent(this.attempt(branch))),
          "    if i ~= nil then return i end",
          "  end",
        );
    }
    if (!first) lines.push("end");
    lines.push("return nil");
    return lines;
  }

  /**
   * An object under several branches that take objects (records, maps): each is tried in turn
   * until one is certain. A failed try may have moved the scan's forward-only positions (BS,
   * TAB, LF, CR) past the object, so they are put back before the next. The answer is
   * remembered per (union, position) for the body: a union nested in a tried branch is scanned
   * once however many outer tries reach it, so the work stays linear in the body
   * (test/validators/lua/linear-time.test.ts counts it).
   */
  private objectBranches(branches: readonly AvroSchema[]): string[] {
    const unionNumber = ++this.memoized;
    return [
      "local m = MEMO",
      "if m == nil then m = {}; MEMO = m end",
      `local mu = m[${unionNumber}]`,
      `if mu == nil then mu = {}; m[${unionNumber}] = mu end`,
      "local r = mu[i]",
      "if r == false then return nil elseif r ~= nil then return r end",
      "local bs, tab, lf, cr = BS, TAB, LF, CR",
      ...branches.flatMap((branch) => [
        "do",
        "  local i = i",
        ...indent(this.attempt(branch)),
        "  if i ~= nil then r = i end",
        "end",
        "if r ~= nil then mu[i] = r; return r end",
        "BS, TAB, LF, CR = bs, tab, lf, cr",
      ]),
      "mu[i] = false",
      "return nil",
    ];
  }

  /** Statements leaving in the local `i` the position after a value of `branch`, or nil. */
  private attempt(branch: AvroSchema): string[] {
    // A union's value is no container of its own: the branch scans at the union's depth.
    return [`i = ${this.functionFor(branch)}(s, i, d)`];
  }

  /** Avro JSON: `null`, or an object with one key naming the branch. */
  private wrappedUnion(schema: UnionSchema): string[] {
    const hasNull = schema.branches.some((b) => b.kind === "primitive" && b.type === "null");
    const named = schema.branches.filter((b) => !(b.kind === "primitive" && b.type === "null"));
    const set = this.set(
      `{ ${named.map((b, n) => `[${luaString(branchName(b))}] = ${n + 1}`).join(", ")} }`,
    );
    const lines = ["local c = byte(s, i)"];
    if (hasNull) lines.push("if c == 110 then return null_at(s, i) end");
    lines.push(
      "if c ~= 123 or d >= MAX_DEPTH then return nil end",
      "i = ws(s, i + 1)",
      "local j = plain_string(s, i)",
      "if j == nil then return nil end",
      `local f = ${set}[sub(s, i + 1, j - 1)]`,
      "i, c = ws(s, j + 1)",
      "if c ~= 58 or f == nil then return nil end",
      "i = ws(s, i + 1)",
      ...this.dispatch(named.length, (n) => this.value(named[n - 1])),
      "i, c = ws(s, i)",
      "if c ~= 125 then return nil end",
      "return i + 1",
    );
    return lines;
  }

  private set(init: string): string {
    this.sets.push(init);
    return `${FIELD_SETS}[${this.sets.length}]`;
  }
}

/** The JSON kind a branch takes (plain dialect), for dispatch on the first byte. */
function kindOf(schema: AvroSchema): string {
  switch (schema.kind) {
    case "primitive":
      if (schema.type === "null" || schema.type === "boolean") return schema.type;
      if (schema.type === "string" || schema.type === "bytes") return "string";
      return "number";
    case "enum":
    case "fixed":
      return "string";
    case "array":
      return "array";
    case "record":
    case "map":
      return "object";
    case "union":
      return "union";
  }
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => "  " + l);
}

/**
 * Lua source defining `scan_body(raw)` for `schema` (see {@link ScannerCode}). It follows
 * codegen's source, whose prelude (`byte`, `sub`, `latin1`, `MAX_DEPTH`) it uses.
 */
export function generateScanner(schema: AvroSchema, options: ScannerOptions): ScannerCode {
  return new ScannerGenerator(options).build(schema);
}
