import type { AvroSchema, PrimitiveSchema } from "../../avro";
import type { Dialect } from "../options";

/**
 * Pieces both forms of the raw-body scanner share (scanner.ts, the recursive form; scanner-stack.ts,
 * the one-loop form): the Lua helpers that read tokens, and the code for flat values.
 */

export interface ScannerOptions {
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
}

/** An enum with at most this many symbols has them compared in place, not looked up. */
const MAX_COMPARED_SYMBOLS = 8;

/** A record with more fields than this is not scanned. */
export const MAX_SCANNED_FIELDS = 150;

export const SCAN_PRELUDE = String.raw`local SC, SF = {}, {}
-- Maps: the keys seen per depth, each with the id of the map it was seen in (ids only grow, so
-- no set is made or cleared per map or per body; dropped when they have taken many keys).
local MAP_KEYS, MAP_ID, MAP_STORED = {}, 0, 0
-- Unions with several object branches: per union function, the answer for the value at each
-- position (its end, or false), for the current body only.
local MEMO
-- JSON whitespace from i: the first other position and its byte. No loop on compact text.
local function ws(s, i)
  local c = byte(s, i)
  if c ~= 32 and c ~= 10 and c ~= 13 and c ~= 9 then return i, c end
  repeat i = i + 1; c = byte(s, i) until c ~= 32 and c ~= 10 and c ~= 13 and c ~= 9
  return i, c
end
-- The closing quote of a string opening at i, its bytes not read: only for a name then looked up
-- in a set of Avro names (letters, digits, _ and .), whose hit proves the string escape-free text.
local function name_end(s, i)
  if byte(s, i) ~= 34 then return nil end
  return find(s, '"', i + 1, true)
end
-- The UTF-8 sequence opening with b (0x80 or above) at i, read as the reference's TextDecoder
-- reads it (shortest form, no surrogates, nothing above U+10FFFF): the position after it, or nil.
local function utf8_next(s, i, b)
  if b < 194 or b > 244 then return nil end
  local c = byte(s, i + 1)
  if c == nil or c < 128 or c > 191 then return nil end
  if b < 224 then return i + 2 end
  if (b == 224 and c < 160) or (b == 237 and c > 159) then return nil end
  local e = byte(s, i + 2)
  if e == nil or e < 128 or e > 191 then return nil end
  if b < 240 then return i + 3 end
  if (b == 240 and c < 144) or (b == 244 and c > 143) then return nil end
  e = byte(s, i + 3)
  if e == nil or e < 128 or e > 191 then return nil end
  return i + 4
end
-- A string without escapes opening at i, its every byte legal JSON text (none below 0x20: the
-- reference refuses raw tab, LF and CR in strings; UTF-8 well formed): its closing quote, or nil.
local function plain_string(s, i)
  if byte(s, i) ~= 34 then return nil end
  i = i + 1
  while true do
    local b = byte(s, i)
    if b == 34 then return i end
    if b == nil or b < 32 or b == 92 then return nil end
    if b < 128 then
      i = i + 1
    else
      i = utf8_next(s, i, b)
      if i == nil then return nil end
    end
  end
end
local function hex(c)
  return c ~= nil and ((c >= 48 and c <= 57) or (c >= 65 and c <= 70) or (c >= 97 and c <= 102))
end
-- Any string opening at i, its bytes legal JSON text as in plain_string, whose escapes cjson and
-- the reference read alike (no surrogate escape): the position after it, or nil.
local function string_end(s, i)
  if byte(s, i) ~= 34 then return nil end
  i = i + 1
  while true do
    local b = byte(s, i)
    if b == 34 then return i + 1 end
    if b == nil or b < 32 then return nil end
    if b == 92 then
      local e = byte(s, i + 1)
      if e == 117 then
        local a, c, x, y = byte(s, i + 2, i + 5)
        if not (hex(a) and hex(c) and hex(x) and hex(y)) then return nil end
        -- d/D then 8-9, a-f, A-F: D800-DFFF, surrogates, left to the decode path.
        if (a == 100 or a == 68) and c >= 56 then return nil end
        i = i + 6
      elseif e == 34 or e == 92 or e == 47 or e == 98 or e == 102 or e == 110 or e == 114 or e == 116 then
        i = i + 2
      else
        return nil
      end
    elseif b < 128 then
      i = i + 1
    else
      i = utf8_next(s, i, b)
      if i == nil then return nil end
    end
  end
end
-- A string for bytes or fixed opening at i, escapes allowed: the position of its closing quote
-- and how many code points it holds, or nil when one is above U+00FF (or a \\u escape is a
-- surrogate) or a byte below 0x20 is inside.
local function latin1_string(s, i)
  if byte(s, i) ~= 34 then return nil end
  local n = 0
  i = i + 1
  while true do
    local b = byte(s, i)
    if b == 34 then break end
    if b == nil or b < 32 then return nil end
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
      local c = byte(s, i + 1)
      if c == nil or c < 128 or c > 191 then return nil end
      i = i + 2
    else
      return nil
    end
    n = n + 1
  end
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

/** Printable ASCII without quote or backslash, as every Avro name is. */
const NAME_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The Lua function finding the closing quote of a key or symbol then looked up in a set of
 * `names`: name_end, which reads no byte, when a hit proves the string escape-free text (always,
 * for names parseSchema accepted); else plain_string.
 */
export function nameReader(names: readonly string[]): string {
  return plainNames(names) ? "name_end" : "plain_string";
}

/** Whether every one of `names` is printable ASCII without quote or backslash. */
export function plainNames(names: readonly string[]): boolean {
  return names.every((n) => NAME_TEXT.test(n));
}

/**
 * A Lua condition: the string at `i` is exactly `"name"` (a plain name), compared byte by byte
 * in place, so no string is made and nothing is looked up.
 */
export function nameAt(name: string): string {
  const bytes = [34, ...[...name].map((ch) => ch.charCodeAt(0)), 34];
  return bytes.map((b, k) => `byte(s, i${k === 0 ? "" : ` + ${k}`}) == ${b}`).join(" and ");
}

/** Scanned in place by flatValue: no container of their own. */
export function isFlat(schema: AvroSchema): boolean {
  return schema.kind === "primitive" || schema.kind === "enum" || schema.kind === "fixed";
}

function primitive(schema: PrimitiveSchema): string {
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
 * Statements scanning a flat value at `i` into `i`, returning nil from the enclosing function
 * when not certain. `enumSet` names the Lua set of an enum's symbols.
 */
export function flatValue(schema: AvroSchema, enumSet: (schema: AvroSchema) => string): string[] {
  switch (schema.kind) {
    case "primitive":
      if (schema.type === "bytes")
        return ["local j = latin1_string(s, i)", "if j == nil then return nil end", "i = j + 1"];
      return [`i = ${primitive(schema)}`, "if i == nil then return nil end"];
    case "enum":
      // A few symbols are compared in place, one after the other; more are looked up.
      if (schema.symbols.length <= MAX_COMPARED_SYMBOLS && plainNames(schema.symbols))
        return [
          ...schema.symbols.map(
            (symbol, n) =>
              `${n === 0 ? "if" : "elseif"} ${nameAt(symbol)} then i = i + ${symbol.length + 2}`,
          ),
          "else return nil end",
        ];
      return [
        `local j = ${nameReader(schema.symbols)}(s, i)`,
        `if j == nil or ${enumSet(schema)}[sub(s, i + 1, j - 1)] ~= true then return nil end`,
        "i = j + 1",
      ];
    case "fixed":
      return [
        "local j, n = latin1_string(s, i)",
        `if j == nil or n ~= ${schema.size} then return nil end`,
        "i = j + 1",
      ];
    default:
      // Containers are scanned by their own code, never here: not certain.
      return ["return nil"];
  }
}

/** An if-tree over the Lua variable `name` (1..count), log-deep, each leaf from `leaf`. */
export function dispatchTree(name: string, count: number, leaf: (n: number) => string[]): string[] {
  if (count === 0) return [];
  const tree = (lo: number, hi: number): string[] => {
    if (lo === hi) return ["do", ...indent(leaf(lo)), "end"];
    if (hi - lo < 4) {
      const out: string[] = [];
      for (let n = lo; n <= hi; n++)
        out.push(`${n === lo ? "if" : "elseif"} ${name} == ${n} then`, ...indent(leaf(n)));
      return [...out, "end"];
    }
    const mid = (lo + hi) >> 1;
    return [
      `if ${name} <= ${mid} then`,
      ...indent(tree(lo, mid)),
      "else",
      ...indent(tree(mid + 1, hi)),
      "end",
    ];
  };
  return tree(1, count);
}

/** The JSON kind a branch takes (plain dialect), for dispatch on the first byte. */
export function kindOf(schema: AvroSchema): string {
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

/**
 * The end of one member in an object's or an array's loop: a comma goes on to the next member,
 * the closing byte runs `close` and leaves the loop, anything else is not certain.
 */
export function nextMember(closing: number, close: readonly string[] = []): string[] {
  return [
    "i, c = ws(s, i)",
    "if c == 44 then",
    "  i = ws(s, i + 1)",
    `elseif c == ${closing} then`,
    ...indent(close),
    "  break",
    "else",
    "  return nil",
    "end",
  ];
}

/** A map's key at `i`: unescaped, not seen before in this map (`seen`, `id`), then its colon. */
export const MAP_KEY: readonly string[] = [
  "local j = plain_string(s, i)",
  "if j == nil then return nil end",
  "local k = sub(s, i + 1, j - 1)",
  "if seen[k] == id then return nil end",
  "seen[k] = id",
  "MAP_STORED = MAP_STORED + 1",
  "i, c = ws(s, j + 1)",
  "if c ~= 58 then return nil end",
  "i = ws(s, i + 1)",
];

export function indent(lines: readonly string[]): string[] {
  return lines.map((l) => "  " + l);
}
