import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  API_KEY,
  API_KEY_HEADER,
  benchBodies,
  startBenchGateway,
  startBenchUpstream,
  type BenchBody,
} from "./gateway-routes";
import { median, table } from "./measure";
import { postScript, runWrk, type WrkRun } from "./wrk";

/**
 * The gateway section of `npm run bench`: wrk against the test bed (real nginx, the bed's PDK,
 * LuaJIT, lua-cjson) on loopback, POSTing each body to three routes that all check identity and
 * serialize and deliver the log record (bench/gateway-routes.ts): `plain` (the baseline), `read`
 * (also reads the body into Lua) and the validating route. Each fresh gateway process (LuaJIT's
 * traces differ from one process to the next) warms every route up, then measures each under
 * concurrency and with one connection. Per process: the gateway's CPU per request (from /proc,
 * which waiting for a core does not inflate) added by validation and by reading alone, the
 * throughput ratio, and the p50/p99 latency added; reported as the median over the processes,
 * with their spread.
 * Goals (issue #20): at most 8 µs added at 1 KB, 25 µs at 10 KB, and at 100 KB at most 1.5 × the
 * cost of reading the body.
 */

export interface GatewayBenchConfig {
  /** Fresh gateway processes, each measuring every body. */
  readonly starts: number;
  /** Seconds per measured wrk run (whole seconds). */
  readonly seconds: number;
  /** Concurrent runs per route, body and process (interleaved; one run with one connection). */
  readonly rounds: number;
  /** Seconds of warm-up per route and body in each process. */
  readonly warmupSeconds: number;
  /** Connections of the concurrent runs (the other runs use one). */
  readonly connections: number;
  readonly bodies: readonly BenchBody[];
  /** Progress lines (which process, which body). @default none */
  readonly progress?: (line: string) => void;
}

/** Median and extremes of one figure over the gateway processes. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface BodyFigures {
  readonly label: string;
  readonly bytes: number;
  /** The baseline route's gateway CPU seconds per request. */
  readonly baselineCpu: Spread;
  /** Gateway CPU seconds per request the validating route adds to the baseline. */
  readonly addedCpu: Spread;
  /** Gateway CPU seconds per request reading the body into Lua adds to the baseline. */
  readonly readCpu: Spread;
  /** Requests per second with validation / without, under concurrency. */
  readonly throughputRatio: Spread;
  /** Latency added (validating route minus baseline), seconds, one connection and concurrent. */
  readonly single: { readonly p50: Spread; readonly p99: Spread };
  readonly concurrent: { readonly p50: Spread; readonly p99: Spread };
}

type Role = "baseline" | "read" | "validate";

interface RoleRuns {
  readonly single: WrkRun;
  readonly concurrent: WrkRun;
}

type StartSample = Record<Role, RoleRuns>;

function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

function figures(body: BenchBody, samples: readonly StartSample[]): BodyFigures {
  const over = (f: (s: StartSample) => number) => spread(samples.map(f));
  const cpu = (s: StartSample, role: Role) => s[role].concurrent.cpu;
  const added = (mode: keyof RoleRuns, p: "p50" | "p99") =>
    over((s) => s.validate[mode][p] - s.baseline[mode][p]);
  return {
    label: body.label,
    bytes: Buffer.byteLength(body.body),
    baselineCpu: over((s) => cpu(s, "baseline")),
    addedCpu: over((s) => cpu(s, "validate") - cpu(s, "baseline")),
    readCpu: over((s) => cpu(s, "read") - cpu(s, "baseline")),
    throughputRatio: over((s) => s.validate.concurrent.rps / s.baseline.concurrent.rps),
    single: { p50: added("single", "p50"), p99: added("single", "p99") },
    concurrent: { p50: added("concurrent", "p50"), p99: added("concurrent", "p99") },
  };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const at = by % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

/** Several runs of one route as one: CPU over all their requests, medians of the rest. */
function combine(runs: readonly WrkRun[]): WrkRun {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  return {
    requests,
    cpu: runs.reduce((sum, r) => sum + r.cpu * r.requests, 0) / requests,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}

/** nginx's own complaints (the bed logs Lua errors and failed log deliveries at `error`). */
function problems(errorLog: string): string[] {
  return errorLog.split("\n").filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
}

/** Runs the measurement; throws when any request failed or the gateway logged an error. */
export async function measureGateway(config: GatewayBenchConfig): Promise<BodyFigures[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-bench-"));
  const upstream = await startBenchUpstream();
  const samples: StartSample[][] = config.bodies.map(() => []);
  try {
    const scripts = config.bodies.map((b, index) => {
      const bodyFile = path.join(work, `body-${index}.json`);
      fs.writeFileSync(bodyFile, b.body);
      const script = path.join(work, `post-${index}.lua`);
      fs.writeFileSync(
        script,
        postScript(bodyFile, { "Content-Type": "application/json", [API_KEY_HEADER]: API_KEY }),
      );
      return script;
    });
    for (let start = 0; start < config.starts; start++) {
      const gateway = await startBenchGateway(upstream.port);
      try {
        for (const [index, b] of config.bodies.entries()) {
          config.progress?.(`gateway process ${start + 1}/${config.starts}: ${b.label}`);
          const route: Record<Role, string> = {
            baseline: "plain",
            read: "read",
            validate: b.route,
          };
          // Alternate the order between processes, so that drift on a shared machine hits all alike.
          const roles: Role[] =
            start % 2 === 0 ? ["baseline", "read", "validate"] : ["validate", "read", "baseline"];
          const run = (role: Role, seconds: number, connections: number) =>
            runWrk({
              url: `${gateway.url}/${route[role]}`,
              script: scripts[index],
              seconds,
              connections,
              pid: gateway.pid,
            });
          for (const role of roles) run(role, config.warmupSeconds, config.connections);
          const concurrent = new Map<Role, WrkRun[]>(roles.map((role) => [role, []]));
          for (let round = 0; round < config.rounds; round++) {
            // Rotate the order each round, so that no route always follows the same one.
            for (const role of rotate(roles, round))
              concurrent.get(role)?.push(run(role, config.seconds, config.connections));
          }
          const single = new Map(roles.map((role) => [role, run(role, config.seconds, 1)]));
          const of = (role: Role): RoleRuns => ({
            single: single.get(role) as WrkRun,
            concurrent: combine(concurrent.get(role) ?? []),
          });
          samples[index].push({
            baseline: of("baseline"),
            read: of("read"),
            validate: of("validate"),
          });
        }
        const found = problems(gateway.errorLog());
        if (found.length > 0)
          throw new Error(`the gateway logged errors:\n${found.slice(0, 5).join("\n")}`);
      } finally {
        await gateway.stop();
      }
    }
    return config.bodies.map((b, index) => figures(b, samples[index]));
  } finally {
    await upstream.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The goals, by body. */
const GOALS: Readonly<Record<string, { text: string; met: (f: BodyFigures) => boolean }>> = {
  "1 KB": { text: "≤ 8 µs added", met: (f) => f.addedCpu.median <= 8e-6 },
  "10 KB": { text: "≤ 25 µs added", met: (f) => f.addedCpu.median <= 25e-6 },
  "100 KB": {
    text: "≤ 1.5 × reading",
    met: (f) => f.addedCpu.median <= 1.5 * f.readCpu.median,
  },
};

function time(seconds: number): string {
  const us = seconds * 1e6;
  if (Math.abs(us) >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us.toFixed(Math.abs(us) >= 100 ? 0 : 1)} µs`;
}

function withSpread(s: Spread, format: (n: number) => string): string {
  return `${format(s.median)} (${format(s.min)} to ${format(s.max)})`;
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

/** The section's report: the CPU table (the main figure), the latency table, the goals. */
export function formatGatewayReport(
  rows: readonly BodyFigures[],
  config: GatewayBenchConfig,
): string {
  const cpu = [
    [
      "body",
      "size",
      "gateway CPU/req, baseline",
      "added by validation",
      "added by reading the body",
      "validation / reading",
      "throughput ratio",
      "goal",
    ],
    ...rows.map((f) => {
      const goal = GOALS[f.label];
      return [
        f.label,
        size(f.bytes),
        time(f.baselineCpu.median),
        withSpread(f.addedCpu, time),
        withSpread(f.readCpu, time),
        f.readCpu.median > 0 ? (f.addedCpu.median / f.readCpu.median).toFixed(1) : "-",
        withSpread(f.throughputRatio, (n) => n.toFixed(2)),
        goal ? `${goal.text} ${goal.met(f) ? "✓" : "✗"}` : "(reported)",
      ];
    }),
  ];
  const latency = [
    [
      "body",
      "p50 added, -c1",
      "p99 added, -c1",
      `p50 added, -c${config.connections}`,
      `p99 added, -c${config.connections}`,
    ],
    ...rows.map((f) => [
      f.label,
      withSpread(f.single.p50, time),
      withSpread(f.single.p99, time),
      withSpread(f.concurrent.p50, time),
      withSpread(f.concurrent.p99, time),
    ]),
  ];
  const verdicts = rows
    .filter((f) => GOALS[f.label])
    .map((f) => `${f.label}: ${GOALS[f.label].text} ${GOALS[f.label].met(f) ? "met" : "NOT met"}`);
  return (
    `Gateway CPU per request (median over ${config.starts} gateway processes, min to max in brackets; ` +
    `CPU over ${config.rounds} interleaved -c${config.connections} runs of ${config.seconds} s per route):\n\n${table(cpu)}\n\n` +
    `Latency added by validation (same processes; wrk -t1, runs of ${config.seconds} s):\n\n${table(latency)}\n\n` +
    (verdicts.length > 0 ? `Goals: ${verdicts.join("; ")}.\n\n` : "")
  );
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/** The command as typed, with the BENCH_GATEWAY_* settings of this run, for the report. */
export function benchCommand(): string {
  const settings = Object.keys(process.env)
    .filter((name) => name.startsWith("BENCH_GATEWAY_"))
    .sort()
    .map((name) => `${name}=${JSON.stringify(process.env[name])}`);
  return [...settings, "npm run bench -- gateway"].join(" ");
}

/** `npm run bench -- gateway`; the BENCH_GATEWAY_* variables change the run (docs/benchmarks.md). */
export async function gatewayBench(): Promise<number> {
  const wanted = process.env.BENCH_GATEWAY_BODIES?.split(",").map((l) => l.trim());
  const bodies = benchBodies().filter((b) => !wanted || wanted.includes(b.label));
  if (bodies.length === 0) {
    process.stderr.write(
      `BENCH_GATEWAY_BODIES names no body; expected some of: ${benchBodies()
        .map((b) => b.label)
        .join(", ")}.\n`,
    );
    return 2;
  }
  const config: GatewayBenchConfig = {
    starts: Number(process.env.BENCH_GATEWAY_STARTS ?? 5),
    seconds: Number(process.env.BENCH_GATEWAY_SECONDS ?? 1),
    rounds: Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3),
    warmupSeconds: Number(process.env.BENCH_GATEWAY_WARMUP_SECONDS ?? 1),
    connections: Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 4),
    bodies,
    progress: (line) => process.stderr.write(`${line}\n`),
  };
  const before = loadAverage();
  const rows = await measureGateway(config);
  process.stdout.write(
    `Gateway: load average ${before} before, ${loadAverage()} after.\n` +
      `Command: ${benchCommand()}\n\n` +
      formatGatewayReport(rows, config),
  );
  return 0;
}
