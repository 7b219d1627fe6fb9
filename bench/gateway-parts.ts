import { compileLuaValidator } from "../src/validators/lua";
import { send, startGateway, startUpstream } from "../test/gateway/bed";
import { table } from "./measure";
import { benchBodies } from "./gateway-routes";
import { ORDER_SCHEMA } from "./workloads";

/**
 * `npm run bench -- gateway-parts`: where the validating chunk's time goes, part by part, inside
 * the gateway (the test bed's nginx, LuaJIT and PDK layer). One request per body runs a profiling
 * chunk: the order's request chunk, whose per-request function is timed whole and whose parts
 * (a header lookup, the media-type parsing, get_raw_body, the scanner, the log entry; and the
 * text check, which only the decode path runs) are each timed alone, every one as `os.clock` (the worker's CPU time) over many calls
 * in that request, the best of three rounds. Reading the body and recording the outcome is what
 * any body-inspecting plugin pays; the rest is what validation adds.
 */

/** The parts the profiling chunk times, as it names them. */
export const PARTS = ["header", "media", "raw", "text", "scan", "note", "whole"] as const;
export type Part = (typeof PARTS)[number];

/** The order's request chunk, its per-request function kept as `whole`, returning a profiler. */
export function profilingChunk(calls: number): string {
  const chunk = compileLuaValidator(ORDER_SCHEMA, {
    subject: "shop.orders.OrderPlaced",
    version: 1,
    fingerprint: "0000000000000000",
  });
  const at = chunk.lastIndexOf("return function()");
  return `${chunk.slice(0, at)}local whole = function()${chunk.slice(at + "return function()".length)}
return function()
  local clock, N = os.clock, ${calls}
  local raw = kong.request.get_raw_body(MAX_BODY)
  local best = {}
  local function part(name, f)
    local t0 = clock()
    for _ = 1, N do f() end
    local us = (clock() - t0) / N * 1e6
    if best[name] == nil or us < best[name] then best[name] = us end
  end
  local content_type = "application/json"
  for _ = 1, 3 do
    part("header", function() return kong.request.get_header("Content-Type") end)
    part("media", function()
      local media = content_type and string.lower(string.match(content_type, "^%s*([^;%s]+)") or "")
      return media and string.sub(media, 1, 12) == "application/" and string.sub(media, -5) == "+json"
        or string.find(string.lower(content_type), "application/json", 1, true) == 1
    end)
    part("raw", function() return kong.request.get_raw_body(MAX_BODY) end)
    part("text", function() return text_problem(raw) end)
    part("scan", function() return pcall(scan_body, raw) end)
    part("note", function() return note("valid") end)
    part("whole", whole)
  end
  return kong.response.exit(200, best)
end
`;
}

/** µs per call of each part, for each body of the gateway bench up to 10 KB. */
export async function measureParts(
  calls: number,
): Promise<Array<{ label: string; bytes: number; us: Record<Part, number> }>> {
  const upstream = await startUpstream();
  const gateway = await startGateway({
    upstreamPort: upstream.port,
    routes: { parts: { name: "parts", access: [profilingChunk(calls)] } },
  });
  try {
    const out = [];
    for (const body of benchBodies().filter((b) => b.route === "order")) {
      if (Buffer.byteLength(body.body) > 64 * 1024) continue;
      // The first request warms the traces up; the second is measured.
      let us: Record<Part, number> | undefined;
      for (let round = 0; round < 2; round++) {
        const res = await send(gateway.url, { path: "/parts", body: body.body });
        if (res.status !== 200) throw new Error(`the profiling route answered ${res.status}`);
        us = JSON.parse(res.body.toString()) as Record<Part, number>;
      }
      out.push({ label: body.label, bytes: Buffer.byteLength(body.body), us: us! });
    }
    return out;
  } finally {
    await gateway.stop();
    await upstream.close();
  }
}

/** The section's report. */
export async function gatewayPartsBench(write: (text: string) => void): Promise<number> {
  const calls = Number(process.env.BENCH_PARTS_CALLS ?? 2000);
  const rows = await measureParts(calls);
  const f = (us: number) => `${us.toFixed(2)} µs`;
  write(
    `Gateway, the order's access chunk part by part (os.clock in the nginx worker, ${calls} calls ` +
      `per part in one request, best of 3):\n\n` +
      table([
        [
          "body",
          "size",
          "whole chunk",
          "3 header lookups",
          "media type",
          "get_raw_body",
          "text check (decode path only)",
          "scanner (pcall)",
          "log entry",
          "read + record",
          "rest",
        ],
        ...rows.map(({ label, bytes, us }) => {
          // The fast path runs no text check: the scanner proves the bytes it accepts are text.
          const parts = 3 * us.header + us.media + us.raw + us.scan + us.note;
          return [
            label,
            `${bytes} B`,
            f(us.whole),
            f(3 * us.header),
            f(us.media),
            f(us.raw),
            f(us.text),
            f(us.scan),
            f(us.note),
            f(us.raw + us.note),
            f(us.whole - parts),
          ];
        }),
      ]) +
      "\n\n",
  );
  return 0;
}
