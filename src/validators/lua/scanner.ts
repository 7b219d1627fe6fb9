import type {
  ArraySchema,
  AvroSchema,
  EnumSchema,
  MapSchema,
  RecordSchema,
  UnionSchema,
} from "../../avro";
import { branchName } from "../../avro";
import { luaString } from "./luaText";
import {
  dispatchTree,
  flatValue,
  indent,
  isFlat,
  kindOf,
  MAP_KEY,
  nameAt,
  nameReader,
  plainNames,
  MAX_SCANNED_FIELDS,
  nextMember,
  SCAN_PRELUDE,
} from "./scanner-parts";
import { recursiveRecords } from "./recursion";
import { fitsStackScanner, StackScannerGenerator } from "./scanner-stack";
import type { ScannerOptions } from "./scanner-parts";

export type { ScannerOptions };

/**
 * Which form of scanner to generate: `auto` (what the chunks use) is the one-loop form for a
 * recursive schema it fits, else one function per container; the tests compare both forms.
 */
export type ScannerForm = "auto" | "stack" | "functions";

/**
 * The raw-body scanner: Lua that reads a JSON body as text, without building a table, and
 * answers `true` only when it is certain that the body is JSON text that the reference
 * (`payload validate`) calls valid and that the chunk's decode-and-validate path would pass.
 * Otherwise it answers `false`, meaning "not certain", never "invalid": the chunk then runs its
 * decode-and-validate path, which gives every verdict and writes every message. So the scanner
 * only makes valid bodies cheaper; it cannot change an answer (test/validators/lua/scanner.test.ts
 * holds both paths to the same output and the certain ones to the reference).
 *
 * It proves the body JSON text itself, so the chunk's whole-body text check (`text_problem`,
 * text-check.ts) runs only on the decode path, which names the problem: every byte it accepts
 * is a token's, JSON whitespace, a byte of a name found in a set of Avro names, or a string byte
 * it has read (none below 0x20, so no NUL; UTF-8 well formed: shortest form, no surrogates,
 * nothing above U+10FFFF). Certain:
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
 * leading zeros and the other spellings cjson reads, surrogate escapes, any byte below 0x20 in a
 * string (cjson reads raw tab/LF/CR, the reference refuses them), invalid UTF-8, nesting of 1000 levels or more,
 * records of more than 150 fields, anything after the document.
 *
 * Shape, for LuaJIT's trace compiler: byte loops with `string.byte` and `string.sub` only (no
 * pattern matching, no closures, no per-body tables but the union memo when a body meets a union
 * of several object branches); one function `SC[n]` per record, map, array and union, taking `(s, i, d)` (the body, the position of the value's first byte, its depth) and
 * returning the position after the value or nil; a record's fields read in schema order first,
 * each key compared byte by byte in place (no string made, nothing looked up), and from the first
 * other key on found through a set built at load time and a log-deep if-tree, repeated ones
 * caught by one local flag per field; an enum's few symbols compared in place the same way. Each
 * byte is read a bounded number of times (a union tries each scalar branch of the value's kind,
 * and each of its object branches once per position, remembered): linear in the body for every
 * schema (test/validators/lua/scanner-objects.test.ts counts the calls). A recursive schema
 * whose unions take an object in at most one branch gets the same scanner as one loop with its
 * own stack instead (scanner-stack.ts): LuaJIT aborts the traces of functions that call
 * themselves through a loop.
 */
export interface ScannerCode {
  /** Lua statements defining `scan_body(raw) -> boolean`. */
  readonly source: string;
}

/** Table of scanning functions in the chunk; `SF` for the field-name and symbol sets. */
const SCANNERS = "SC";
/**
 * The one-loop scanner is used up to this many lines: LuaJIT's jumps reach 32,767 instructions,
 * and a single function larger than that does not load.
 */
const MAX_STACK_LINES = 6000;
const FIELD_SETS = "SF";

/** Writes the scanning functions, one per record, array and union schema, numbered on first use. */
class ScannerGenerator {
  private readonly functions: string[] = [];
  private readonly sets: string[] = [];
  private readonly numbers = new Map<AvroSchema, number>();
  private readonly pending: Array<() => string[]> = [];

  private readonly enumSets = new Map<EnumSchema, string>();
  /** How many unions remember their answers (each gets its own number in MEMO). */
  private memoized = 0;

  constructor(
    private readonly options: ScannerOptions,
    private readonly form: ScannerForm,
  ) {}

  private enumSet(schema: EnumSchema): string {
    let name = this.enumSets.get(schema);
    if (name === undefined) {
      name = this.set(`{ ${schema.symbols.map((s) => `[${luaString(s)}] = true`).join(", ")} }`);
      this.enumSets.set(schema, name);
    }
    return name;
  }

  build(root: AvroSchema): ScannerCode {
    const container = root.kind === "record" || root.kind === "array" || root.kind === "map";
    // A recursive schema gets the one-loop form where it fits (scanner-stack.ts), unless so large
    // that one Lua function could not hold it; else one function per container, which LuaJIT
    // runs 15-25% faster on the example's non-recursive order (plain LuaJIT, 1 to 10 KB).
    const wanted =
      this.form === "stack" || (this.form === "auto" && recursiveRecords(root).size > 0);
    const loop =
      container && wanted && fitsStackScanner(root, this.options)
        ? new StackScannerGenerator(
            this.options,
            (init) => this.set(init),
            (e) => this.enumSet(e as EnumSchema),
          ).build(root)
        : undefined;
    const stack = loop !== undefined && loop.split("\n").length <= MAX_STACK_LINES;
    const rootScan = stack ? "scan_stack" : container ? this.functionFor(root) : "";
    for (let n = 0; n < this.pending.length; n++) {
      this.functions.push(
        `${SCANNERS}[${n + 1}] = function(s, i, d)\n${indent(this.pending[n]()).join("\n")}\nend`,
      );
    }
    // No text check runs first: every byte accepted is proven text here (SCAN_PRELUDE).
    const entry =
      rootScan === ""
        ? "local function scan_body(s) return false end"
        : [
            "local function scan_body(s)",
            "  MEMO = nil",
            "  if MAP_STORED > 4096 then MAP_KEYS, MAP_STORED = {}, 0 end",
            "  local i = ws(s, 1)",
            stack ? "  i = scan_stack(s, i)" : `  i = ${rootScan}(s, i, 1)`,
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
    if (stack) lines.push(loop);
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

  /**
   * Statements scanning a value of `schema` at `i` into `i` (nil when not certain), returning
   * nil from the enclosing function on failure. `d` is the depth of the enclosing container.
   */
  private value(schema: AvroSchema): string[] {
    if (isFlat(schema)) return flatValue(schema, (e) => this.enumSet(e as EnumSchema));
    return [`i = ${this.functionFor(schema)}(s, i, d + 1)`, "if i == nil then return nil end"];
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
      "local open = c ~= 125",
      ...this.fieldsInOrder(schema, flags),
      "if open then",
      "  while true do",
      `    local j = ${nameReader(fields.map((f) => f.name))}(s, i)`,
      "    if j == nil then return nil end",
      `    local f = ${set}[sub(s, i + 1, j - 1)]`,
      "    i, c = ws(s, j + 1)",
      "    if c ~= 58 or f == nil then return nil end",
      "    i = ws(s, i + 1)",
      ...indent(
        indent(
          dispatchTree("f", fields.length, (n) => [
            `if ${flags[n - 1]} then return nil end`,
            `${flags[n - 1]} = true`,
            ...this.value(fields[n - 1].type),
          ]),
        ),
      ),
      ...indent(indent(nextMember(125))),
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
   * The fields in schema order, as senders mostly write them: each key compared in place
   * (nameAt), its value scanned, then a comma or the closing brace (`open` false). The first
   * other key leaves `ordered` false and the rest to the record's loop, which finds keys
   * through the field set; a field read here is flagged as the loop flags it.
   */
  private fieldsInOrder(schema: RecordSchema, flags: readonly string[]): string[] {
    const names = schema.fields.map((f) => f.name);
    if (names.length === 0 || !plainNames(names)) return [];
    const lines = ["local ordered = open"];
    schema.fields.forEach((field, n) => {
      lines.push(
        "if ordered then",
        `  if ${nameAt(field.name)} then`,
        `    ${flags[n]} = true`,
        `    i, c = ws(s, i + ${field.name.length + 2})`,
        "    if c ~= 58 then return nil end",
        "    i = ws(s, i + 1)",
        ...indent(indent(["do", ...indent(this.value(field.type)), "end"])),
        "    i, c = ws(s, i)",
        "    if c == 44 then",
        "      i = ws(s, i + 1)",
        "    elseif c == 125 then",
        "      open, ordered = false, false",
        "    else",
        "      return nil",
        "    end",
        "  else",
        "    ordered = false",
        "  end",
        "end",
      );
    });
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
      ...indent(indent(MAP_KEY)),
      ...indent(indent(["do", ...indent(this.value(schema.values)), "end"])),
      ...indent(indent(nextMember(125))),
      "  end",
      "end",
      "return i + 1",
    ];
  }

  private array(schema: ArraySchema): string[] {
    return [
      "if byte(s, i) ~= 91 or d >= MAX_DEPTH then return nil end",
      "local c",
      "i, c = ws(s, i + 1)",
      "if c ~= 93 then",
      "  while true do",
      ...indent(indent(["do", ...indent(this.value(schema.items)), "end"])),
      ...indent(indent(nextMember(93))),
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
   * until one is certain. The answer is
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
      ...branches.flatMap((branch) => [
        "do",
        "  local i = i",
        ...indent(this.attempt(branch)),
        "  if i ~= nil then r = i end",
        "end",
        "if r ~= nil then mu[i] = r; return r end",
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
      `local j = ${nameReader(named.map(branchName))}(s, i)`,
      "if j == nil then return nil end",
      `local f = ${set}[sub(s, i + 1, j - 1)]`,
      "i, c = ws(s, j + 1)",
      "if c ~= 58 or f == nil then return nil end",
      "i = ws(s, i + 1)",
      ...dispatchTree("f", named.length, (n) => this.value(named[n - 1])),
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

/**
 * Lua source defining `scan_body(raw)` for `schema` (see {@link ScannerCode}). It follows
 * codegen's source, whose prelude (`byte`, `sub`, `latin1`, `MAX_DEPTH`) it uses.
 */
export function generateScanner(
  schema: AvroSchema,
  options: ScannerOptions,
  form: ScannerForm = "auto",
): ScannerCode {
  return new ScannerGenerator(options, form).build(schema);
}
