-- Runs avro-kong chunks the way Kong 3.9's pre-function plugin does, many cases per process.
--
-- Input (stdin), one JSON object per line:
--   {"op":"chunk","id":..,"source":..,"phase":"access"|"header_filter"|"log"|"check","globals":[..],"strict":bool}
--   {"op":"case","id":..,"chunk":..,"body":..|"bodyHex":..,"contentType":..,"status":..,
--    "source":..,"buffered":bool,"maxDepth":n,"bufferSize":n,"chunked":bool,"noMaxFileSize":bool}
--   or, for one body through several chunks, "chunks":[..] instead of "chunk" (the body is
--   sent and decoded once).
-- Output (stdout): one JSON object per case and chunk, in order.
--
-- The environment holds only the globals listed by the caller (Kong's sandbox allow list), plus
-- `kong` and `ngx` shims; with "strict", reading or writing any other global raises, and so
-- does touching a field the shims do not define.

local cjson = require("cjson")
local cjson_safe = require("cjson.safe")

local function strict_table(name, t)
  return setmetatable(t, {
    __index = function(_, k) error("sandbox: " .. name .. "." .. tostring(k) .. " does not exist", 2) end,
  })
end

-- Per-case state the shims read and write.
local S

local function log_args(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
  return table.concat(parts)
end

local function check_phase(allowed, what)
  if not allowed[S.phase] then
    error(what .. " cannot be called in " .. S.phase .. " phase", 3)
  end
end

local ACCESS = { access = true }
local HEADER = { header_filter = true }
local ACCESS_HEADER = { access = true, header_filter = true }
local HEADER_LOG = { header_filter = true, log = true }
local SERIALIZE = { access = true, header_filter = true, log = true }

-- Kong's cjson instance: cjson.safe.new(), arrays marked with array_mt when the build can.
-- One per depth limit, made once (as Kong makes its own once): making one costs more than
-- decoding a small body.
local decoders = {}
local function new_decoder(max_depth)
  max_depth = max_depth or 1000
  local c = decoders[max_depth]
  if c then return c end
  c = cjson_safe.new()
  if c.decode_array_with_array_mt then c.decode_array_with_array_mt(true) end
  c.decode_max_depth(max_depth)
  decoders[max_depth] = c
  return c
end

-- kong.request.get_raw_body(max_allowed_file_size) (Kong 3.9): a body larger than nginx's
-- client_body_buffer_size sits in a temp file, readable only with a non-negative limit.
local function raw_request_body(max_file)
  if #S.body <= S.buffer_size then return S.body end
  if S.no_max_file then max_file = nil end
  if max_file == nil or max_file < 0 then
    return nil, "request body did not fit into client body buffer, consider raising 'client_body_buffer_size'"
  end
  if max_file > 0 and #S.body > max_file then
    return nil, "request body file too big: " .. #S.body .. " > " .. max_file
  end
  return S.body
end

-- kong.request.get_body / kong.service.response.get_body for a raw body (Kong 3.9 logic).
local function decode_body(content_type, raw, max_depth, raw_reader)
  if not content_type then return nil, "missing content type" end
  local lower = content_type:lower()
  local semi = lower:find(";", 1, true)
  if semi then lower = lower:sub(1, semi - 1) end
  if lower:find("application/x-www-form-urlencoded", 1, true) == 1 then
    return {}, nil, "application/x-www-form-urlencoded"
  elseif lower:find("application/json", 1, true) == 1 then
    if raw_reader then
      local err
      raw, err = raw_reader()
      if not raw then return nil, err, "application/json" end
    end
    local json = new_decoder(max_depth).decode(raw)
    if type(json) ~= "table" then return nil, "invalid json body", "application/json" end
    return json, nil, "application/json"
  elseif lower:find("multipart/form-data", 1, true) == 1 then
    -- Kong decodes the parts (multipart.lua) and gives no error string; the parts do not matter here.
    return {}, nil, "multipart/form-data"
  end
  return nil, "unsupported content type '" .. content_type .. "'", lower
end

-- kong.log.set_serialize_value accepts nil, numbers, strings, booleans and tables of those.
local function check_serializable(v, depth)
  local t = type(v)
  if t == "nil" or t == "number" or t == "string" or t == "boolean" then return end
  if t ~= "table" or depth > 20 then error("value cannot be serialized: " .. t, 3) end
  for k, x in pairs(v) do
    local kt = type(k)
    if kt ~= "string" and kt ~= "number" and kt ~= "boolean" then error("key cannot be serialized", 3) end
    check_serializable(x, depth + 1)
  end
end

local kong_shim = strict_table("kong", {
  request = strict_table("kong.request", {
    get_body = function(mimetype, max_args, max_file)
      check_phase(ACCESS, "kong.request.get_body")
      S.decodes = S.decodes + 1
      if max_args ~= nil then error("avro-kong chunks pass no max_args", 2) end
      -- Kong's get_body looks the header up itself when given no media type.
      if mimetype == nil then S.content_type_lookups = S.content_type_lookups + 1 end
      return decode_body(mimetype or S.content_type, nil, S.max_depth, function() return raw_request_body(max_file) end)
    end,
    get_raw_body = function(max_file)
      check_phase(ACCESS, "kong.request.get_raw_body")
      return raw_request_body(max_file)
    end,
    get_header = function(name)
      if type(name) ~= "string" then error("header name must be a string", 2) end
      local lower = name:lower():gsub("_", "-")
      if lower == "content-type" then
        S.content_type_lookups = S.content_type_lookups + 1
        return S.content_type
      end
      if lower == "content-length" then return (not S.chunked) and tostring(#S.body) or nil end
      return nil
    end,
  }),
  response = strict_table("kong.response", {
    exit = function(status, body, headers)
      check_phase(ACCESS_HEADER, "kong.response.exit")
      if type(status) ~= "number" or status < 100 or status > 599 then error("code must be a number between 100 and 599", 2) end
      if body ~= nil and type(body) ~= "string" and type(body) ~= "table" then error("body must be a nil, string or table", 2) end
      if headers ~= nil and type(headers) ~= "table" then error("headers must be a nil or table", 2) end
      if type(body) == "table" then
        local encoded = cjson_safe.encode(body)
        if not encoded then error("body cannot be JSON-encoded", 2) end
      end
      S.exit = { status = status, body = body }
      -- Access handlers run in a coroutine and exit() yields; in header_filter, ngx.exit ends it.
      coroutine.yield()
    end,
    get_status = function()
      check_phase(HEADER_LOG, "kong.response.get_status")
      return S.status
    end,
    get_source = function()
      check_phase(HEADER_LOG, "kong.response.get_source")
      return S.source
    end,
  }),
  service = strict_table("kong.service", {
    request = strict_table("kong.service.request", {
      enable_buffering = function()
        check_phase(ACCESS, "kong.service.request.enable_buffering")
        S.buffering = true
      end,
    }),
    response = strict_table("kong.service.response", {
      get_body = function(mimetype)
        check_phase(HEADER, "kong.service.response.get_body")
        S.decodes = S.decodes + 1
        if not S.buffered then
          error("service body is only available with buffered proxying (see: kong.service.request.enable_buffering function)", 2)
        end
        return decode_body(mimetype or S.content_type, S.body, S.max_depth)
      end,
      get_header = function(name)
        check_phase(HEADER_LOG, "kong.service.response.get_header")
        if type(name) ~= "string" then error("header name must be a string", 2) end
        if name:lower():gsub("_", "-") == "content-type" then return S.content_type end
        return nil
      end,
      get_raw_body = function()
        check_phase(HEADER, "kong.service.response.get_raw_body")
        if not S.buffered then
          error("service body is only available with buffered proxying (see: kong.service.request.enable_buffering function)", 2)
        end
        return S.body
      end,
    }),
  }),
  log = strict_table("kong.log", {
    set_serialize_value = function(key, value, options)
      check_phase(SERIALIZE, "kong.log.set_serialize_value")
      if type(key) ~= "string" then error("key must be a string", 2) end
      if options ~= nil then error("avro-kong chunks pass no options", 2) end
      check_serializable(value, 0)
      S.serialize[key] = value
    end,
    err = function(...) S.logs[#S.logs + 1] = { level = "err", message = log_args(...) } end,
    warn = function(...) S.logs[#S.logs + 1] = { level = "warn", message = log_args(...) } end,
    notice = function(...) S.logs[#S.logs + 1] = { level = "notice", message = log_args(...) } end,
  }),
})

local ngx_shim = strict_table("ngx", { null = cjson.null })

local function build_env(globals, strict)
  local env = {}
  for _, name in ipairs(globals) do
    local module, field = name:match("^([^.]+)%.([^.]+)$")
    if module then
      env[module] = env[module] or {}
      env[module][field] = _G[module][field]
    else
      env[name] = _G[name]
    end
  end
  -- Counts the chunk's text checks: text_problem starts with a plain find of the NUL byte.
  if env.string and env.string.find then
    local find = env.string.find
    env.string.find = function(s, pattern, init, plain)
      if pattern == "\0" and plain and S then S.text_checks = S.text_checks + 1 end
      return find(s, pattern, init, plain)
    end
  end
  for _, module in ipairs({ "coroutine", "math", "os", "string", "table" }) do
    if env[module] then
      env[module] = strict and strict_table(module, env[module]) or env[module]
    end
  end
  env.kong = kong_shim
  env.ngx = ngx_shim
  env._G = env
  if strict then
    setmetatable(env, {
      __index = function(_, k) error("sandbox: global '" .. tostring(k) .. "' is not available", 2) end,
      __newindex = function(_, k) error("sandbox: the chunk assigns global '" .. tostring(k) .. "'", 2) end,
    })
  end
  return env
end

local function from_hex(hex)
  return (hex:gsub("..", function(h) return string.char(tonumber(h, 16)) end))
end

local chunks = {}

local function load_chunk(spec)
  local f, err = loadstring(spec.source, "=chunk")
  if not f then return { load_error = err } end
  setfenv(f, build_env(spec.globals, spec.strict))
  local ok, fn = pcall(f)
  if not ok then return { load_error = tostring(fn) } end
  if type(fn) ~= "function" then return { load_error = "the chunk returned " .. type(fn) .. ", not a function" } end
  return { fn = fn, phase = spec.phase }
end

local function run_case(spec, chunk, body)
  local result = { id = spec.id }
  if chunk.load_error then
    result.error = "load: " .. chunk.load_error
    return result
  end
  if chunk.phase == "scan" then
    local ok, certain = pcall(chunk.fn, body)
    if not ok then result.error = tostring(certain) return result end
    result.scan = certain
    return result
  end
  if chunk.phase == "check" then
    local value = new_decoder(spec.maxDepth).decode(body)
    if value == nil then
      result.error = "decode: body is not JSON"
      return result
    end
    local ok, valid, message, path = pcall(chunk.fn, value)
    if not ok then result.error = tostring(valid) return result end
    result.check = { ok = valid, message = message, path = path }
    return result
  end
  S = {
    phase = chunk.phase,
    body = body,
    content_type = spec.contentType ~= cjson.null and spec.contentType or nil,
    status = spec.status or 200,
    source = spec.source or "service",
    buffered = spec.buffered,
    max_depth = spec.maxDepth,
    buffer_size = spec.bufferSize or 8192,
    chunked = spec.chunked,
    no_max_file = spec.noMaxFileSize,
    serialize = {},
    logs = {},
    buffering = false,
    content_type_lookups = 0,
    text_checks = 0,
    decodes = 0,
  }
  local co = coroutine.create(chunk.fn)
  local ok, err = coroutine.resume(co)
  if not ok then result.error = tostring(err) end
  result.exit = S.exit
  result.serialize = S.serialize
  result.logs = S.logs
  result.buffering = S.buffering
  result.contentTypeLookups = S.content_type_lookups
  result.textChecks = S.text_checks
  result.decodes = S.decodes
  return result
end

cjson.encode_invalid_numbers(true)
for line in io.stdin:lines() do
  local msg = cjson.decode(line)
  if msg.op == "chunk" then
    chunks[msg.id] = load_chunk(msg)
  else
    local body = msg.bodyHex and from_hex(msg.bodyHex) or msg.body
    for _, id in ipairs(msg.chunks or { msg.chunk }) do
      io.stdout:write(cjson.encode(run_case(msg, chunks[id], body)), "\n")
    end
  end
end
