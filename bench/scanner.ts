import { fork, type ChildProcess } from "child_process";
import * as os from "os";
import * as path from "path";
import type { Batch } from "./scanner-child";
import { describeMix, emptyTally, mergeTally, type Tally } from "./scanner-tally";

/**
 * `npm run bench -- scanner`: the scanner's differential check at scale. Suites of generated
 * schemas and bodies written many ways (test/validators/lua/harness/scanner-differential.ts)
 * until at least BENCH_SCANNER_CASES bodies (default: SCANNER_CASES_NAMED when the section is
 * named, SCANNER_CASES_ALL in a run of every section) have gone through every path in
 * LuaJIT: the request and response chunks with and without the scanner, and the bare scanner
 * against the TypeScript reference. Reports the cases and their mix (valid and invalid, fast
 * path and fallback, by body text, mutation, scanner form and schema shape) and the
 * disagreements, which must be 0; progress as it goes, and what it has seen if stopped
 * (SIGINT, SIGTERM). AVRO_KONG_SEED picks the seed (default: the suite's),
 * BENCH_SCANNER_WORKERS the worker processes (default: one per core, at most 2).
 */
/** `npm run bench -- scanner`: a million bodies, the scale. */
export const SCANNER_CASES_NAMED = 1_000_000;
/** `npm run bench` with every section: a bounded share, a few minutes. */
export const SCANNER_CASES_ALL = 20_000;

/**
 * Three times the suite's payloads per generated schema (9 valid, 15 mutated: the same
 * proportions), so that generating, compiling and loading a schema's seven chunks (and LuaJIT's
 * traces for them) is paid for by ~180 bodies instead of ~60. The schemas are the suite's.
 */
const PAYLOADS = { validPerSchema: 9, invalidPerSchema: 15 };
/** Suites per LuaJIT process: ~1,500 bodies, seconds of work, well inside the harness's timeout. */
const BATCH = 8;
const PROGRESS_EVERY = 50_000;

export function scannerBench(write: (text: string) => void, defaultCases: number): Promise<number> {
  const target = Number(process.env.BENCH_SCANNER_CASES ?? defaultCases);
  const seed = Number(process.env.AVRO_KONG_SEED ?? 20261205);
  const workers = Number(process.env.BENCH_SCANNER_WORKERS ?? Math.min(2, os.cpus().length));
  const started = Date.now();
  const startLoad = os.loadavg()[0];
  const tally = emptyTally();
  let nextSuite = 0;
  let nextReport = PROGRESS_EVERY;

  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  const load = () =>
    `load average ${startLoad.toFixed(1)} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} now`;
  const summary = (title: string) => {
    write(
      `${title} (seed ${seed}, ${tally.suites.toLocaleString("en")} generated schemas of suites 0-${nextSuite - 1}, with ${PAYLOADS.validPerSchema} valid ` +
        `and ${PAYLOADS.invalidPerSchema} mutated payloads each, ${workers} workers, ${seconds()} s, ` +
        `${load()}): ${tally.all.cases.toLocaleString("en")} cases (bodies, each through the ` +
        `request and response chunks with and without the scanner, and the bare scanner in its ` +
        `three forms against the reference); the scanner was certain of ` +
        `${tally.all.certain.toLocaleString("en")}\n`,
    );
    write(describeMix(tally));
    write(`Disagreements: ${tally.disagreements}\n`);
    for (const e of tally.examples)
      write(`  ${e.what}: suite ${e.suite}, ${e.kind}: ${e.text.slice(0, 200)}\n`);
  };

  return new Promise((resolve) => {
    const children: ChildProcess[] = [];
    let finished = false;
    // Workers end when disconnected; a stopped or failed run kills them.
    const end = (status: number, kill: boolean) => {
      if (finished) return;
      finished = true;
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (kill) for (const child of children) child.kill();
      resolve(status);
    };
    // A stopped run still says something true: the batches it finished.
    const stop = () => {
      summary("Scanner differential STOPPED before its target, so far");
      end(1, true);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);

    let busy = 0;
    const assign = (child: ChildProcess) => {
      if (tally.all.cases >= target) {
        child.disconnect();
        if (busy === 0 && !finished) {
          summary("Scanner differential");
          end(tally.disagreements === 0 ? 0 : 1, false);
        }
        return;
      }
      const batch: Batch = { seed, first: nextSuite, count: BATCH, ...PAYLOADS };
      nextSuite += BATCH;
      busy++;
      child.send(batch);
    };
    for (let w = 0; w < workers; w++) {
      // Beside this file: dist/bench/scanner-child.js when `npm run bench` runs.
      const child = fork(path.join(__dirname, `scanner-child${path.extname(__filename)}`), [], {
        execArgv: process.execArgv,
      });
      children.push(child);
      child.on("message", (message: { tally?: Tally; error?: string }) => {
        busy--;
        if (message.error !== undefined) {
          write(`Scanner differential: a worker failed: ${message.error}\n`);
          end(1, true);
          return;
        }
        mergeTally(tally, message.tally!);
        if (tally.all.cases >= nextReport) {
          write(
            `  … ${tally.all.cases.toLocaleString("en")} cases, ${tally.all.valid.toLocaleString("en")} valid, ` +
              `${tally.fast.request.toLocaleString("en")} on the fast path, ` +
              `${tally.disagreements} disagreements, ${seconds()} s, load ${os.loadavg()[0].toFixed(1)}\n`,
          );
          while (nextReport <= tally.all.cases) nextReport += PROGRESS_EVERY;
        }
        assign(child);
      });
      child.on("exit", (code) => {
        if (code !== 0 && !finished) {
          write(`Scanner differential: a worker exited with ${code}\n`);
          summary("Scanner differential STOPPED by a failed worker, so far");
          end(1, true);
        }
      });
      assign(child);
    }
  });
}
