-- The part of Kong 3.9's PDK that avro-kong's chunks use, over ngx_lua, for the gateway test
-- bed. Written from Kong's documented behaviour (PDK reference and the PDK notes shipped in
-- src/catalog/schema); every known difference from Kong is listed in the README.
--
-- Request state lives in ngx.ctx, as in Kong: ngx.ctx.bed holds what Kong keeps in its own
-- ctx (buffered proxying, the delayed response, serialize values, where the response came from).

local cjson = require("cjson.safe")

local M = {}

-- Kong's decoder: cjson.safe.new(), arrays marked with array_mt where the build can.
local decoder = cjson.new()
if decoder.decode_array_with_array_mt then decoder.decode_array_with_array_mt(true) end

local encoder = cjson.new()

local function state()
  local ctx = ngx.ctx
  local s = ctx.bed
  if not s then
    s = { serialize_values = {} }
    ctx.bed = s
  end
  return s
end
M.state = state

-- Phase checks: outside its phases a PDK function raises, with Kong's wording.
local function phases(...)
  local set, list = {}, {}
  for i = 1, select("#", ...) do
    local name = select(i, ...)
    set[name] = true
    list[#list + 1] = name
  end
  set[0] = table.concat(list, ", ")
  return set
end

local function check_phase(allowed)
  local phase = ngx.get_phase()
  if not allowed[phase] then
    error("function cannot be called in " .. phase .. " phase (only in: " .. allowed[0] .. ")", 3)
  end
end

-- ngx.get_phase() names. Kong's "response", "error", "balancer" and "admin_api" phases do not
-- occur in the bed, but the messages list them as Kong's do.
local REQUEST = phases("rewrite", "access", "header_filter", "body_filter", "log")
local BEFORE_CONTENT = phases("rewrite", "access", "response", "error", "admin_api")
local EXIT = phases("rewrite", "access", "header_filter")
local AFTER_HEADERS = phases("header_filter", "body_filter", "log")
local BUFFERING = phases("rewrite", "access", "balancer")
local SERIALIZE_SET = phases("rewrite", "access", "header_filter", "body_filter", "log")
local LOG = phases("log")

-- How kong.log.serialize names get_source()'s answer (Kong's constants.RESPONSE_SOURCE.NAMES).
local SOURCE_NAMES = { error = "kong", exit = "kong", service = "upstream" }

local CONTENT_TYPE_FORM = "application/x-www-form-urlencoded"
local CONTENT_TYPE_JSON = "application/json"
local CONTENT_TYPE_MULTIPART = "multipart/form-data"
local MAX_POST_ARGS_DEFAULT = 100

-- The part of a Content-Type before ';', lowercased, as Kong compares it.
local function media_of(content_type)
  local lower = content_type:lower()
  local semi = lower:find(";", 1, true)
  return semi and lower:sub(1, semi - 1) or lower
end

local function starts_with(s, prefix)
  return s:find(prefix, 1, true) == 1
end

-- The body decoders kong.request.get_body and kong.service.response.get_body share: the
-- media type picks the decoder by prefix; read_raw gives the bytes or nil, err.
local function decode_body(content_type, read_raw, max_args, decode_form)
  if not content_type then return nil, "missing content type" end
  local media = media_of(content_type)
  if starts_with(media, CONTENT_TYPE_FORM) then
    if max_args ~= nil then
      if type(max_args) ~= "number" then error("max_args must be a number", 3) end
      if max_args < 1 then error("max_args must be >= 1", 3) end
      if max_args > 1000 then error("max_args must be <= 1000", 3) end
    end
    local args, err = decode_form(max_args or MAX_POST_ARGS_DEFAULT)
    if not args then return nil, err, CONTENT_TYPE_FORM end
    return args, nil, CONTENT_TYPE_FORM
  elseif starts_with(media, CONTENT_TYPE_JSON) then
    local raw, err = read_raw()
    if not raw then return nil, err, CONTENT_TYPE_JSON end
    local json = decoder.decode(raw)
    if type(json) ~= "table" then return nil, "invalid json body", CONTENT_TYPE_JSON end
    return json, nil, CONTENT_TYPE_JSON
  elseif starts_with(media, CONTENT_TYPE_MULTIPART) then
    -- Kong decodes multipart with its own library; the bed does not (README).
    return nil, "unable to decode multipart body", CONTENT_TYPE_MULTIPART
  end
  return nil, "unsupported content type '" .. content_type .. "'", media
end

local function header_var(name)
  return "http_" .. name:gsub("-", "_"):lower()
end

-- kong.request ----------------------------------------------------------------------------

local request = {}

local str_replace_char = require("resty.core.utils").str_replace_char

-- As Kong 3.9 looks a header up (kong.tools.http): nginx's $http_* variable, whose lookup folds
-- case itself, with dashes made underscores by resty.core's C helper; a value holding ", " may be
-- several headers joined (newer nginx joins them), so then the first one is taken from the table
-- of all headers.
function request.get_header(name)
  check_phase(REQUEST)
  if type(name) ~= "string" then error("header name must be a string", 2) end
  local value = ngx.var["http_" .. str_replace_char(name, "-", "_")]
  if not value or not value:find(", ", 1, true) then return value end
  value = ngx.req.get_headers()[name]
  if type(value) == "table" then return value[1] end
  return value
end

-- Reads a temp-file body in 1 MiB pieces. Kong yields between pieces; Debian's nginx lacks
-- the patch that makes ngx.sleep(0) cheap, so the bed does not (README).
local function read_body_file(path, max_file)
  local file, open_err = io.open(path, "rb")
  if not file then
    return nil, "failed to open cached request body '" .. path .. "': " .. tostring(open_err)
  end
  local size = file:seek("end")
  if max_file > 0 and size > max_file then
    file:close()
    return nil, "request body file too big: " .. size .. " > " .. max_file
  end
  file:seek("set", 0)
  local parts = {}
  while true do
    local piece, read_err = file:read(1048576)
    if read_err then
      file:close()
      return nil, "failed to read cached request body '" .. path .. "': " .. read_err
    end
    if not piece then break end
    parts[#parts + 1] = piece
  end
  file:close()
  return table.concat(parts)
end

function request.get_raw_body(max_allowed_file_size)
  check_phase(BEFORE_CONTENT)
  ngx.req.read_body()
  local body = ngx.req.get_body_data()
  if body then return body end
  local path = ngx.req.get_body_file()
  if not path then return "" end
  if max_allowed_file_size == nil or max_allowed_file_size < 0 then
    return nil, "request body did not fit into client body buffer, consider raising 'client_body_buffer_size'"
  end
  return read_body_file(path, max_allowed_file_size)
end

function request.get_body(mimetype, max_args, max_allowed_file_size)
  check_phase(BEFORE_CONTENT)
  return decode_body(
    mimetype or request.get_header("Content-Type"),
    function() return request.get_raw_body(max_allowed_file_size) end,
    max_args,
    function(limit)
      ngx.req.read_body()
      return ngx.req.get_post_args(limit)
    end
  )
end

-- kong.response ---------------------------------------------------------------------------

local response = {}

local function encode_exit(status, body, headers)
  local out_headers = {}
  if headers then
    for name, value in pairs(headers) do out_headers[name] = value end
  end
  if type(body) == "table" then
    local json, err = encoder.encode(body)
    if not json then error("body encoding failed while flushing response: " .. tostring(err), 3) end
    body = json
    local has_type = false
    for name in pairs(out_headers) do
      if name:lower() == "content-type" then has_type = true end
    end
    if not has_type then out_headers["Content-Type"] = "application/json; charset=utf-8" end
  end
  out_headers["Content-Length"] = body and #body or 0
  return { status = status, body = body, headers = out_headers }
end

function response.exit(status, body, headers)
  check_phase(EXIT)
  if type(status) ~= "number" then error("code must be a number", 2) end
  if status < 100 or status > 599 then error("code must be a number between 100 and 599", 2) end
  if body ~= nil and type(body) ~= "string" and type(body) ~= "table" then
    error("body must be a nil, string or table", 2)
  end
  if headers ~= nil and type(headers) ~= "table" then error("headers must be a nil or table", 2) end
  if ngx.headers_sent then error("headers have already been sent", 2) end
  local s = state()
  s.exited = true
  s.exit_response = encode_exit(status, body, headers)
  -- The bed runs each phase's chunks in a coroutine, as Kong runs access handlers: yielding
  -- ends the chunk here, and the runloop sends the response.
  coroutine.yield()
end

function response.get_status()
  check_phase(AFTER_HEADERS)
  return ngx.status
end

-- "exit" for kong.response.exit, "service" when the upstream answered, "error" otherwise.
function response.get_source()
  check_phase(AFTER_HEADERS)
  local s = state()
  if s.errored then return "error" end
  if s.exited then return "exit" end
  if s.proxied then return "service" end
  return "error"
end

-- kong.service ----------------------------------------------------------------------------

local service_request = {}

function service_request.enable_buffering()
  check_phase(BUFFERING)
  state().buffered_proxying = true
end

local service_response = {}

local function require_buffered()
  if not state().buffered_proxying then
    error("service body is only available with buffered proxying (see: kong.service.request.enable_buffering function)", 3)
  end
end

function service_response.get_header(name)
  check_phase(AFTER_HEADERS)
  if type(name) ~= "string" then error("name must be a string", 2) end
  local headers = state().buffered_headers
  if headers then
    local value = headers[name]
    if value == nil then
      local wanted = name:lower():gsub("_", "-")
      for key, v in pairs(headers) do
        if key:lower() == wanted then value = v break end
      end
    end
    if type(value) == "table" then return value[1] end
    return value
  end
  return ngx.var["upstream_" .. header_var(name)]
end

function service_response.get_raw_body()
  check_phase(AFTER_HEADERS)
  require_buffered()
  return state().buffered_body or ""
end

function service_response.get_body(mimetype, max_args)
  check_phase(AFTER_HEADERS)
  require_buffered()
  return decode_body(
    mimetype or service_response.get_header("Content-Type"),
    function() return state().buffered_body or "" end,
    max_args,
    function(limit) return ngx.decode_args(state().buffered_body or "", limit) end
  )
end

-- kong.log --------------------------------------------------------------------------------

local log = {}

local function logger(level)
  return function(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
    ngx.log(level, "[kong] pre-function ", table.concat(parts))
  end
end

log.err = logger(ngx.ERR)
log.warn = logger(ngx.WARN)
log.notice = logger(ngx.NOTICE)
log.info = logger(ngx.INFO)
log.debug = logger(ngx.DEBUG)

local MODES = { set = true, add = true, replace = true }

function log.set_serialize_value(key, value, options)
  check_phase(SERIALIZE_SET)
  if type(key) ~= "string" then error("key must be a string", 2) end
  local mode = options and options.mode or "set"
  if not MODES[mode] then error("mode must be 'set', 'add' or 'replace'", 2) end
  local edits = state().serialize_values
  edits[#edits + 1] = { key = key, value = value, mode = mode }
end

-- Values Kong's serializer accepts: nil, numbers, strings, booleans, and tables of those
-- without cycles, checked when the record is built.
local function check_value(value, seen)
  local kind = type(value)
  if kind == "nil" or kind == "number" or kind == "string" or kind == "boolean" then return end
  if kind ~= "table" then error("invalid type for serialize value: " .. kind, 3) end
  if seen[value] then error("serialize value contains a cycle", 3) end
  seen[value] = true
  for k, v in pairs(value) do
    local key_kind = type(k)
    if key_kind ~= "string" and key_kind ~= "number" and key_kind ~= "boolean" then
      error("invalid key type for serialize value: " .. key_kind, 3)
    end
    check_value(v, seen)
  end
  seen[value] = nil
end

local function apply_edit(record, edit)
  check_value(edit.value, {})
  local node = record
  local keys = {}
  for part in edit.key:gmatch("[^.]+") do keys[#keys + 1] = part end
  for i = 1, #keys - 1 do
    local next_node = node[keys[i]]
    if next_node == nil then
      if edit.mode == "replace" then return end
      next_node = {}
      node[keys[i]] = next_node
    elseif type(next_node) ~= "table" then
      error("The key '" .. edit.key .. "' could not be used as a serialize value", 3)
    end
    node = next_node
  end
  local last = keys[#keys]
  if edit.mode == "add" and node[last] ~= nil then return end
  if edit.mode == "replace" and node[last] == nil then return end
  node[last] = edit.value
end

local REDACTED = { authorization = true, ["proxy-authorization"] = true }

-- The basic log record (a subset of Kong's, README), with the serialize values applied.
function log.serialize()
  check_phase(LOG)
  local s = state()
  local headers = ngx.req.get_headers(100)
  for name in pairs(REDACTED) do
    if headers[name] then headers[name] = "REDACTED" end
  end
  local record = {
    request = {
      method = ngx.req.get_method(),
      uri = ngx.var.request_uri,
      url = ngx.var.scheme .. "://" .. ngx.var.host .. ":" .. ngx.var.server_port .. ngx.var.request_uri,
      size = tonumber(ngx.var.request_length),
      headers = headers,
    },
    upstream_uri = ngx.var.request_uri,
    response = {
      status = ngx.status,
      size = tonumber(ngx.var.bytes_sent),
      headers = ngx.resp.get_headers(100),
    },
    route = { name = s.route_name },
    client_ip = ngx.var.remote_addr,
    started_at = math.floor(ngx.req.start_time() * 1000),
    source = SOURCE_NAMES[response.get_source()],
  }
  for _, edit in ipairs(s.serialize_values) do apply_edit(record, edit) end
  return record
end

M.kong = {
  request = request,
  response = response,
  service = { request = service_request, response = service_response },
  log = log,
}

return M
