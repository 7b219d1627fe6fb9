import { spawnSync } from "child_process";
import { join } from "path";

/** Node's default stack is 984 KB; a quarter of it leaves no room for one frame per level. */
const QUARTER_STACK_KB = 246;

/**
 * What `script` prints as JSON when run by a child Node whose stack is `kilobytes` (`--stack-size`):
 * so that a test can say a walk needs the same little stack at any depth, which a walk with one
 * JavaScript frame per level cannot do. `script` may `require` the TypeScript sources by
 * absolute path (`SRC`), and ends by `console.log(JSON.stringify(result))`.
 */
export function jsonFromSmallStack(script: string, kilobytes = QUARTER_STACK_KB): unknown {
  const run = spawnSync(
    process.execPath,
    [`--stack-size=${kilobytes}`, "-r", join(__dirname, "register-ts.js"), "-e", script],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (run.status !== 0) throw new Error(`the child exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as unknown;
}

/** The absolute path of a folder of `src/`, for `require` in a script. */
export const SRC = (folder: string): string =>
  JSON.stringify(join(__dirname, "..", "..", "src", folder));
