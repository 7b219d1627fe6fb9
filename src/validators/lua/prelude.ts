import { MAX_NESTING_DEPTH } from "../ranges";

/** Helpers every chunk defines once; names match what the generated code calls. */
export const PRELUDE = `local type, next, tostring, floor, find, gsub, sub, byte = type, next, tostring, math.floor, string.find, string.gsub, string.sub, string.byte
local null = ngx.null
local E_MSG, E_PATH = nil, ""
local MAX_DEPTH = ${MAX_NESTING_DEPTH}
local function fail(msg, path) E_MSG = msg; E_PATH = path; return false end
local function up(prefix) E_PATH = prefix .. E_PATH; return false end
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
