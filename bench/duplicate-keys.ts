/**
 * A duplicate-key detector over a raw JSON body, in plain LuaJIT with only what Kong's
 * `pre-function` sandbox offers (`string.byte/find/sub/char`, `tonumber`, `math.floor`): what
 * refusing `{"a":1,"a":2}` at the gateway would cost, measured against `cjson.decode` by
 * `npm run bench -- validators` (docs/reference/lua-chunk.md). Not product code: the decision it
 * informed was to keep lua-cjson's last-wins behaviour and document it.
 *
 * The chunk evaluates to `function(body) -> nil | key`: the first key (decoded, as lua-cjson
 * decodes it) that repeats in one object, in text order, or nil. It expects JSON that
 * `cjson.decode` accepted. One pass over the bytes: strings are skipped with a plain `find` for
 * their closing quote (C speed), and a string followed by `:` inside an object is a key. Keys are
 * remembered per depth with the id of the object they were seen in, so no table is created or
 * cleared per object, nor per body (creating them per body doubled the cost on small bodies).
 */
export const DUPLICATE_KEY_SCANNER_LUA = String.raw`
local byte, sub, find, char, floor = string.byte, string.sub, string.find, string.char, math.floor

local SIMPLE_ESCAPES = { [98] = "\b", [102] = "\f", [110] = "\n", [114] = "\r", [116] = "\t" }

local function utf8(cp)
  if cp < 0x80 then return char(cp) end
  if cp < 0x800 then return char(0xC0 + floor(cp / 64), 0x80 + cp % 64) end
  if cp < 0x10000 then
    return char(0xE0 + floor(cp / 4096), 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
  end
  return char(0xF0 + floor(cp / 262144), 0x80 + floor(cp / 4096) % 64, 0x80 + floor(cp / 64) % 64, 0x80 + cp % 64)
end

-- The bytes of the key between a and b (inclusive) with its escapes decoded, as lua-cjson does:
-- \uXXXX to UTF-8, a surrogate pair to one 4-byte sequence.
local function decode_key(s, a, b)
  local out, n, i = {}, 0, a
  while i <= b do
    if byte(s, i) == 92 then
      local e = byte(s, i + 1)
      n = n + 1
      if e == 117 then
        local cp = tonumber(sub(s, i + 2, i + 5), 16)
        i = i + 6
        if cp >= 0xD800 and cp <= 0xDBFF and byte(s, i) == 92 and byte(s, i + 1) == 117 then
          local low = tonumber(sub(s, i + 2, i + 5), 16)
          if low >= 0xDC00 and low <= 0xDFFF then
            cp = 0x10000 + (cp - 0xD800) * 0x400 + (low - 0xDC00)
            i = i + 6
          end
        end
        out[n] = utf8(cp)
      else
        out[n] = SIMPLE_ESCAPES[e] or char(e)
        i = i + 2
      end
    else
      local j = i
      while j <= b and byte(s, j) ~= 92 do j = j + 1 end
      n = n + 1
      out[n] = sub(s, i, j - 1)
      i = j
    end
  end
  local key = ""
  for k = 1, n do key = key .. out[k] end
  return key
end

-- Kept across calls, as a chunk's upvalues are across requests: ids only grow, so an entry
-- left by an earlier body never matches; the key tables are dropped every 1000 bodies.
local is_object = {} -- per depth: whether the open container is an object
local object_id = {} -- per depth: the id of the open object
local seen = {}      -- per depth: key -> id of the object it was last seen in
local ids, calls = 0, 0

return function(s)
  local depth = 0
  calls = calls + 1
  if calls > 1000 then seen, calls = {}, 0 end
  local i = 1
  local c = byte(s, 1)
  while c do
    if c == 34 then
      local a = i + 1
      local j = find(s, '"', a, true)
      -- A quote after an odd number of backslashes is escaped: look for the next one.
      while j and byte(s, j - 1) == 92 do
        local b = j - 1
        while byte(s, b - 1) == 92 do b = b - 1 end
        if (j - b) % 2 == 0 then break end
        j = find(s, '"', j + 1, true)
      end
      if not j then return nil end
      i = j + 1
      if is_object[depth] then
        local k = i
        local d = byte(s, k)
        while d == 32 or d == 10 or d == 13 or d == 9 do k = k + 1; d = byte(s, k) end
        if d == 58 then
          local escaped = false
          for p = a, j - 1 do if byte(s, p) == 92 then escaped = true; break end end
          local key = escaped and decode_key(s, a, j - 1) or sub(s, a, j - 1)
          local keys, id = seen[depth], object_id[depth]
          if keys[key] == id then return key end
          keys[key] = id
          i = k + 1
        end
      end
    elseif c == 123 then
      depth = depth + 1
      ids = ids + 1
      is_object[depth] = true
      object_id[depth] = ids
      if not seen[depth] then seen[depth] = {} end
      i = i + 1
    elseif c == 91 then
      depth = depth + 1
      is_object[depth] = false
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
end
`;
