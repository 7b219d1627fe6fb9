/**
 * Lua defining `text_problem(raw)`: nil when the raw body may be JSON text as far as cjson cannot
 * tell, otherwise why it is not. cjson (every build) passes invalid UTF-8 and raw control
 * characters inside strings through, and Debian's 2.1.0 stops at a NUL byte and decodes only the
 * text before it (Kong's patched cjson refuses such a body). JSON text (RFC 8259) is UTF-8 and
 * holds no byte below 0x20 except tab, line feed and carriage return between tokens or raw in a
 * string (the last, cjson accepts and the reference refuses: the one difference left, in
 * docs/reference/json-dialects.md). So: one `find` for a forbidden control byte, one for a byte
 * at or above 0x80, and only then a byte loop over the non-ASCII sequences (well-formed UTF-8:
 * no overlong forms, no surrogates, nothing above U+10FFFF), as the reference's TextDecoder reads
 * them. A NUL gets the message Kong's cjson gives, so every build answers alike.
 */
export const TEXT_CHECK = `local function text_problem(s)
  local at = string.find(s, "[%z\\1-\\8\\11\\12\\14-\\31]")
  if at then
    if string.byte(s, at) == 0 then return "invalid json body" end
    return "control character " .. string.format("0x%02X", string.byte(s, at)) .. " at byte offset " .. (at - 1) .. "; JSON text holds none unescaped"
  end
  local i = string.find(s, "[\\128-\\255]")
  while i do
    local b, need, lo, hi = string.byte(s, i), 0, 0x80, 0xBF
    if b >= 0xC2 and b <= 0xDF then need = 1
    elseif b == 0xE0 then need, lo = 2, 0xA0
    elseif b == 0xED then need, hi = 2, 0x9F
    elseif b >= 0xE1 and b <= 0xEF then need = 2
    elseif b == 0xF0 then need, lo = 3, 0x90
    elseif b == 0xF4 then need, hi = 3, 0x8F
    elseif b >= 0xF1 and b <= 0xF3 then need = 3 end
    local ok = need > 0
    for j = 1, need do
      local c = string.byte(s, i + j)
      if c == nil or c < lo or c > hi then ok = false break end
      lo, hi = 0x80, 0xBF
    end
    if not ok then
      return "invalid UTF-8 (byte " .. string.format("0x%02X", b) .. " at byte offset " .. (i - 1) .. "); JSON text must be UTF-8"
    end
    i = string.find(s, "[\\128-\\255]", i + need + 1)
  end
  return nil
end`;
