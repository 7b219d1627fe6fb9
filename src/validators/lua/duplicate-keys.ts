import { DUPLICATE_KEY_MESSAGE } from "../shared-rules";
import { luaString } from "./luaText";

/**
 * Lua defining `repeated_key(raw)`: nil, or the JSON Pointer of the first member whose key
 * repeats one of its object's earlier keys (in text order, at the later occurrence), for a body
 * that cjson decoded and `text_problem` passed. cjson keeps the last of repeated keys and says
 * nothing, so the decode-and-validate path reads the raw text for them; the scanner
 * (scanner.ts) is never certain of an object with a repeated key, so such a body always comes
 * here. `DUPLICATE_KEY` holds the message the reference writes too (docs/reference/json-dialects.md).
 *
 * One pass, linear in the body: strings are skipped by a plain `find` for the closing quote;
 * a string followed by `:` inside an object is a key, remembered per depth with the id of its
 * object, so no table is made per object. The sets live across requests (ids only grow, so an
 * entry of an earlier body never matches) and are dropped when they have taken many keys.
 * Escaped keys are decoded as cjson decodes them (`\uXXXX` and surrogate pairs to UTF-8) by one
 * `gsub`. Only when a key repeats does a second pass (`dk_path`) write the pointer.
 */
export const DUPLICATE_KEY_CHECK = String.raw`local DUPLICATE_KEY = ${luaString(DUPLICATE_KEY_MESSAGE)}
local DK_ESCAPES = { ["b"] = "\b", ["f"] = "\f", ["n"] = "\n", ["r"] = "\r", ["t"] = "\t" }
local function dk_utf8(cp)
  local char, floor = string.char, math.floor
  if cp < 0x80 then return char(cp) end
  if cp < 0x800 then return char(0xC0 + floor(cp / 64), 0x80 + cp % 64) end
  if cp < 0x10000 then return char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64) end
  return char(0xF0 + floor(cp / 262144), 0x80 + floor(cp / 4096) % 64, 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
end
-- An escaped key decoded as cjson decodes it. Apart from dk_key: a function whose locals a
-- closure captures ends in UCLO, which LuaJIT 2.1 does not compile, and would abort every trace
-- through the byte loop below (measured: three times slower).
local function dk_unescape(k)
  local high
  -- Each match: one escape and the run of plain bytes after it (a pair's halves are adjacent).
  return (string.gsub(k, "\\(.)([^\\]*)", function(e, rest)
    if e == "u" then
      local cp = tonumber(string.sub(rest, 1, 4), 16)
      rest = string.sub(rest, 5)
      if cp >= 0xD800 and cp <= 0xDBFF then
        high = cp
        return rest
      end
      if cp >= 0xDC00 and cp <= 0xDFFF and high then
        cp = 0x10000 + (high - 0xD800) * 0x400 + (cp - 0xDC00)
      end
      high = nil
      return dk_utf8(cp) .. rest
    end
    high = nil
    return (DK_ESCAPES[e] or e) .. rest
  end))
end
-- The key between bytes a and b (the quotes excluded), decoded as cjson decodes it.
local function dk_key(s, a, b)
  local k = string.sub(s, a, b)
  if not string.find(k, "\\", 1, true) then return k end
  return dk_unescape(k)
end
-- The closing quote of the string opening at i: the next quote after an even run of backslashes.
local function dk_close(s, i)
  local byte, find = string.byte, string.find
  local j = find(s, '"', i + 1, true)
  while j and byte(s, j - 1) == 92 do
    local b = j - 1
    while byte(s, b - 1) == 92 do b = b - 1 end
    if (j - b) % 2 == 0 then break end
    j = find(s, '"', j + 1, true)
  end
  return j
end
-- The JSON Pointer of the member whose key opens at p: a walk from the start (once per body).
local function dk_path(s, p)
  local byte = string.byte
  local objects, tokens, d, i = {}, {}, 0, 1
  while i <= p do
    local c = byte(s, i)
    if c == 34 then
      local j = dk_close(s, i)
      if objects[d] then
        local k = j + 1
        local e = byte(s, k)
        while e == 32 or e == 10 or e == 13 or e == 9 do k = k + 1; e = byte(s, k) end
        if e == 58 then tokens[d] = "/" .. esc(dk_key(s, i + 1, j - 1)) end
      end
      i = j + 1
    else
      if c == 123 or c == 91 then
        d = d + 1
        objects[d] = c == 123
        tokens[d] = c == 91 and 0 or ""
      elseif c == 125 or c == 93 then
        d = d - 1
      elseif c == 44 and not objects[d] and d > 0 then
        tokens[d] = tokens[d] + 1
      end
      i = i + 1
    end
  end
  for k = 1, d do
    if not objects[k] then tokens[k] = "/" .. tokens[k] end
  end
  -- Joined pairwise: a deep path of long keys costs its length times log(depth), not depth².
  local n = d
  while n > 1 do
    local m = 0
    for k = 1, n, 2 do
      m = m + 1
      tokens[m] = k < n and tokens[k] .. tokens[k + 1] or tokens[k]
    end
    n = m
  end
  return n == 1 and tokens[1] or ""
end
local dk_objects, dk_ids, dk_seen, dk_stored, dk_id = {}, {}, {}, 0, 0
local function repeated_key(s)
  local byte, find = string.byte, string.find
  if dk_stored > 4096 then dk_seen, dk_stored = {}, 0 end
  local depth, i = 0, 1
  local c = byte(s, 1)
  while c do
    if c == 34 then
      local a = i
      local j = dk_close(s, a)
      if not j then return nil end
      i = j + 1
      if dk_objects[depth] then
        local k = i
        local e = byte(s, k)
        while e == 32 or e == 10 or e == 13 or e == 9 do k = k + 1; e = byte(s, k) end
        if e == 58 then
          local key = dk_key(s, a + 1, j - 1)
          local keys, id = dk_seen[depth], dk_ids[depth]
          if keys[key] == id then return dk_path(s, a) end
          keys[key] = id
          dk_stored = dk_stored + 1
          i = k + 1
        end
      end
    elseif c == 123 then
      depth = depth + 1
      dk_id = dk_id + 1
      dk_objects[depth] = true
      dk_ids[depth] = dk_id
      if not dk_seen[depth] then dk_seen[depth] = {} end
      i = i + 1
    elseif c == 91 then
      depth = depth + 1
      dk_objects[depth] = false
      i = i + 1
    elseif c == 125 or c == 93 then
      depth = depth - 1
      i = i + 1
    else
      i = i + 1
    end
    c = byte(s, i)
  end
  return nil
end`;
