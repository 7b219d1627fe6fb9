import { spawnSync } from "child_process";
import * as fs from "fs";

/** wrk against one URL, with the CPU time one process (the gateway) spent meanwhile. */

export interface WrkRun {
  readonly requests: number;
  /** Requests per second. */
  readonly rps: number;
  /** Latency percentiles, in seconds. */
  readonly p50: number;
  readonly p99: number;
  /** The watched process's CPU seconds per request during the run. */
  readonly cpu: number;
}

export interface WrkOptions {
  readonly url: string;
  /** A wrk Lua script setting the method, body and headers. */
  readonly script: string;
  /** Whole seconds (wrk's -d takes no fractions). */
  readonly seconds: number;
  readonly connections: number;
  /** The process whose CPU time is read from /proc before and after. */
  readonly pid: number;
}

/**
 * CPU seconds a process has run so far. /proc/PID/schedstat counts nanoseconds on the CPU;
 * /proc/PID/stat (user + system, in clock ticks of 1/100 s) is the fallback on kernels without it.
 */
function cpuSeconds(pid: number): number {
  const schedstat = `/proc/${pid}/schedstat`;
  if (fs.existsSync(schedstat))
    return Number(fs.readFileSync(schedstat, "utf8").split(" ")[0]) / 1e9;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { us: 1e-6, ms: 1e-3, s: 1 };

function seconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!match) throw new Error(`wrk printed a latency it did not explain: ${text}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}

/** The figures of wrk's `--latency` report; throws on any non-2xx answer or socket error. */
function parseWrk(output: string): Omit<WrkRun, "cpu"> {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  const p50 = /^\s+50%\s+(\S+)/m.exec(output)?.[1];
  const p99 = /^\s+99%\s+(\S+)/m.exec(output)?.[1];
  const requests = /(\d+) requests in/.exec(output)?.[1];
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1];
  if (non2xx) throw new Error(`wrk saw ${non2xx} responses that were not 2xx:\n${output}`);
  if (/Socket errors:/.test(output)) throw new Error(`wrk saw socket errors:\n${output}`);
  if (!rps || !p50 || !p99 || !requests || Number(requests) === 0)
    throw new Error(`cannot read wrk's output:\n${output}`);
  return { rps: Number(rps), p50: seconds(p50), p99: seconds(p99), requests: Number(requests) };
}

export function runWrk(options: WrkOptions): WrkRun {
  const before = cpuSeconds(options.pid);
  const run = spawnSync(
    "wrk",
    [
      "-t1",
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      "--latency",
      // A slow answer on a loaded machine is a figure, not an error.
      "--timeout",
      "10s",
      "-s",
      options.script,
      options.url,
    ],
    { encoding: "utf8", timeout: (options.seconds + 30) * 1000 },
  );
  const after = cpuSeconds(options.pid);
  if (run.error) throw new Error(`wrk could not run (Debian package wrk): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr}`);
  const result = parseWrk(run.stdout);
  return { ...result, cpu: (after - before) / result.requests };
}

/** A wrk script POSTing the file's bytes with the given headers. */
export function postScript(bodyFile: string, headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(
    ([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`,
  );
  return `local f = assert(io.open(${JSON.stringify(bodyFile)}, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
${lines.join("\n")}
`;
}
