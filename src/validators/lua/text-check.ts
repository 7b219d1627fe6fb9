/**
 * Lua defining `text_problem(raw)`: nil when the raw body may be JSON text as far as cjson cannot
 * tell, otherwise why it is not. cjson (every build) passes invalid UTF-8 and raw control
 * characters inside strings through, and Debian's 2.1.0 stops at a NUL byte and decodes only the
 * text before it (Kong's patched cjson refuses such a body). JSON text (RFC 8259) is UTF-8 and
 * holds no byte below 0x20 except tab, line feed and carriage return between tokens or raw in a
 * string (the last, cjson accepts and the reference refuses: the one difference left, in
 * docs/reference/json-dialects.md). A NUL anywhere gets the message Kong's cjson gives, so every
 * build answers alike; otherwise the first problem by offset is named. One plain byte loop that
 * LuaJIT compiles: a character-class `string.find` runs in the interpreter's pattern matcher and
 * cost ten times as much per byte. UTF-8 is read as the reference's TextDecoder reads it: no
 * overlong forms, no surrogates, nothing above U+10FFFF.
 */
export const TEXT_CHECK = `local function text_problem(s)
  if string.find(s, "\0", 1, true) then return "invalid json body" end
  local byte, i, n = string.byte, 1, #s
  while i <= n do
    local b = byte(s, i)
    if b >= 0x20 and b < 0x80 then
      i = i + 1
    elseif b < 0x20 then
      if b ~= 9 and b ~= 10 and b ~= 13 then
        return "control character " .. string.format("0x%02X", b) .. " at byte offset " .. (i - 1) .. "; JSON text holds none unescaped"
      end
      i = i + 1
    else
      local need, lo, hi = 0, 0x80, 0xBF
      if b >= 0xC2 and b <= 0xDF then need = 1
      elseif b == 0xE0 then need, lo = 2, 0xA0
      elseif b == 0xED then need, hi = 2, 0x9F
      elseif b >= 0xE1 and b <= 0xEF then need = 2
      elseif b == 0xF0 then need, lo = 3, 0x90
      elseif b == 0xF4 then need, hi = 3, 0x8F
      elseif b >= 0xF1 and b <= 0xF3 then need = 3 end
      local ok = need > 0
      for j = 1, need do
        local c = byte(s, i + j)
        if c == nil or c < lo or c > hi then ok = false break end
        lo, hi = 0x80, 0xBF
      end
      if not ok then
        return "invalid UTF-8 (byte " .. string.format("0x%02X", b) .. " at byte offset " .. (i - 1) .. "); JSON text must be UTF-8"
      end
      i = i + need + 1
    end
  end
  return nil
end`;
