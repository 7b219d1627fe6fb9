import { rmSync } from "fs";
import { join } from "path";
import { makeTemporaryFolder } from "../common";
import { git, tryGit } from "./git";

/** Undo steps to run however the process ends: normally, by an error, or by a signal. */
const cleanups = new Set<() => void>();
const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) cleanup();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal (exit 130 for Ctrl-C), now that nothing is left behind.
  process.kill(process.pid, signal);
}

/** Runs `cleanup` when `use` ends, and also if the process is interrupted meanwhile. */
export async function withCleanup<T>(cleanup: () => void, use: () => Promise<T>): Promise<T> {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    cleanup();
  };
  if (cleanups.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  cleanups.add(once);
  try {
    return await use();
  } finally {
    once();
    if (cleanups.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  }
}

/**
 * Checks `commit` out in a temporary detached worktree of the repository at `root`, runs `use`
 * with its directory, and removes the worktree afterwards in every case.
 */
export async function withTemporaryWorktree<T>(
  root: string,
  commit: string,
  use: (dir: string, scratch: string) => Promise<T>,
): Promise<T> {
  const scratch = makeTemporaryFolder("avro-kong-review-");
  const dir = join(scratch, "base");
  return withCleanup(
    () => {
      tryGit(root, ["worktree", "remove", "--force", dir]);
      rmSync(scratch, { recursive: true, force: true });
      tryGit(root, ["worktree", "prune"]);
    },
    async () => {
      git(
        root,
        ["worktree", "add", "--detach", "--quiet", dir, commit],
        `git worktree add of ${commit}`,
      );
      return use(dir, scratch);
    },
  );
}
