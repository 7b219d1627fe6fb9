import { MAX_NESTING_DEPTH } from "../ranges";

/** Pieces of an error path joined by one `string.format` (see `e_path`). */
const JOIN_WIDTH = 200;

/** Helpers every chunk defines once; names match what the generated code calls. */
export const PRELUDE = `local type, next, tostring, floor, find, gsub, sub, byte = type, next, tostring, math.floor, string.find, string.gsub, string.sub, string.byte
local format, unpack = string.format, unpack
local JOIN_FORMAT = "${"%s".repeat(JOIN_WIDTH)}"
local null = ngx.null
local E_MSG, E_SEG, E_N = nil, {}, 0
local MAX_DEPTH = ${MAX_NESTING_DEPTH}
-- The error's JSON Pointer is kept as its pieces, innermost first: fail sets the first, up adds
-- the next one out. Prepending each piece to a string would copy the path once per level
-- (quadratic in the depth); e_path joins the pieces once, when the path is read.
local function fail(msg, path) E_MSG = msg; E_SEG[1] = path; E_N = 1; return false end
local function up(prefix) E_N = E_N + 1; E_SEG[E_N] = prefix; return false end
local function e_path()
  local parts, n = {}, E_N
  for i = 1, n do parts[i] = E_SEG[n + 1 - i] end
  -- Up to ${JOIN_WIDTH} pieces per string.format (the sandbox has no table.concat): each round copies
  -- the path once, and the nesting limit leaves at most two rounds.
  while n > 1 do
    local merged, m = {}, 0
    for i = 1, n, ${JOIN_WIDTH} do
      local j = i + ${JOIN_WIDTH - 1}
      if j > n then j = n end
      m = m + 1
      merged[m] = format(sub(JOIN_FORMAT, 1, 2 * (j - i + 1)), unpack(parts, i, j))
    end
    parts, n = merged, m
  end
  return parts[1] or ""
end
local function esc(k)
  if type(k) ~= "string" then k = tostring(k) end
  if find(k, "[~/]") then k = (gsub((gsub(k, "~", "~0")), "/", "~1")) end
  return k
end
local function desc(x)
  local t = type(x)
  if x == null then return "null" end
  if t == "string" then
    if #x > 40 then return 'string "' .. sub(x, 1, 40) .. '..."' end
    return 'string "' .. x .. '"'
  end
  if t == "number" or t == "boolean" then return tostring(x) end
  if t == "table" then
    if x[1] ~= nil then return "array" end
    if next(x) == nil then return "empty array or object" end
    return "object"
  end
  return t
end
local function kind(x)
  if x == null then return "null" end
  local t = type(x)
  if t ~= "table" then return t end
  if x[1] ~= nil then return "array" end
  if next(x) == nil then return "empty" end
  return "object"
end
local function latin1(s)
  -- Code points of a bytes/fixed string, or -1 if one is above U+00FF (or the UTF-8 is broken).
  -- A byte loop the JIT compiles; long strings first ask find (C) whether any byte is >= 0x80.
  local n = #s
  local i = 1
  if n > 32 then
    i = find(s, "[\\128-\\255]")
    if not i then return n end
  end
  local count = n
  while i <= n do
    local b = byte(s, i)
    if b < 128 then
      i = i + 1
    elseif b == 194 or b == 195 then
      local c = byte(s, i + 1)
      if c == nil or c < 128 or c > 191 then return -1 end
      count = count - 1
      i = i + 2
    else
      return -1
    end
  end
  return count
end
local function unknown(t, known, record)
  for k in next, t do
    if known[k] == nil then
      local shown = esc(k)
      if #shown > 40 then shown = sub(shown, 1, 40) .. "..." end
      return fail('unknown field "' .. shown .. '"; record ' .. record .. " does not declare it", "/" .. esc(k))
    end
  end
  return fail("unknown field in record " .. record, "")
end`;
