import { luaString } from "../lua/luaText";
import type { BodyEncoding, WriterSchema } from "./encodings";
import { BINARY_MEDIA_TYPES } from "./encodings";
import { generateBinaryWalker } from "./lua";

/** What the request chunk needs to accept binary bodies. */
export interface BinaryRequestOptions {
  /** @default ["json"] */
  readonly encodings?: readonly BodyEncoding[];
  /** The schemas a single-object body may be written with; the pinned version first. */
  readonly writers: readonly WriterSchema[];
  /** Turn on buffered proxying once the body is valid (response validation). */
  readonly bufferResponse: boolean;
}

/** The Lua the request chunk adds for binary bodies: definitions, and its dispatch. */
export interface BinaryRequestCode {
  /** Statements after `reject`, `note` and `too_large` are defined; "" for JSON only. */
  readonly source: string;
  /** Statements in the per-request function once `media` is known; "" for JSON only. */
  readonly dispatch: string;
}

/**
 * Binary bodies in the request chunk (docs/reference/lua-chunk.md): a body whose Content-Type
 * announces an enabled binary encoding is read raw (`get_raw_body`, up to MAX_BODY) and walked;
 * the answers and log entries are the JSON path's. A route without `json` answers 415 to
 * anything else.
 */
export function binaryRequestCode(options: BinaryRequestOptions): BinaryRequestCode {
  const encodings = options.encodings ?? ["json"];
  const binary = encodings.filter((e) => e !== "json");
  if (binary.length === 0) return { source: "", dispatch: "" };
  const walker = generateBinaryWalker(options.writers);
  const table = binary
    .map(
      (e) =>
        `[${luaString(BINARY_MEDIA_TYPES[e])}] = ${e === "avro-binary" ? walker.binary : walker.singleObject}`,
    )
    .join(", ");
  const accepted = [
    ...(encodings.includes("json") ? ["application/json"] : []),
    ...binary.map((e) => BINARY_MEDIA_TYPES[e]),
  ].join(", ");
  const source = `${walker.source}
local BINARY_WALKERS = { ${table} }
local function binary_request(walk)
  local read, body, err = pcall(kong.request.get_raw_body, MAX_BODY)
  if not read or (body == nil and type(err) ~= "string") then
    kong.log.err("avro-kong: could not read the request body: ", tostring(read and err or body))
    return reject(400, "the request body could not be read", "")
  end
  if body == nil then
    if string.find(err, "too big", 1, true) or string.find(err, "did not fit", 1, true) then return too_large(err) end
    return reject(400, "the request body could not be read: " .. err, "")
  end
  if #body > MAX_BODY then return too_large() end
  local ran, message, path = pcall(walk, body)
  if not ran then
    kong.log.err("avro-kong: validating against ", SUBJECT, " failed: ", tostring(message))
    return reject(500, "the request could not be validated", "")
  end
  if message then return reject(400, message, path) end
  note("valid")${options.bufferResponse ? "\n  kong.service.request.enable_buffering()" : ""}
end`;
  const dispatch = `  if BINARY_WALKERS[media] then return binary_request(BINARY_WALKERS[media]) end${
    encodings.includes("json")
      ? ""
      : `
  do return reject(415, "expected a request body of Content-Type " .. ${luaString(accepted)} .. ", found " .. tostring(media), "") end`
  }`;
  return { source, dispatch };
}
