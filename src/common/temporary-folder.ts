import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

/**
 * A new folder under the system's temporary folder, by absolute path. `os.tmpdir()` returns
 * TMPDIR as it is, and a relative one would mean another place to each child process that runs
 * in another folder (a synthesizing app in the base's worktree).
 */
export function makeTemporaryFolder(prefix: string): string {
  return mkdtempSync(join(resolve(tmpdir()), prefix));
}
