import type { AvroSchema } from "../../avro";
import { branchName } from "../../avro";
import { luaString } from "../lua/luaText";
import { MAX_NESTING_DEPTH } from "../ranges";
import { typeLabel } from "../shared-rules";
import type { WriterSchema } from "./encodings";
import { binaryMessages as say } from "./messages";
import { encodesEmpty } from "./shapes";

/**
 * The Lua twin of `reference.ts`: a walker over the raw body string, generated per schema, that
 * uses only `string.byte`, `string.sub`, `string.format` and `string.gsub` (Kong's sandbox has
 * no `bit`, `require` or `ffi`). Each schema node gets one function `BW[n](s, p, n, d)` that
 * returns the position after the value, or nil with the error in `BE_MSG` and the path's
 * tokens pushed, innermost first, as the calls unwind. Numbers are doubles, computed in the
 * reference's order, so the two print the same offsets and indexes.
 */

const MARK = "\u0001";

/**
 * A Lua expression for one of `binaryMessages`, with Lua expressions for its runtime
 * arguments: the message is written once (messages.ts) and both engines say its words.
 */
function luaSay<A extends unknown[]>(message: (...args: A) => string, ...args: A): string {
  const text = message(...args);
  return text
    .split(MARK)
    .map((part, i) => (i % 2 === 0 ? luaString(part) : `(${part})`))
    .filter((part) => part !== '""')
    .join(" .. ");
}
/** Marks a Lua expression as a runtime argument of `luaSay`. */
const lua = (expression: string): never => `${MARK}${expression}${MARK}` as never;

const HELPERS = `local BW, BE_TOKS, BE_N, BE_MSG = {}, {}, 0, nil
local b_byte, b_sub, b_format, b_gsub, b_find = string.byte, string.sub, string.format, string.gsub, string.find
local function b_fail(msg) BE_MSG = msg; BE_N = 0; return nil end
local function b_tok(t) BE_N = BE_N + 1; BE_TOKS[BE_N] = t; return nil end
local function b_var(s, p, n, label, last, lastmax, bits)
  local start, mag, scale, i = p, 0, 1, 0
  while true do
    if p > n then return b_fail(${luaSay(say.ends, lua("label"), lua("start - 1"))}) end
    local b = b_byte(s, p)
    p = p + 1
    if i == last and b > lastmax then return b_fail(${luaSay(say.varint, lua("label"), lua("start - 1"), lua("bits"))}) end
    if b < 128 then mag = mag + b * scale; break end
    mag = mag + (b - 128) * scale
    scale = scale * 128
    i = i + 1
  end
  if b_byte(s, start) % 2 == 1 then return -(mag + 1) / 2, p end
  return mag / 2, p
end
local function b_len(s, p, n, label)
  local len, q = b_var(s, p, n, label, 9, 1, 64)
  if not len then return nil end
  if len < 0 then return b_fail(${luaSay(say.negativeLength, lua("label"), lua("p - 1"))}) end
  if len > n - q + 1 then return b_fail(${luaSay(say.ends, lua("label"), lua("p - 1"))}) end
  return q, q + len
end
local function b_utf8(s, i, last, label, start)
  while i <= last do
    local b = b_byte(s, i)
    if b < 128 then
      i = i + 1
    else
      local need, lo, hi = 0, 128, 191
      if b >= 194 and b <= 223 then need = 1
      elseif b >= 224 and b <= 239 then
        need = 2
        if b == 224 then lo = 160 elseif b == 237 then hi = 159 end
      elseif b >= 240 and b <= 244 then
        need = 3
        if b == 240 then lo = 144 elseif b == 244 then hi = 143 end
      end
      local bad = need == 0 or i + need > last
      if not bad then
        local c = b_byte(s, i + 1)
        bad = c < lo or c > hi
        for k = 2, need do
          c = b_byte(s, i + k)
          if c < 128 or c > 191 then bad = true end
        end
      end
      if bad then return b_fail(${luaSay(say.utf8, lua("label"), lua("start - 1"), lua("i - 1"))}) end
      i = i + need + 1
    end
  end
  return true
end
local function b_esc(k)
  k = tostring(k)
  if b_find(k, "[~/]") then k = (b_gsub((b_gsub(k, "~", "~0")), "/", "~1")) end
  return k
end
-- The error's JSON Pointer; pairs are merged level by level, so a long path costs O(L log k).
local function b_path()
  local parts = {}
  for i = BE_N, 1, -1 do parts[#parts + 1] = "/" .. b_esc(BE_TOKS[i]) end
  while #parts > 1 do
    local merged = {}
    for i = 1, #parts, 2 do merged[#merged + 1] = parts[i] .. (parts[i + 1] or "") end
    parts = merged
  end
  return parts[1] or ""
end
local function b_run(root, s, p)
  BE_MSG, BE_N = nil, 0
  local n = #s
  local q = root(s, p, n, 1)
  if not q then return BE_MSG, b_path() end
  if q <= n then return ${luaSay(say.trailing, lua("q - 1"), lua("n - q + 1"))}, "" end
  return nil
end`;

const PER_GROUP = 100;

class BinaryGenerator {
  private readonly numbers = new Map<AvroSchema, number>();
  private readonly pending: AvroSchema[] = [];
  private readonly empty = new Map<AvroSchema, boolean>();

  functionFor(schema: AvroSchema): string {
    let number = this.numbers.get(schema);
    if (number === undefined) {
      this.pending.push(schema);
      this.numbers.set(schema, (number = this.pending.length));
    }
    return `BW[${number}]`;
  }

  /** Every function, numbered as first met; writing one may number more. */
  definitions(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.pending.length; i++)
      out.push(`BW[${i + 1}] = function(s, p, n, d)\n${this.body(this.pending[i])}\nend`);
    return out;
  }

  private isEmpty(schema: AvroSchema): boolean {
    let known = this.empty.get(schema);
    if (known === undefined) this.empty.set(schema, (known = encodesEmpty(schema)));
    return known;
  }

  private body(schema: AvroSchema): string {
    const ends = (label: string) => `b_fail(${luaSay(say.ends, label, lua("p - 1"))})`;
    switch (schema.kind) {
      case "primitive":
        switch (schema.type) {
          case "null":
            return "  return p";
          case "boolean":
            return [
              `  if p > n then return ${ends("boolean")} end`,
              "  local b = b_byte(s, p)",
              `  if b > 1 then return b_fail(${luaSay(say.boolean, lua("p - 1"), lua("b"))}) end`,
              "  return p + 1",
            ].join("\n");
          case "int":
            return '  local _, q = b_var(s, p, n, "int", 4, 15, 32)\n  return q';
          case "long":
            return '  local _, q = b_var(s, p, n, "long", 9, 1, 64)\n  return q';
          case "float":
          case "double": {
            const size = schema.type === "float" ? 4 : 8;
            return `  if ${size} > n - p + 1 then return ${ends(schema.type)} end\n  return p + ${size}`;
          }
          case "bytes":
            return '  local _, q = b_len(s, p, n, "bytes")\n  return q';
          case "string":
            return [
              '  local from, q = b_len(s, p, n, "string")',
              '  if not from or not b_utf8(s, from, q - 1, "string", p) then return nil end',
              "  return q",
            ].join("\n");
        }
        break;
      case "fixed":
        return `  if ${schema.size} > n - p + 1 then return ${ends(typeLabel(schema))} end\n  return p + ${schema.size}`;
      case "enum": {
        const label = typeLabel(schema);
        const count = schema.symbols.length;
        return [
          `  local v, q = b_var(s, p, n, ${luaString(label)}, 4, 15, 32)`,
          "  if not v then return nil end",
          `  if v < 0 or v >= ${count} then return b_fail(${luaSay(say.enumIndex, label, lua("p - 1"), lua("v"), count)}) end`,
          "  return q",
        ].join("\n");
      }
      case "union": {
        const count = schema.branches.length;
        const names = schema.branches.map(branchName).join(", ");
        const lines = [
          '  local v, q = b_var(s, p, n, "union", 4, 15, 32)',
          "  if not v then return nil end",
        ];
        schema.branches.forEach((branch, i) => {
          lines.push(`  if v == ${i} then return ${this.functionFor(branch)}(s, q, n, d) end`);
        });
        lines.push(
          `  return b_fail(${luaSay(say.unionIndex, lua("p - 1"), lua("v"), count, names)})`,
        );
        return lines.join("\n");
      }
      case "record": {
        const lines = [
          `  if d > ${MAX_NESTING_DEPTH} then return b_fail(${luaSay(say.depth)}) end`,
        ];
        for (const field of schema.fields) {
          if (this.isEmpty(field.type) && field.type.kind !== "record") continue;
          lines.push(
            `  p = ${this.functionFor(field.type)}(s, p, n, d + 1)`,
            `  if not p then return b_tok(${luaString(field.name)}) end`,
          );
        }
        lines.push("  return p");
        return lines.join("\n");
      }
      case "array":
      case "map":
        return this.blocks(schema);
    }
    return "  return p";
  }

  private blocks(schema: AvroSchema & { kind: "array" | "map" }): string {
    const label = schema.kind;
    const item = schema.kind === "array" ? schema.items : schema.values;
    const walk = this.functionFor(item);
    const lines = [
      `  if d > ${MAX_NESTING_DEPTH} then return b_fail(${luaSay(say.depth)}) end`,
      "  local index = 0",
      "  while true do",
      "    local start = p",
      `    local count, size, q`,
      `    count, p = b_var(s, p, n, "${label}", 9, 1, 64)`,
      "    if not count then return nil end",
      "    if count == 0 then return p end",
      "    local sized = count < 0",
      "    if sized then",
      `      size, p = b_var(s, p, n, "${label}", 9, 1, 64)`,
      "      if not size then return nil end",
      "      count = -count",
      "    end",
      "    local from = p",
    ];
    if (schema.kind === "array" && this.isEmpty(item)) {
      lines.push(
        "    if index == 0 and not " + `${walk}(s, p, n, d + 1) then return b_tok(0) end`,
        "    index = index + count",
      );
    } else {
      lines.push(
        `    if count > n - p + 1 then return b_fail(${luaSay(say.blockCount, label, lua("start - 1"))}) end`,
        "    for _ = 1, count do",
      );
      if (schema.kind === "map") {
        lines.push(
          "      local key = p",
          '      local kfrom, kend = b_len(s, p, n, "map key")',
          '      if not kfrom or not b_utf8(s, kfrom, kend - 1, "map key", key) then return nil end',
          `      q = ${walk}(s, kend, n, d + 1)`,
          "      if not q then return b_tok(b_sub(s, kfrom, kend - 1)) end",
        );
      } else {
        lines.push(
          `      q = ${walk}(s, p, n, d + 1)`,
          "      if not q then return b_tok(index) end",
        );
      }
      lines.push("      p = q", "      index = index + 1", "    end");
    }
    lines.push(
      `    if sized and size ~= p - from then return b_fail(${luaSay(say.blockSize, label, lua("start - 1"))}) end`,
      "  end",
    );
    return lines.join("\n");
  }
}

function grouped(definitions: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < definitions.length; i += PER_GROUP)
    lines.push(
      "do",
      "local function define()",
      ...definitions.slice(i, i + PER_GROUP),
      "end",
      "define()",
      "end",
    );
  return lines;
}

/** What a chunk needs to walk binary bodies. */
export interface BinaryWalkerCode {
  /** Lua statements defining the walkers. */
  readonly source: string;
  /** `(body) -> nil | message, path`: a bare binary body against the pinned schema. */
  readonly binary: string;
  /** `(body) -> nil | message, path`: a single-object body against the writer it names. */
  readonly singleObject: string;
}

/**
 * Lua walkers for a route: the pinned schema (`writers[0]`) for bare binary bodies, and every
 * writer schema a single-object body may name.
 */
export function generateBinaryWalker(writers: readonly WriterSchema[]): BinaryWalkerCode {
  const generator = new BinaryGenerator();
  const pinned = generator.functionFor(writers[0].schema);
  const byFingerprint = new Map<string, string>();
  for (const w of writers)
    if (!byFingerprint.has(w.fingerprint))
      byFingerprint.set(w.fingerprint, generator.functionFor(w.schema));
  const accepted = [...byFingerprint.keys()];
  const table = accepted.map((fp) => `[${luaString(fp)}] = ${byFingerprint.get(fp)!}`).join(", ");
  const source = [
    HELPERS,
    ...grouped(generator.definitions()),
    `local B_WRITERS = { ${table} }`,
    "local function avro_binary(s) return b_run(" + pinned + ", s, 1) end",
    "local function avro_single_object(s)",
    "  if #s < 10 then",
    `    if b_byte(s, 1) ~= nil and b_byte(s, 1) ~= 195 or b_byte(s, 2) ~= nil and b_byte(s, 2) ~= 1 then return ${luaSay(say.marker)}, "" end`,
    `    return ${luaSay(say.header)}, ""`,
    "  end",
    `  if b_byte(s, 1) ~= 195 or b_byte(s, 2) ~= 1 then return ${luaSay(say.marker)}, "" end`,
    '  local fp = b_format("%02x%02x%02x%02x%02x%02x%02x%02x", b_byte(s, 3, 10))',
    "  local root = B_WRITERS[fp]",
    `  if not root then return ${luaSay(say.fingerprint, lua("fp"), accepted)}, "" end`,
    "  return b_run(root, s, 11)",
    "end",
  ].join("\n");
  return { source, binary: "avro_binary", singleObject: "avro_single_object" };
}
