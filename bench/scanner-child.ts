import { scanSuites } from "../test/validators/lua/harness/scanner-differential";
import { tallyBodies } from "./scanner-tally";

/**
 * One worker of `npm run bench -- scanner` (bench/scanner.ts): for each batch of suites the
 * bench sends, every body through every path in one LuaJIT process; answers the batch's tally.
 */

export interface Batch {
  readonly seed: number;
  readonly first: number;
  readonly count: number;
  readonly validPerSchema: number;
  readonly invalidPerSchema: number;
}

process.on("message", (batch: Batch) => {
  try {
    const bodies = scanSuites(batch.seed, batch.first, batch.count, batch);
    process.send!({ tally: tallyBodies(batch.count, bodies) });
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.message : String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
