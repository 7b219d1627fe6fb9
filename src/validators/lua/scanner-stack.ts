import type { ArraySchema, AvroSchema, MapSchema, RecordSchema, UnionSchema } from "../../avro";
import { branchName } from "../../avro";
import {
  dispatchTree,
  flatValue,
  indent,
  isFlat,
  kindOf,
  MAP_KEY,
  nameReader,
  MAX_SCANNED_FIELDS,
  nextMember,
  type ScannerOptions,
} from "./scanner-parts";
import { luaString } from "./luaText";

/**
 * The scanner as one loop with its own stack (`scan_stack`), for schemas whose unions take a
 * JSON object in at most one branch. It accepts exactly what the recursive scanner
 * (scanner.ts) accepts, but makes no Lua call per container: a container's members are read by
 * a loop in the state of that container, and a member that is itself a container pushes where
 * to continue (state, and the record's or map's id and count of required fields) on the stack
 * `ST`. A recursive schema's scanner otherwise calls itself, and LuaJIT's trace compiler gives up
 * on such loops ("loop unroll limit reached") and runs them in the interpreter.
 *
 * States, per container schema X: `open` at its first byte, `members` after `{`, `[` or a comma,
 * `next` after a member that was a container. A record's repeated fields are caught by
 * `FSEEN[depth][field] == id` (ids only grow, so nothing is cleared per record), a map's
 * repeated keys by `MAP_KEYS[depth][key] == id`, as in the recursive scanner.
 */

/** Whether the one-loop scanner can scan `root`: no plain union with several object branches. */
export function fitsStackScanner(root: AvroSchema, options: ScannerOptions): boolean {
  if (options.dialect !== "plain") return true;
  for (const schema of reachable(root))
    if (schema.kind === "union" && schema.branches.filter((b) => kindOf(b) === "object").length > 1)
      return false;
  return true;
}

function reachable(root: AvroSchema): AvroSchema[] {
  const seen = new Set<AvroSchema>();
  const stack = [root];
  while (stack.length > 0) {
    const schema = stack.pop()!;
    if (seen.has(schema)) continue;
    seen.add(schema);
    if (schema.kind === "record") stack.push(...schema.fields.map((f) => f.type));
    else if (schema.kind === "array") stack.push(schema.items);
    else if (schema.kind === "map") stack.push(schema.values);
    else if (schema.kind === "union") stack.push(...schema.branches);
  }
  return [...seen];
}

interface States {
  readonly open: number;
  readonly members: number;
  readonly next: number;
}

export class StackScannerGenerator {
  private readonly states = new Map<AvroSchema, States>();
  private readonly order: AvroSchema[] = [];
  private readonly leaves = new Map<AvroSchema, string>();
  private readonly leafCode: string[] = [];
  private count = 0;

  constructor(
    private readonly options: ScannerOptions,
    private readonly set: (init: string) => string,
    private readonly enumSet: (schema: AvroSchema) => string,
  ) {}

  /** Lua defining `scan_stack(s, i)` for `root` (a record, array or map): the end or nil. */
  build(root: AvroSchema): string {
    const rootOpen = this.statesOf(root).open;
    const cases: Array<[number, string[]]> = [];
    for (let n = 0; n < this.order.length; n++) {
      const schema = this.order[n];
      const st = this.statesOf(schema);
      for (const [state, code] of this.code(schema, st)) cases.push([state, code]);
    }
    cases.sort((a, b) => a[0] - b[0]);
    const byState = new Map(cases);
    return [
      "local scan_stack",
      "do",
      "local ST, FSEEN, RID, SL = {}, {}, 0, {}",
      ...this.leafCode,
      "function scan_stack(s, i)",
      `  local st, d, sp = ${rootOpen}, 1, 0`,
      "  local id, req, seen, c = 0, 0, nil, nil",
      "  while true do",
      ...indent(
        indent(dispatchTree("st", this.count, (state) => byState.get(state) ?? ["return nil"])),
      ),
      "  end",
      "end",
      "end",
    ].join("\n");
  }

  private statesOf(schema: AvroSchema): States {
    let st = this.states.get(schema);
    if (st === undefined) {
      st = { open: ++this.count, members: ++this.count, next: ++this.count };
      this.states.set(schema, st);
      this.order.push(schema);
    }
    return st;
  }

  /** A flat schema as a function `(s, i) -> end or nil`, for a union's trials. */
  private leaf(schema: AvroSchema): string {
    let name = this.leaves.get(schema);
    if (name === undefined) {
      name = `SL[${this.leaves.size + 1}]`;
      this.leaves.set(schema, name);
      this.leafCode.push(
        `${name} = function(s, i)`,
        ...indent(flatValue(schema, this.enumSet)),
        "  return i",
        "end",
      );
    }
    return name;
  }

  /** The container that `i` ends is done: continue where its parent left off. */
  private pop(): string[] {
    return [
      "d = d - 1",
      "if sp == 0 then return i end",
      "st, id, req = ST[sp - 2], ST[sp - 1], ST[sp]",
      "sp = sp - 3",
    ];
  }

  /** A member that is a container: remember where to continue, then open it. */
  private descend(resume: number, child: AvroSchema): string[] {
    return [
      `ST[sp + 1], ST[sp + 2], ST[sp + 3] = ${resume}, id, req`,
      "sp = sp + 3",
      "d = d + 1",
      `st = ${this.statesOf(child).open}`,
    ];
  }

  private code(schema: AvroSchema, st: States): Array<[number, string[]]> {
    switch (schema.kind) {
      case "record":
        return this.record(schema, st);
      case "array":
        return this.array(schema, st);
      case "map":
        return this.map(schema, st);
      case "union":
        return this.wrappedUnion(schema, st);
      default:
        // Only containers get states; flat values are scanned in their container's loop.
        return [];
    }
  }

  /**
   * A member value at `i` for the container in state `resume`'s `next`: flat ones are scanned
   * here; a container is descended into and the loop of members is left (`break`).
   */
  private member(type: AvroSchema, resume: number): string[] {
    if (isFlat(type)) return flatValue(type, this.enumSet);
    if (type.kind === "union" && this.options.dialect === "plain")
      return this.plainUnion(type, resume);
    return [...this.descend(resume, type), "do break end"];
  }

  private record(schema: RecordSchema, st: States): Array<[number, string[]]> {
    const fields = schema.fields;
    if (fields.length > MAX_SCANNED_FIELDS) return [[st.open, ["return nil"]]];
    const everyField = this.options.dialect === "avro-json";
    const set = this.set(
      `{ ${fields.map((f, n) => `[${luaString(f.name)}] = ${n + 1}`).join(", ")} }`,
    );
    const required = fields.filter((f) => everyField || !f.hasDefault).length;
    const close = [
      ...(required > 0 ? [`if req ~= ${required} then return nil end`] : []),
      "i = i + 1",
      ...this.pop(),
    ];
    const open = [
      "if byte(s, i) ~= 123 or d >= MAX_DEPTH then return nil end",
      "RID = RID + 1",
      "id, req = RID, 0",
      "i, c = ws(s, i + 1)",
      "if c == 125 then",
      ...indent(close),
      "else",
      `  st = ${st.members}`,
      "end",
    ];
    const members = [
      "seen = FSEEN[d]",
      "if seen == nil then seen = {}; FSEEN[d] = seen end",
      "while true do",
      `  local j = ${nameReader(fields.map((f) => f.name))}(s, i)`,
      "  if j == nil then return nil end",
      `  local f = ${set}[sub(s, i + 1, j - 1)]`,
      "  i, c = ws(s, j + 1)",
      "  if c ~= 58 or f == nil or seen[f] == id then return nil end",
      "  seen[f] = id",
      "  i = ws(s, i + 1)",
      ...indent(
        dispatchTree("f", fields.length, (n) => [
          ...(everyField || !fields[n - 1].hasDefault ? ["req = req + 1"] : []),
          ...this.member(fields[n - 1].type, st.next),
        ]),
      ),
      ...indent(nextMember(125, close)),
      "end",
    ];
    return [
      [st.open, open],
      [st.members, members],
      [st.next, this.after(125, st.members, close)],
    ];
  }

  /** After a member that was a container: a comma (more members) or the closing byte. */
  private after(closing: number, members: number, close: string[]): string[] {
    return [
      "i, c = ws(s, i)",
      "if c == 44 then",
      "  i = ws(s, i + 1)",
      `  st = ${members}`,
      `elseif c == ${closing} then`,
      ...indent(close),
      "else",
      "  return nil",
      "end",
    ];
  }

  private array(schema: ArraySchema, st: States): Array<[number, string[]]> {
    const close = ["i = i + 1", ...this.pop()];
    const open = [
      "if byte(s, i) ~= 91 or d >= MAX_DEPTH then return nil end",
      "i, c = ws(s, i + 1)",
      "if c == 93 then",
      ...indent(close),
      "else",
      `  st = ${st.members}`,
      "end",
    ];
    const members = [
      "while true do",
      ...indent(this.member(schema.items, st.next)),
      ...indent(nextMember(93, close)),
      "end",
    ];
    return [
      [st.open, open],
      [st.members, members],
      [st.next, this.after(93, st.members, close)],
    ];
  }

  private map(schema: MapSchema, st: States): Array<[number, string[]]> {
    const close = ["i = i + 1", ...this.pop()];
    const open = [
      "if byte(s, i) ~= 123 or d >= MAX_DEPTH then return nil end",
      "MAP_ID = MAP_ID + 1",
      "id = MAP_ID",
      "if MAP_KEYS[d] == nil then MAP_KEYS[d] = {} end",
      "i, c = ws(s, i + 1)",
      "if c == 125 then",
      ...indent(close),
      "else",
      `  st = ${st.members}`,
      "end",
    ];
    const members = [
      "seen = MAP_KEYS[d]",
      "while true do",
      ...indent(MAP_KEY),
      ...indent(this.member(schema.values, st.next)),
      ...indent(nextMember(125, close)),
      "end",
    ];
    return [
      [st.open, open],
      [st.members, members],
      [st.next, this.after(125, st.members, close)],
    ];
  }

  /**
   * A plain union as a member, in place: the value's first byte names its JSON kind; scalars are
   * tried against each branch of their kind in turn (as the recursive scanner does), an array or
   * object is descended into as its one branch of that kind (at the depth the union's value has).
   */
  private plainUnion(schema: UnionSchema, resume: number): string[] {
    const byKind = (kind: string): AvroSchema[] =>
      schema.branches.filter((b) => kindOf(b) === kind);
    const lines = ["c = byte(s, i)"];
    const cases: Array<[string, string]> = [
      ["c == 110", "null"],
      ["c == 116 or c == 102", "boolean"],
      ["c == 34", "string"],
      ["c == 45 or (c ~= nil and c >= 48 and c <= 57)", "number"],
      ["c == 91", "array"],
      ["c == 123", "object"],
    ];
    let first = true;
    for (const [test, kind] of cases) {
      const branches = byKind(kind);
      if (branches.length === 0) continue;
      lines.push(`${first ? "if" : "elseif"} ${test} then`);
      first = false;
      if (kind === "array" || kind === "object") {
        lines.push(...indent([...this.descend(resume, branches[0]), "do break end"]));
        continue;
      }
      const tries = branches.map((b) => `${this.leaf(b)}(s, i)`);
      lines.push(
        `  local j = ${tries[0]}`,
        ...tries.slice(1).map((t) => `  if j == nil then j = ${t} end`),
        "  if j == nil then return nil end",
        "  i = j",
      );
    }
    if (first) return ["return nil"];
    return [...lines, "else", "  return nil", "end"];
  }

  /** Avro JSON: `null`, or an object with one key naming the branch. */
  private wrappedUnion(schema: UnionSchema, st: States): Array<[number, string[]]> {
    const hasNull = schema.branches.some((b) => b.kind === "primitive" && b.type === "null");
    const named = schema.branches.filter((b) => !(b.kind === "primitive" && b.type === "null"));
    const set = this.set(
      `{ ${named.map((b, n) => `[${luaString(branchName(b))}] = ${n + 1}`).join(", ")} }`,
    );
    const close = [
      "i, c = ws(s, i)",
      "if c ~= 125 then return nil end",
      "i = i + 1",
      ...this.pop(),
    ];
    const open = [
      "c = byte(s, i)",
      ...(hasNull
        ? [
            "if c == 110 then",
            "  i = null_at(s, i)",
            "  if i == nil then return nil end",
            ...indent(this.pop()),
            "else",
          ]
        : ["do"]),
      "  if c ~= 123 or d >= MAX_DEPTH then return nil end",
      "  i = ws(s, i + 1)",
      `  local j = ${nameReader(named.map(branchName))}(s, i)`,
      "  if j == nil then return nil end",
      `  local f = ${set}[sub(s, i + 1, j - 1)]`,
      "  i, c = ws(s, j + 1)",
      "  if c ~= 58 or f == nil then return nil end",
      "  i = ws(s, i + 1)",
      ...indent(
        dispatchTree("f", named.length, (n) =>
          isFlat(named[n - 1])
            ? [...flatValue(named[n - 1], this.enumSet), ...close]
            : this.descend(st.next, named[n - 1]),
        ),
      ),
      "end",
    ];
    return [
      [st.open, open],
      [st.next, close],
    ];
  }
}
