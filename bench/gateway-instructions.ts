import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { send, startGateway, type Gateway } from "../test/gateway/bed";
import { readCosts, total, type Costs, type SelfCost } from "./callgrind";
import {
  API_KEY,
  API_KEY_HEADER,
  benchBodies,
  benchRoutes,
  startBenchUpstream,
} from "./gateway-routes";
import { table } from "./measure";

/**
 * `npm run bench -- gateway-instructions`: the gateway bench's routes counted in instructions
 * instead of timed. The bed's nginx runs under `valgrind --tool=callgrind` (instruction counts do
 * not depend on the machine's load; LuaJIT's compiled traces are counted too); per body and
 * route, warm-up requests, then the counters are zeroed, N requests sent one after the other
 * over one kept-alive connection, and the counters dumped. Per request: the instructions of
 * `plain` (the baseline), `read` and the validating route, split by where they ran (nginx,
 * lua-nginx-module, LuaJIT's runtime, the compiled traces, cjson, libc); the validating chunk's
 * own function alone (a route calling it LOOPS times per request, less the route calling it
 * once, per extra call); and what validation adds outside that function.
 */

export interface InstructionConfig {
  /** Requests counted per measurement and round. */
  readonly requests: number;
  /** Rounds, each measuring everything once in turn (spreads garbage collection's lumps). */
  readonly rounds: number;
  /** Requests before the counting starts (LuaJIT compiles its traces). */
  readonly warmup: number;
  /** Calls of the chunk's function per request on the loop route's many-call requests. */
  readonly loops: number;
  readonly bodies: readonly string[];
}

/**
 * What is counted: the three routes of the gateway bench, and the loop route (the same chunk
 * source, its function called once or LOOPS times per request, whole or with the scanner stubbed
 * out: the wrapper alone).
 */
type Measure = "plain" | "read" | "validate" | "whole1" | "wholeN" | "wrapper1" | "wrapperN";
const MEASURES: readonly Measure[] = [
  "plain",
  "read",
  "validate",
  "whole1",
  "wholeN",
  "wrapper1",
  "wrapperN",
];

/** Where instructions ran, by the object file valgrind names. */
const BUCKETS: ReadonlyArray<readonly [string, (object: string) => boolean]> = [
  ["nginx", (o) => o.endsWith("/nginx")],
  ["lua-nginx-module", (o) => o.includes("ngx_http_lua_module")],
  ["LuaJIT runtime", (o) => o.includes("libluajit")],
  ["compiled traces", (o) => o === "???"],
  ["cjson", (o) => o.includes("cjson")],
  ["libc", (o) => o.includes("libc.so")],
  ["other", () => true],
];

function bucketOf(key: string): string {
  const object = key.split("\t")[0];
  return (BUCKETS.find(([, test]) => test(object)) ?? BUCKETS[BUCKETS.length - 1])[0];
}

function scaled(cost: SelfCost, by: number): SelfCost {
  const out: SelfCost = new Map();
  for (const [key, value] of cost) out.set(key, value / by);
  return out;
}

function byBucket(cost: SelfCost): Map<string, number> {
  const out = new Map<string, number>(BUCKETS.map(([name]) => [name, 0]));
  for (const [key, value] of cost) out.set(bucketOf(key), (out.get(bucketOf(key)) ?? 0) + value);
  return out;
}

function add(into: Map<string, number>, more: ReadonlyMap<string, number>): void {
  for (const [key, value] of more) into.set(key, (into.get(key) ?? 0) + value);
}

/** a − b per key (keys of either). */
function minus(a: SelfCost, b: SelfCost): SelfCost {
  const out: SelfCost = new Map(a);
  for (const [key, value] of b) out.set(key, (out.get(key) ?? 0) - value);
  return out;
}

const CALLS_HEADER = "x-bench-calls";
const PART_HEADER = "x-bench-part";

/**
 * The order chunk on the loop route: its per-request function called as often as the request's
 * x-bench-calls says, whole, or (x-bench-part: wrapper) with the scanner stubbed to "certainly
 * valid", which leaves the PDK calls, the media type, the pcall and the log entry.
 */
export function loopChunk(chunk: string): string {
  const at = chunk.lastIndexOf("return function()");
  const body = chunk.slice(at + "return function()".length);
  return `${chunk.slice(0, at)}local whole = function()${body}
local scan_body = function() return true end
local wrapper = function()${body}
return function()
  local calls = tonumber(kong.request.get_header("${CALLS_HEADER}")) or 1
  local run = kong.request.get_header("${PART_HEADER}") == "wrapper" and wrapper or whole
  for _ = 1, calls do run() end
  -- The log phase applies one entry, as after one call (the bed keeps them in ngx.ctx.bed).
  local edits = ngx.ctx.bed.serialize_values
  for i = #edits, 2, -1 do edits[i] = nil end
end
`;
}

function callgrindControl(args: readonly string[]): void {
  const run = spawnSync("callgrind_control", args, { encoding: "utf8" });
  // It answers 0 also when it found no such process; "OK" is its word for done.
  if (run.error || run.status !== 0 || !/\bOK\b/.test(run.stdout))
    throw new Error(
      `callgrind_control ${args.join(" ")} failed: ${run.error?.message ?? run.stdout}`,
    );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The dump file callgrind writes for the n-th dump of this process. */
async function dumped(dir: string, pid: number, n: number): Promise<string> {
  const file = path.join(dir, `callgrind.out.${pid}.${n}`);
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await pause(100);
  if (!fs.existsSync(file)) throw new Error(`callgrind wrote no ${file}`);
  return file;
}

async function post(
  gateway: Gateway,
  agent: http.Agent,
  route: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  n: number,
): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await send(gateway.url, {
      path: `/${route}`,
      body,
      agent,
      headers: { [API_KEY_HEADER]: API_KEY, ...headers },
    });
    if (res.status !== 200) throw new Error(`/${route} answered ${res.status}: ${res.body}`);
  }
  // The log phase's delivery timer of the last request runs after its answer.
  await pause(300);
}

export interface BodyInstructions {
  readonly label: string;
  readonly bytes: number;
  /** Instructions per request, by function. */
  readonly measured: Record<Measure, Costs>;
}

/**
 * Where in the request instructions ran, by the C function that runs each phase's Lua (its
 * inclusive cost). nginx reads a body in the access phase when Lua asks for it first (`read`,
 * the validating route), else when it proxies: its own column counts it wherever it happened.
 */
const PHASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["access phase (pre-function)", ["ngx_http_lua_access_handler"]],
  [
    "header and body filters",
    ["ngx_http_lua_header_filter_inline", "ngx_http_lua_body_filter_inline"],
  ],
  ["log phase", ["ngx_http_lua_log_handler"]],
];
const BODY_READ = "ngx_http_read_client_request_body";

/** The route and extra headers of a measurement. */
function request(measure: Measure, loops: number): [string, Record<string, string>] {
  if (measure === "plain" || measure === "read") return [measure, {}];
  if (measure === "validate") return ["order", {}];
  const headers: Record<string, string> = {
    [CALLS_HEADER]: measure.endsWith("N") ? String(loops) : "1",
  };
  if (measure.startsWith("wrapper")) headers[PART_HEADER] = "wrapper";
  return ["loop", headers];
}

export async function measureInstructions(config: InstructionConfig): Promise<BodyInstructions[]> {
  if (spawnSync("valgrind", ["--version"]).error)
    throw new Error(
      "valgrind is not installed (Debian package valgrind); the section needs callgrind.",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-callgrind-"));
  const upstream = await startBenchUpstream();
  const routes = benchRoutes();
  const gateway = await startGateway({
    upstreamPort: upstream.port,
    collectorPort: upstream.port,
    routes: {
      ...routes,
      loop: {
        name: "loop",
        access: [loopChunk(routes.order.access[0]), ...routes.order.access.slice(1)],
      },
    },
    launch: {
      callgrind: [`--callgrind-out-file=${path.join(dir, "callgrind.out.%p")}`],
      startTimeoutMs: 120_000,
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let dumps = 0;
  try {
    const out: BodyInstructions[] = [];
    for (const body of benchBodies().filter((b) => config.bodies.includes(b.label))) {
      if (body.route !== "order") continue;
      const sums = new Map<Measure, Costs>(
        MEASURES.map((m) => [m, { self: new Map(), inclusive: new Map() }]),
      );
      for (const measure of MEASURES) {
        const [route, headers] = request(measure, config.loops);
        await post(gateway, agent, route, body.body, headers, config.warmup);
      }
      for (let round = 0; round < config.rounds; round++) {
        // Rotated each round, so that no measurement always comes first after the warm-up.
        const at = round % MEASURES.length;
        for (const measure of [...MEASURES.slice(at), ...MEASURES.slice(0, at)]) {
          const [route, headers] = request(measure, config.loops);
          callgrindControl(["-z", String(gateway.pid)]);
          await post(gateway, agent, route, body.body, headers, config.requests);
          callgrindControl([`--dump=${measure}`, String(gateway.pid)]);
          const sum = sums.get(measure) as Costs;
          const costs = readCosts(await dumped(dir, gateway.pid, ++dumps));
          add(sum.self, costs.self);
          add(sum.inclusive, costs.inclusive);
        }
      }
      const count = config.requests * config.rounds;
      const measured = Object.fromEntries(
        [...sums].map(([m, c]) => [
          m,
          { self: scaled(c.self, count), inclusive: scaled(c.inclusive, count) },
        ]),
      ) as Record<Measure, Costs>;
      out.push({ label: body.label, bytes: Buffer.byteLength(body.body), measured });
    }
    return out;
  } finally {
    agent.destroy();
    await gateway.stop();
    await upstream.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const n = (value: number) => Math.round(value).toLocaleString("en-US");

/** The lines of one body's table: what each part costs per request (or per call). */
export function instructionLines(
  measured: Record<Measure, Costs>,
  loops: number,
): Array<[string, SelfCost]> {
  const m = Object.fromEntries(Object.entries(measured).map(([k, c]) => [k, c.self])) as Record<
    Measure,
    SelfCost
  >;
  const perCall = (many: SelfCost, one: SelfCost) => scaled(minus(many, one), loops - 1);
  const whole = perCall(m.wholeN, m.whole1);
  const wrapper = perCall(m.wrapperN, m.wrapper1);
  const added = minus(m.validate, m.plain);
  return [
    ["plain route (the baseline)", m.plain],
    ["read route, added", minus(m.read, m.plain)],
    ["validating route, added", added],
    ["chunk function, per call", whole],
    ["  its wrapper (the scanner stubbed)", wrapper],
    ["  the scanner", minus(whole, wrapper)],
    ["added outside the chunk function", minus(added, whole)],
  ];
}

/** The section's report. */
function formatInstructions(rows: readonly BodyInstructions[], config: InstructionConfig): string {
  const parts: string[] = [];
  for (const row of rows) {
    const lines = instructionLines(row.measured, config.loops);
    parts.push(
      `${row.label} (${row.bytes} B), instructions per request:\n\n` +
        table([
          ["", "total", ...BUCKETS.map(([name]) => name)],
          ...lines.map(([name, cost]) => {
            const buckets = byBucket(cost);
            return [name, n(total(cost)), ...BUCKETS.map(([b]) => n(buckets.get(b) ?? 0))];
          }),
        ]),
    );
    const phase = (c: Costs, names: readonly string[]) =>
      names.reduce((sum, name) => sum + (c.inclusive.get(name) ?? 0), 0);
    const phaseRow = (name: string, c: Costs, base?: Costs) => {
      const of = (names: readonly string[]) => phase(c, names) - (base ? phase(base, names) : 0);
      const all = total(c.self) - (base ? total(base.self) : 0);
      const phases = PHASES.map(([, names]) => of(names));
      return [
        name,
        n(all),
        ...phases.map(n),
        n(all - phases.reduce((a, b) => a + b, 0)),
        n(of([BODY_READ])),
      ];
    };
    const m = row.measured;
    parts.push(
      `${row.label}, by phase (instructions per request; nginx's body reading also counted in ` +
        `its phase, the access phase when Lua reads the body):\n\n` +
        table([
          [
            "",
            "total",
            ...PHASES.map(([name]) => name),
            "the rest (nginx)",
            "nginx reading the body",
          ],
          phaseRow("plain route (the baseline)", m.plain),
          phaseRow("read route, added", m.read, m.plain),
          phaseRow("validating route, added", m.validate, m.plain),
        ]),
    );
    const outside = lines[lines.length - 1][1];
    const top = [...outside].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 8);
    parts.push(
      `${row.label}, the functions adding most outside the chunk function (object, function, ` +
        `instructions per request; ??? is LuaJIT's compiled code, addresses are unnamed functions):\n\n` +
        table([
          ["object", "function", "added"],
          ...top.map(([key, value]) => {
            const [object, fn] = key.split("\t");
            return [path.basename(object), fn, n(value)];
          }),
        ]),
    );
  }
  return (
    `Gateway instructions (valgrind --tool=callgrind on the bed's nginx, one kept-alive connection; ` +
    `${config.warmup} warm-up requests, then ${config.rounds} rounds of ${config.requests} counted requests ` +
    `per measurement; per call: the loop route's ${config.loops}-call requests less its 1-call ones, / ${config.loops - 1}):\n\n` +
    parts.join("\n\n") +
    "\n\n"
  );
}

/** `npm run bench -- gateway-instructions`; BENCH_INSTRUCTIONS_* change the run (docs/benchmarks.md). */
export async function gatewayInstructionsBench(write: (text: string) => void): Promise<number> {
  const config: InstructionConfig = {
    requests: Number(process.env.BENCH_INSTRUCTIONS_REQUESTS ?? 100),
    rounds: Number(process.env.BENCH_INSTRUCTIONS_ROUNDS ?? 3),
    warmup: Number(process.env.BENCH_INSTRUCTIONS_WARMUP ?? 200),
    loops: Number(process.env.BENCH_INSTRUCTIONS_LOOPS ?? 11),
    bodies: (process.env.BENCH_INSTRUCTIONS_BODIES ?? "1 KB,10 KB").split(",").map((l) => l.trim()),
  };
  write(formatInstructions(await measureInstructions(config), config));
  return 0;
}
