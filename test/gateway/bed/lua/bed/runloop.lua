-- The bed's runloop: what Kong 3.9 does around the pre-function plugin for avro-kong's chunks.
-- Routes come from a JSON file (first path segment = route key); each holds the pre-function
-- config arrays of one route. Chunks load in Kong's sandbox environment, run like
-- pre-function runs them, and the log phase posts the serialized record to a collector the
-- way http-log does (one JSON object per request).

local cjson = require("cjson.safe")
local pdk = require("bed.pdk")

local M = {}

local routes = {}
local collector -- { host, port } or nil
local sandbox_globals

-- The environment Kong's sandbox gives untrusted code: copies of the allowed globals and
-- library functions, plus `kong` and `ngx`, with `_G` pointing at it.
local function sandbox_env()
  local env = {}
  for name, fields in pairs(sandbox_globals) do
    if fields == cjson.null then
      env[name] = _G[name]
    else
      local module = {}
      for _, field in ipairs(fields) do module[field] = _G[name][field] end
      env[name] = module
    end
  end
  env.kong = pdk.kong
  env.ngx = ngx
  env._G = env
  return env
end

-- pre-function's phase array: each source is loaded in its own sandbox; a chunk returning a
-- function is called for every request from then on (Kong calls the chunk itself once first).
local function compile_phase(sources, where)
  local compiled = {}
  for i, source in ipairs(sources or {}) do
    local chunk, err = loadstring(source, "=" .. where .. "[" .. i .. "]")
    if not chunk then error("cannot load " .. where .. "[" .. i .. "]: " .. err) end
    setfenv(chunk, sandbox_env())
    local first = true
    compiled[i] = function()
      if first then
        first = false
        local result = chunk()
        if type(result) == "function" then
          chunk = result
          chunk()
        end
        return
      end
      chunk()
    end
  end
  return function()
    for _, run in ipairs(compiled) do run() end
  end
end

function M.init(config_path)
  local file = assert(io.open(config_path, "rb"))
  local config = assert(cjson.decode(file:read("*a")))
  file:close()
  sandbox_globals = config.sandbox_globals
  collector = config.collector ~= cjson.null and config.collector or nil
  for key, route in pairs(config.routes) do
    routes[key] = {
      name = route.name,
      access = compile_phase(route.access, key .. ".access"),
      header_filter = compile_phase(route.header_filter, key .. ".header_filter"),
      log = compile_phase(route.log, key .. ".log"),
    }
  end
end

-- Runs a phase's chunks in a coroutine, as Kong runs access handlers: kong.response.exit
-- yields out of it. A Lua error is logged; in access it becomes Kong's delayed 500.
local function run_phase(fn, phase)
  local co = coroutine.create(fn)
  local ok, err = coroutine.resume(co)
  if not ok then
    ngx.log(ngx.ERR, "[kong] pre-function ", phase, " failed: ", tostring(err))
    return false
  end
  return true
end

local function send(response)
  ngx.status = response.status
  for name, value in pairs(response.headers) do ngx.header[name] = value end
  if response.body then ngx.print(response.body) end
  return ngx.exit(response.status)
end

local HOP_BY_HOP = {
  connection = true,
  ["keep-alive"] = true,
  ["proxy-connection"] = true,
  te = true,
  trailer = true,
  ["transfer-encoding"] = true,
  upgrade = true,
  ["content-length"] = true,
}

local METHODS = {
  GET = ngx.HTTP_GET,
  HEAD = ngx.HTTP_HEAD,
  PUT = ngx.HTTP_PUT,
  POST = ngx.HTTP_POST,
  DELETE = ngx.HTTP_DELETE,
  OPTIONS = ngx.HTTP_OPTIONS,
  PATCH = ngx.HTTP_PATCH,
}

-- Buffered proxying as Kong does it: the upstream request is a subrequest whose whole answer
-- is kept (status, headers, body), then sent to the client, running header_filter on it.
local function proxy_buffered(s)
  ngx.req.read_body()
  local res = ngx.location.capture("/kong_buffered_http", {
    method = METHODS[ngx.req.get_method()],
    always_forward_body = true,
    vars = { bed_upstream_uri = ngx.var.request_uri },
  })
  if res.truncated then
    s.errored = true
    return ngx.exit(502)
  end
  s.proxied = true
  s.buffered_status, s.buffered_headers, s.buffered_body = res.status, res.header, res.body
  ngx.status = res.status
  for name, value in pairs(res.header) do
    if not HOP_BY_HOP[name:lower()] then ngx.header[name] = value end
  end
  ngx.header["Content-Length"] = #res.body
  ngx.print(res.body)
  return ngx.exit(res.status)
end

function M.access()
  local key = ngx.var.uri:match("^/([^/]+)")
  local route = key and routes[key]
  if not route then return ngx.exit(404) end
  local s = pdk.state()
  s.route, s.route_name = route, route.name
  if not run_phase(route.access, "access") and not s.exit_response then
    s.exit_response = { status = 500, body = '{"message":"An unexpected error occurred"}',
      headers = { ["Content-Type"] = "application/json; charset=utf-8" } }
    s.exited = true
  end
  if s.exit_response then return send(s.exit_response) end
  if s.buffered_proxying then return proxy_buffered(s) end
  -- Unbuffered: nginx proxies the request (proxy_pass) once access returns.
end

function M.header_filter()
  local s = pdk.state()
  if not s.route then return end
  if not s.exited and not s.buffered_proxying and ngx.var.upstream_status then s.proxied = true end
  local already = s.exit_response
  run_phase(s.route.header_filter, "header_filter")
  local response = s.exit_response
  if response and response ~= already then
    -- exit() in header_filter: status and headers now, the body in place of the upstream's.
    ngx.status = response.status
    for name, value in pairs(response.headers) do ngx.header[name] = value end
    s.replacement_body = response.body or ""
  end
end

function M.body_filter()
  local s = pdk.state()
  if not s.replacement_body then return end
  if s.replacement_sent then
    ngx.arg[1] = nil
    return
  end
  ngx.arg[1] = s.replacement_body
  ngx.arg[2] = true
  s.replacement_sent = true
end

local function post_record(premature, host, port, body)
  if premature then return end
  local sock = ngx.socket.tcp()
  sock:settimeout(5000)
  local ok, err = sock:connect(host, port)
  if not ok then
    ngx.log(ngx.ERR, "[http-log] cannot reach the collector: ", err)
    return
  end
  local sent, send_err = sock:send("POST /log HTTP/1.1\r\nHost: " .. host
    .. "\r\nContent-Type: application/json\r\nContent-Length: " .. #body .. "\r\n\r\n" .. body)
  if not sent then
    ngx.log(ngx.ERR, "[http-log] cannot send the record: ", send_err)
    return sock:close()
  end
  -- Read the whole answer, then keep the connection for the next record, as http-log's
  -- keepalive (60 s by default) does: a connection per record would cost the gateway more.
  local line, receive_err = sock:receive("*l")
  if not line then
    ngx.log(ngx.ERR, "[http-log] no answer from the collector: ", receive_err)
    return sock:close()
  end
  local length, close = 0, false
  while line and line ~= "" do
    local lower = line:lower()
    length = tonumber(lower:match("^content%-length:%s*(%d+)")) or length
    close = close or lower:find("^connection:%s*close") ~= nil
    line = sock:receive("*l")
  end
  if length > 0 then sock:receive(length) end
  if close or not line then return sock:close() end
  sock:setkeepalive(60000, 64)
end

function M.log()
  local s = pdk.state()
  if not s.route then return end
  -- No coroutines in log_by_lua (and no exit() in Kong's log phase either): a plain pcall.
  local ran, err = pcall(s.route.log)
  if not ran then ngx.log(ngx.ERR, "[kong] pre-function log failed: ", tostring(err)) end
  if not collector then return end
  local ok, record = pcall(pdk.kong.log.serialize)
  if not ok then
    ngx.log(ngx.ERR, "[http-log] cannot serialize the log record: ", record)
    return
  end
  local body = cjson.encode(record)
  ngx.timer.at(0, post_record, collector.host, collector.port, body)
end

return M
