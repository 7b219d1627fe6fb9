import type { AvroSchema } from "../src/avro";
import { compileLuaValidator, DEFAULT_MAX_BODY_BYTES } from "../src/validators/lua";
import { startGateway, startNginx, type Gateway, type RunningNginx } from "../test/gateway/bed";
import { ORDER_SCHEMA, orderBody, SENSOR_BODY, SENSOR_SCHEMA } from "./workloads";

/**
 * The routes the gateway bench compares, in the test bed. Every route does the other work a
 * validating route does in Kong, so that the difference between them is the validation alone:
 * - an identity check stand-in (what key-auth does per request: one header, one table lookup,
 *   the consumer put on the log record), and a 401 without a known key;
 * - the log phase serializing the record and delivering it to a collector (the bed's log phase,
 *   one POST per request from a timer);
 * - proxying to an upstream that answers at once.
 * `plain` does only that; `read` also reads the whole body into Lua (what any body-inspecting
 * plugin pays); `sensor` and `order` also validate the body with the compiled access chunk.
 */

/** The header and key the bench's client sends, as a key-auth client sends `apikey`. */
export const API_KEY_HEADER = "apikey";
export const API_KEY = "bench-key-0042";

// 1,000 consumers, so that the lookup is an ordinary hash lookup in a table of realistic size.
const IDENTITY_CHUNK = `-- The gateway bench's stand-in for key-auth: a header, a table lookup, the consumer logged.
local CONSUMERS = {}
for i = 1, 1000 do
  local key = "bench-key-" .. string.sub("000" .. i, -4)
  CONSUMERS[key] = { id = "00000000-0000-4000-8000-" .. string.sub("00000000000" .. i, -12), username = "client-" .. i }
end
return function()
  local key = kong.request.get_header(${JSON.stringify(API_KEY_HEADER)})
  local consumer = key and CONSUMERS[key]
  if not consumer then
    return kong.response.exit(401, { message = "No API key found in request" })
  end
  kong.log.set_serialize_value("consumer", consumer)
end
`;

/** Reads the whole body into a Lua string, as the validating chunk does before decoding it. */
const READ_BODY_CHUNK = `-- The gateway bench's body reader: the cost of getting the body into Lua, nothing more.
local MAX_BODY = ${DEFAULT_MAX_BODY_BYTES}
return function()
  local body = kong.request.get_raw_body(MAX_BODY)
  if not body then return kong.response.exit(413, { message = "the body could not be read" }) end
end
`;

function validator(schema: AvroSchema): string {
  return compileLuaValidator(schema, {
    subject: schema.kind === "record" ? schema.name : "bench",
    version: 1,
    fingerprint: "0000000000000000",
  });
}

/** The route keys of the bed (the first path segment). */
export type BenchRoute = "plain" | "read" | "sensor" | "order";

/**
 * pre-function runs at priority 1000000, before key-auth (1250): the validator comes first, as
 * in Kong; for the valid bodies of the bench both run either way.
 */
export function benchRoutes(): Record<BenchRoute, { name: string; access: string[] }> {
  return {
    plain: { name: "plain", access: [IDENTITY_CHUNK] },
    read: { name: "read", access: [READ_BODY_CHUNK, IDENTITY_CHUNK] },
    sensor: { name: "sensor", access: [validator(SENSOR_SCHEMA), IDENTITY_CHUNK] },
    order: { name: "order", access: [validator(ORDER_SCHEMA), IDENTITY_CHUNK] },
  };
}

/** One body the bench sends, and the validating route it is valid for. */
export interface BenchBody {
  readonly label: string;
  readonly route: Extract<BenchRoute, "sensor" | "order">;
  readonly body: string;
}

/** The largest order document of at most `bytes` bytes (the size grows with its lines). */
function orderNear(bytes: number): string {
  // Lines vary in size with a period of six: estimate from sixty, then step to the exact count.
  const one = Buffer.byteLength(orderBody(1));
  const perLine = (Buffer.byteLength(orderBody(61)) - one) / 60;
  const size = (lines: number) => Buffer.byteLength(orderBody(lines));
  let lines = Math.max(1, Math.floor((bytes - one) / perLine) + 1);
  while (lines > 1 && size(lines) > bytes) lines--;
  while (size(lines + 1) <= bytes) lines++;
  return orderBody(lines);
}

/** The sizes: 200 B, 1 KB, 10 KB, 100 KB, 1 MB (the last within the 1 MiB default limit). */
export function benchBodies(): BenchBody[] {
  return [
    { label: "200 B", route: "sensor", body: SENSOR_BODY },
    { label: "1 KB", route: "order", body: orderNear(1024) },
    { label: "10 KB", route: "order", body: orderNear(10 * 1024) },
    { label: "100 KB", route: "order", body: orderNear(100 * 1024) },
    { label: "1 MB", route: "order", body: orderNear(DEFAULT_MAX_BODY_BYTES) },
  ];
}

/**
 * The upstream and the log collector: one nginx answering at once (the collector path takes
 * the records and answers 204), so that neither is what the bench measures.
 */
export function startBenchUpstream(): Promise<RunningNginx> {
  return startNginx({
    http: (_prefix, port) => `  server {
    listen 127.0.0.1:${port};
    keepalive_requests 100000;
    client_max_body_size 0;
    location = /log { return 204; }
    location / { default_type application/json; return 200 '{"ok":true}'; }
  }`,
  });
}

/** A fresh gateway (a new nginx process, so new LuaJIT traces) with the bench's routes. */
export function startBenchGateway(upstreamPort: number): Promise<Gateway> {
  return startGateway({ upstreamPort, collectorPort: upstreamPort, routes: benchRoutes() });
}
