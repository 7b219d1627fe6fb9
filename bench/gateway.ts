import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AvroSchema } from "../src/avro";
import { compileLuaValidator } from "../src/validators/lua";
import { startGateway, startNginx } from "../test/gateway/bed";
import { median, table } from "./measure";
import { ORDER_SCHEMA, orderBody, SENSOR_BODY, SENSOR_SCHEMA } from "./workloads";

/**
 * The gateway section of `npm run bench`: wrk against the gateway test bed (real nginx with the
 * PDK layer) on loopback, POSTing the same body to a route without validation and to one with
 * the access chunk, alternately, several runs each. Reported: requests per second and p50/p99
 * latency of both, and per run the throughput ratio and the p99 difference, as medians; and the
 * gateway process's own CPU time per request (from /proc), which waiting on a busy machine does
 * not inflate.
 * Goal (issue #9): ratio ≥ 0.9 on bodies up to 1 KB and at most 100 µs added at p99.
 */

interface Body {
  readonly name: string;
  readonly route: string;
  readonly body: string;
}

interface WrkResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** The gateway process's CPU seconds per request during the run. */
  readonly cpu: number;
}

function orderNear(bytes: number): string {
  let lines = 1;
  while (Buffer.byteLength(orderBody(lines + 1)) <= bytes) lines++;
  return orderBody(lines);
}

function bodies(): Body[] {
  return [
    { name: "sensor reading, ~200 B", route: "sensor", body: SENSOR_BODY },
    { name: "order, ~1 KB", route: "order", body: orderNear(1024) },
    { name: "order, ~10 KB", route: "order", body: orderNear(10 * 1024) },
    { name: "order, ~100 KB", route: "order", body: orderNear(100 * 1024) },
  ];
}

const UNIT_SECONDS: Record<string, number> = { us: 1e-6, ms: 1e-3, s: 1 };

function seconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!match) throw new Error(`wrk printed a latency it did not explain: ${text}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}

/** User + system CPU seconds of a process so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function parseWrk(output: string): Omit<WrkResult, "cpu"> & { requests: number } {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  const p50 = /^\s+50%\s+(\S+)/m.exec(output)?.[1];
  const p99 = /^\s+99%\s+(\S+)/m.exec(output)?.[1];
  const requests = /(\d+) requests in/.exec(output)?.[1];
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1];
  if (non2xx) throw new Error(`wrk saw ${non2xx} responses that were not 2xx:\n${output}`);
  if (!rps || !p50 || !p99 || !requests) throw new Error(`cannot read wrk's output:\n${output}`);
  return { rps: Number(rps), p50: seconds(p50), p99: seconds(p99), requests: Number(requests) };
}

function wrk(
  url: string,
  script: string,
  duration: number,
  connections: number,
  pid: number,
): WrkResult {
  const cpuBefore = cpuSeconds(pid);
  const run = spawnSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${duration}s`, "--latency", "-s", script, url],
    { encoding: "utf8", timeout: (duration + 30) * 1000 },
  );
  if (run.error) throw new Error(`wrk could not run (Debian package wrk): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  const result = parseWrk(run.stdout);
  return { ...result, cpu: (cpuSeconds(pid) - cpuBefore) / result.requests };
}

function micros(s: number): string {
  return s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : `${(s * 1e6).toFixed(0)} µs`;
}

function size(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

function validator(schema: AvroSchema): string {
  return compileLuaValidator(schema, {
    subject: schema.kind === "record" ? schema.name : "bench",
    version: 1,
    fingerprint: "0000000000000000",
  });
}

/** Runs the section and prints its table; returns the exit status. */
export async function gatewayBench(): Promise<number> {
  const duration = Number(process.env.BENCH_GATEWAY_SECONDS ?? 3);
  const runs = Number(process.env.BENCH_GATEWAY_RUNS ?? 5);
  const connections = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 4);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-bench-"));
  // The upstream is nginx too, answering at once, so that the gateway is what is measured.
  const upstream = await startNginx({
    http: (_prefix, port) => `  server {
    listen 127.0.0.1:${port};
    keepalive_requests 100000;
    location / { default_type application/json; return 200 '{"ok":true}'; }
  }`,
  });
  const gateway = await startGateway({
    upstreamPort: upstream.port,
    routes: {
      plain: { name: "plain" },
      sensor: { name: "sensor", access: [validator(SENSOR_SCHEMA)] },
      order: { name: "order", access: [validator(ORDER_SCHEMA)] },
    },
  }).catch(async (error: unknown) => {
    await upstream.stop();
    throw error;
  });
  try {
    const rows = [
      [
        "body",
        "size",
        "req/s without",
        "req/s with",
        "ratio",
        "p50 without",
        "p50 with",
        "p99 without",
        "p99 with",
        "p99 added",
        "gateway CPU/req without",
        "with",
        "goal",
      ],
    ];
    let met = true;
    for (const [index, b] of bodies().entries()) {
      const bodyFile = path.join(work, `body-${index}.json`);
      fs.writeFileSync(bodyFile, b.body);
      const script = path.join(work, `post-${index}.lua`);
      fs.writeFileSync(
        script,
        `local f = assert(io.open(${JSON.stringify(bodyFile)}, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
`,
      );
      const measure = (route: string, secs: number) =>
        wrk(`${gateway.url}/${route}`, script, secs, connections, gateway.pid);
      measure("plain", 1);
      measure(b.route, 1);
      const without: WrkResult[] = [];
      const withV: WrkResult[] = [];
      for (let run = 0; run < runs; run++) {
        // Alternate which goes first, so that drift on a shared machine hits both alike.
        if (run % 2 === 0) {
          without.push(measure("plain", duration));
          withV.push(measure(b.route, duration));
        } else {
          withV.push(measure(b.route, duration));
          without.push(measure("plain", duration));
        }
      }
      const ratio = median(withV.map((w, i) => w.rps / without[i].rps));
      const added = median(withV.map((w, i) => w.p99 - without[i].p99));
      const bytes = Buffer.byteLength(b.body);
      const goalApplies = bytes <= 1024;
      const ok = ratio >= 0.9 && added <= 100e-6;
      if (goalApplies && !ok) met = false;
      rows.push([
        b.name,
        size(bytes),
        median(without.map((w) => w.rps)).toFixed(0),
        median(withV.map((w) => w.rps)).toFixed(0),
        ratio.toFixed(3),
        micros(median(without.map((w) => w.p50))),
        micros(median(withV.map((w) => w.p50))),
        micros(median(without.map((w) => w.p99))),
        micros(median(withV.map((w) => w.p99))),
        micros(added),
        micros(median(without.map((w) => w.cpu))),
        micros(median(withV.map((w) => w.cpu))),
        goalApplies ? (ok ? "✓" : "✗") : "(reported)",
      ]);
    }
    process.stdout.write(
      `Gateway (wrk -t1 -c${connections}, ${runs} runs of ${duration}s per route and body, medians; ratio and p99 added paired per run), load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} at the end:\n\n${table(rows)}\n\n` +
        `Gateway goal ${met ? "met" : "NOT met"} up to 1 KB (ratio ≥ 0.9, ≤ 100 µs added at p99).\n\n`,
    );
    return 0;
  } finally {
    await gateway.stop();
    await upstream.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
