import { spawnSync } from "child_process";

/** One run of a child process: wall time from spawn to exit, and what it printed. */
export interface ChildRun {
  readonly seconds: number;
  readonly stdout: string;
}

/** Runs `node script args…` to completion; throws with its stderr when it fails. */
export function runNode(script: string, args: readonly string[]): ChildRun {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [script, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) {
    throw new Error(`${script} ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  }
  return { seconds, stdout: run.stdout };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function formatSeconds(seconds: number): string {
  return seconds >= 10 ? `${seconds.toFixed(1)} s` : `${seconds.toFixed(2)} s`;
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1000 ? `${(mb / 1024).toFixed(2)} GB` : `${mb.toFixed(0)} MB`;
}

/** A Markdown table, columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]): string =>
    "| " + r.map((cell, c) => cell.padEnd(widths[c])).join(" | ") + " |";
  const rule = "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|";
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}
