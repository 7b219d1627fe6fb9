import type { AvroSchema } from "../../avro";
import type { ValidationOptions } from "../options";
import { resolveOptions } from "../options";
import { binaryRequestCode } from "../binary/chunk";
import { generateCheck } from "./codegen";
import { generateScanner, type ScannerForm } from "./scanner";
import { formatChunkHeader } from "./header";
import { luaScalar, luaString } from "./luaText";
import { checkMaxBodyBytes, DEFAULT_MAX_BODY_BYTES } from "./options";
import { TEXT_CHECK } from "./text-check";
import { DUPLICATE_KEY_CHECK } from "./duplicate-keys";
import type { LuaCompileOptions, LuaResponseCompileOptions } from "./options";

/** Key under which the chunks record their outcome for log plugins (`kong.log.serialize()`). */
export const SERIALIZE_KEY_REQUEST = "avro_validation.request";
export const SERIALIZE_KEY_RESPONSE = "avro_validation.response";

function requestHeader(options: LuaCompileOptions): string {
  const { dialect, allowUnknownFields } = resolveOptions(options);
  return formatChunkHeader({
    checks: "request",
    subject: options.subject,
    version: options.version,
    fingerprint: options.fingerprint,
    dialect,
    allowUnknownFields,
    mode: "enforce",
    maxBodyBytes: options.maxBodyBytes,
    encodings: options.encodings,
    bufferResponse: options.bufferResponse,
  });
}

function responseHeader(options: LuaResponseCompileOptions): string {
  const { dialect, allowUnknownFields } = resolveOptions(options);
  return formatChunkHeader({
    checks: "response",
    subject: options.subject,
    version: options.version,
    fingerprint: options.fingerprint,
    dialect,
    allowUnknownFields,
    mode: options.mode === "enforce" ? "enforce" : "report",
  });
}

function identity(options: LuaCompileOptions | LuaResponseCompileOptions): string {
  return `local SUBJECT, VERSION, FINGERPRINT = ${luaString(options.subject)}, ${luaScalar(options.version)}, ${luaString(options.fingerprint)}`;
}

function maxBodyBytes(options: LuaCompileOptions): string {
  const value = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  checkMaxBodyBytes(value, `the ${options.subject} validator`);
  return String(value);
}

/**
 * A chunk for the `access` phase of Kong's `pre-function` plugin (contract in
 * docs/reference/lua-chunk.md). It returns the per-request function, so the checking functions
 * and their lookup tables are built once when Kong loads the chunk.
 */
export function compileLuaValidator(schema: AvroSchema, options: LuaCompileOptions): string {
  return compileRequestChunk(schema, options, true);
}

/**
 * The request chunk, with or without the raw-body scanner (scanner.ts) in front of the
 * decode-and-validate path. Without it is what the tests compare the scanner against.
 */
export function compileRequestChunk(
  schema: AvroSchema,
  options: LuaCompileOptions,
  withScanner: boolean,
): string {
  const resolved = resolveOptions(options);
  const { source, rootName } = generateCheck(schema, resolved);
  const scanner = withScanner ? generateScanner(schema, resolved).source + "\n" : "";
  const buffering = options.bufferResponse ? "\n  kong.service.request.enable_buffering()" : "";
  const binary = binaryRequestCode({
    encodings: options.encodings,
    writers: options.writers ?? [{ fingerprint: options.fingerprint, schema }],
    bufferResponse: options.bufferResponse ?? false,
  });
  return `${requestHeader(options)}
${source}
${identity(options)}
local MAX_BODY = ${maxBodyBytes(options)}
local function note(outcome, message, path)
  kong.log.set_serialize_value(${luaString(SERIALIZE_KEY_REQUEST)}, {
    outcome = outcome, schema = SUBJECT, version = VERSION, fingerprint = FINGERPRINT,
    message = message, path = path,
  })
end
local function reject(status, message, path)
  note("invalid", message, path)
  return kong.response.exit(status, {
    message = message, path = path, schema = SUBJECT, version = VERSION, fingerprint = FINGERPRINT,
  })
end
local function too_large(err)
  if err and string.find(err, "did not fit", 1, true) then
    -- A Kong older than 3.9 ignores get_body's third argument and gives up on buffered bodies.
    return reject(413, "the request body is larger than the gateway's client_body_buffer_size and this Kong cannot read it from disk", "")
  end
  return reject(413, "the request body is larger than this route's limit of " .. MAX_BODY .. " bytes", "")
end${binary.source && "\n" + binary.source}
-- get_body decodes as JSON what starts with application/json. A structured-syntax "+json" type
-- (application/vnd.shop.order+json) is a whole JSON document too and is decoded as one; the
-- patch formats describe changes, not the document, and cannot be checked against its schema.
local PATCHES = { ["application/merge-patch+json"] = true, ["application/json-patch+json"] = true }
-- The Content-Types clients send most, whose media type is application/json without parsing
-- (string.match is a function LuaJIT's compiler leaves to the interpreter).
local PLAIN_JSON = {
  ["application/json"] = true, ["application/json; charset=utf-8"] = true,
  ["application/json;charset=utf-8"] = true, ["application/json; charset=UTF-8"] = true,
}
${TEXT_CHECK}
${DUPLICATE_KEY_CHECK}
${scanner}return function()
  -- Refuse an announced oversize body before nginx reads it from the client.
  local declared = tonumber(kong.request.get_header("Content-Length"))
  if declared and declared > MAX_BODY then return too_large() end
  local encoding = kong.request.get_header("Content-Encoding")
  if encoding and string.lower(encoding) ~= "identity" then
    return reject(415, "the request body is compressed (Content-Encoding: " .. encoding .. "); send it uncompressed", "")
  end
  -- One Content-Type lookup, handed to get_body (which would otherwise look it up again).
  local content_type = kong.request.get_header("Content-Type")
  local plain_json = PLAIN_JSON[content_type]
  local media = plain_json and "application/json" or content_type and string.lower(string.match(content_type, "^%s*([^;%s]+)") or "")
  if PATCHES[media] then
    return reject(415, "a patch (" .. media .. ") describes changes, not a whole document, and cannot be validated against " .. SUBJECT, "")
  end${binary.dispatch && "\n" + binary.dispatch}
  -- get_body decodes application/json with cjson; it returns nil for invalid JSON or a
  -- top-level scalar, and names the media type it used as its third value. Its third
  -- argument lets it read a body that nginx buffered to a temp file (larger than
  -- client_body_buffer_size) up to MAX_BODY bytes.
  local as_json = not plain_json and media and string.sub(media, 1, 12) == "application/" and string.sub(media, -5) == "+json"
  -- The raw body, once read.
  local raw${
    withScanner
      ? `
  -- The fast path: a body the scanner is certain of is valid, and nothing is decoded (the
  -- scanner proves each byte it accepts is JSON text). Every other body (and every answer but
  -- "valid") goes the decode-and-validate way below.
  if plain_json or as_json or (content_type and string.find(string.lower(content_type), "application/json", 1, true) == 1) then
    raw = kong.request.get_raw_body(MAX_BODY)
    if raw then
      local scanned, certain = pcall(scan_body, raw)
      if scanned and certain == true then
        note("valid")${buffering}
        return
      end
    end
  end`
      : ""
  }
  local read, body, err, mime = pcall(kong.request.get_body, as_json and "application/json" or content_type, nil, MAX_BODY)
  if not read then
    kong.log.err("avro-kong: could not read the request body: ", tostring(body))
    return reject(400, "the request body could not be read", "")
  end
  if mime ~= "application/json" then
    -- get_body decodes form and multipart bodies without an error string: name what came.
    local found = err or (content_type and "found Content-Type: " .. content_type) or "missing content type"
    return reject(415, "expected a JSON request body (Content-Type: application/json): " .. tostring(found), "")
  end
  if type(body) ~= "table" then
    if type(err) == "string" and (string.find(err, "too big", 1, true) or string.find(err, "did not fit", 1, true)) then
      return too_large(err)
    end
    return reject(400, "the request body is not a JSON object or array: " .. tostring(err), "")
  end
  -- What cjson lets through; get_body has read the body, so this read is its cached copy.
  raw = raw or kong.request.get_raw_body(MAX_BODY) or ""
  local problem = text_problem(raw)
  if problem == "invalid json body" then
    return reject(400, "the request body is not a JSON object or array: " .. problem, "")
  elseif problem then
    return reject(400, "the request body is not JSON text: " .. problem, "")
  end
  local keys_read, repeated = pcall(repeated_key, raw)
  if not keys_read then
    kong.log.err("avro-kong: reading the request body's keys failed: ", tostring(repeated))
    return reject(500, "the request could not be validated", "")
  end
  if repeated then return reject(400, DUPLICATE_KEY, repeated) end
  E_MSG, E_N = nil, 0
  local ran, ok = pcall(${rootName}, body, 1)
  if not ran then
    kong.log.err("avro-kong: validating against ", SUBJECT, " failed: ", tostring(ok))
    return reject(500, "the request could not be validated", "")
  end
  if not ok then
    return reject(400, E_MSG or "the payload does not match the schema", e_path())
  end
  note("valid")${buffering}
end
`;
}

/**
 * A chunk for the `header_filter` phase that validates the upstream's response body.
 *
 * Facts it relies on (Kong 3.9 PDK source): `kong.service.response.get_body()` is allowed in
 * `header_filter` but raises unless buffered proxying was enabled in `access` (the request
 * chunk does that when `bufferResponse` is set); it decodes `application/json` with cjson like
 * `kong.request.get_body()`. `kong.response.exit()` is allowed in `header_filter`, also with a
 * table body: Kong stores the encoded body and emits it in `body_filter` in place of the
 * upstream's (Kong's own `enable-buffering` test plugin rewrites responses this way).
 * Only 2xx responses from the service are checked (not 204, not Kong's own rejections).
 */
export function compileLuaResponseValidator(
  schema: AvroSchema,
  options: LuaResponseCompileOptions,
): string {
  return compileResponseChunk(schema, options, true);
}

/**
 * The response chunk, with or without the raw-body scanner in front of its decode-and-validate
 * path, as compileRequestChunk.
 */
export function compileResponseChunk(
  schema: AvroSchema,
  options: LuaResponseCompileOptions,
  withScanner: boolean,
): string {
  const resolved = resolveOptions(options);
  const { source, rootName } = generateCheck(schema, resolved);
  const scanner = withScanner ? generateScanner(schema, resolved).source + "\n" : "";
  const enforce = (options.mode ?? "report") === "enforce";
  return `${responseHeader(options)}
${source}
${identity(options)}
${TEXT_CHECK}
${DUPLICATE_KEY_CHECK}
${scanner}local function valid()
  kong.log.set_serialize_value(${luaString(SERIALIZE_KEY_RESPONSE)}, {
    outcome = "valid", schema = SUBJECT, version = VERSION, fingerprint = FINGERPRINT,
  })
end
local function violation(message, path)
  kong.log.set_serialize_value(${luaString(SERIALIZE_KEY_RESPONSE)}, {
    outcome = "invalid", schema = SUBJECT, version = VERSION, fingerprint = FINGERPRINT,
    message = message, path = path, mode = ${enforce ? '"enforce"' : '"report"'},
  })
  kong.log.warn("avro-kong: response does not match ", SUBJECT, " version ", VERSION,
    " (", FINGERPRINT, ") at '", path, "': ", message)${
      enforce
        ? `
  return kong.response.exit(502, {
    message = "the upstream response does not match its schema: " .. message, path = path,
    schema = SUBJECT, version = VERSION, fingerprint = FINGERPRINT,
  })`
        : ""
    }
end
return function()
  local status = kong.response.get_status()
  if type(status) ~= "number" or status < 200 or status > 299 or status == 204 then return end
  if kong.response.get_source() ~= "service" then return end
  -- The raw body, once read.
  local raw${
    withScanner
      ? `
  -- The fast path, as in the request chunk: a JSON body the scanner is certain of is valid.
  local content_type = kong.service.response.get_header("Content-Type")
  if content_type and string.find(string.lower(content_type), "application/json", 1, true) == 1 then
    local got, text = pcall(kong.service.response.get_raw_body)
    if got and type(text) == "string" then
      raw = text
      local scanned, certain = pcall(scan_body, raw)
      if scanned and certain == true then return valid() end
    end
  end`
      : ""
  }
  local read, body, err, mime = pcall(kong.service.response.get_body)
  if not read then
    -- Buffering was off (for instance a connection upgrade): nothing to check.
    kong.log.set_serialize_value(${luaString(SERIALIZE_KEY_RESPONSE)}, {
      outcome = "skipped", schema = SUBJECT, version = VERSION, fingerprint = FINGERPRINT,
      message = "the response body was not buffered",
    })
    return
  end
  if mime ~= "application/json" then
    return violation("expected a JSON response body (Content-Type: application/json): " .. tostring(err), "")
  end
  if type(body) ~= "table" then
    return violation("the response body is not a JSON object or array: " .. tostring(err), "")
  end
  raw = raw or kong.service.response.get_raw_body() or ""
  local problem = text_problem(raw)
  if problem == "invalid json body" then
    return violation("the response body is not a JSON object or array: " .. problem, "")
  elseif problem then
    return violation("the response body is not JSON text: " .. problem, "")
  end
  local keys_read, repeated = pcall(repeated_key, raw)
  if not keys_read then
    kong.log.err("avro-kong: reading the response body's keys failed: ", tostring(repeated))
    return
  end
  if repeated then return violation(DUPLICATE_KEY, repeated) end
  E_MSG, E_N = nil, 0
  local ran, ok = pcall(${rootName}, body, 1)
  if not ran then
    kong.log.err("avro-kong: validating the response against ", SUBJECT, " failed: ", tostring(ok))
    return
  end
  if not ok then
    return violation(E_MSG or "the payload does not match the schema", e_path())
  end
  valid()
end
`;
}

/**
 * A `log`-phase chunk for routes whose requests Kong Enterprise's request-validator checks: it
 * records the same `avro_validation.request` entry the Lua validator records, so log records
 * look alike whichever engine validated.
 */
export function compileLuaContractLogger(contract: {
  readonly subject: string;
  readonly version: number | string;
  readonly fingerprint: string;
}): string {
  return `${formatChunkHeader({ ...contract, checks: "request-log", mode: "enforce" })}
return function()
  local rejected = kong.response.get_source() == "exit" and kong.response.get_status() == 400
  kong.log.set_serialize_value(${luaString(SERIALIZE_KEY_REQUEST)}, {
    outcome = rejected and "invalid" or "valid", engine = "request-validator",
    schema = ${luaString(contract.subject)}, version = ${luaScalar(contract.version)}, fingerprint = ${luaString(contract.fingerprint)},
  })
end
`;
}

/** An `access` chunk that only turns on buffered proxying (response validation without request validation). */
export const LUA_ENABLE_BUFFERING_CHUNK = `-- avro-kong: buffer the upstream response so that header_filter can validate it.
return function()
  kong.service.request.enable_buffering()
end
`;

/**
 * A chunk returning the chunk's bare fast path `(raw) -> boolean`, the scanner (true: certainly
 * valid; false: not certain), in the chunks' form or the one named. Used by tests and the benchmark.
 */
export function compileLuaScan(
  schema: AvroSchema,
  options: ValidationOptions = {},
  form: ScannerForm = "auto",
): string {
  const resolved = resolveOptions(options);
  return `${generateCheck(schema, resolved).source}
${generateScanner(schema, resolved, form).source}
return function(raw)
  local scanned, certain = pcall(scan_body, raw)
  return scanned and certain == true
end
`;
}

/**
 * A chunk returning the bare checking function `(value) -> true | false, message, path` for a
 * value as cjson decodes it. Used by tests and the benchmark to time validation alone.
 */
export function compileLuaCheck(schema: AvroSchema, options: ValidationOptions = {}): string {
  const { source, rootName } = generateCheck(schema, resolveOptions(options));
  return `${source}
return function(value)
  E_MSG, E_N = nil, 0
  if ${rootName}(value, 1) then return true end
  return false, E_MSG, e_path()
end
`;
}
