import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "fs";
import { basename, dirname, join } from "path";
import { randomBytes } from "crypto";

/** The steps of an atomic write, in order; a test may interrupt after any of them. */
export type AtomicWriteStep = "opened" | "written" | "synced" | "renamed";

/**
 * Replaces `path` with `text` so that a reader, or a crash at any moment, sees the old file or
 * the new one, never part of one: the text goes to a temporary file in the same directory
 * (rename is atomic only within one file system), is flushed to disk, then renamed over `path`,
 * and the directory is flushed so that the rename itself survives a power loss. If a step
 * throws, the temporary file is removed and `path` is untouched.
 *
 * `after` is a seam for tests: it runs after each step and may throw or end the process.
 */
export function writeFileAtomically(
  path: string,
  text: string,
  after: (step: AtomicWriteStep) => void = () => undefined,
): void {
  const dir = dirname(path);
  const temporary = join(dir, temporaryFileName(basename(path)));
  const fd = openSync(temporary, "wx", 0o644);
  try {
    after("opened");
    writeSync(fd, text);
    after("written");
    fsyncSync(fd);
    after("synced");
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
  after("renamed");
  syncDirectory(dir);
}

/**
 * `.dev.json.<pid>.<random>.tmp` for `dev.json`: hidden, and unpredictable, so that a file left
 * by a crashed process with a reused pid (or planted there) never makes the write fail.
 */
function temporaryFileName(name: string): string {
  return `.${name}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
}

/** Whether a file name is one `writeFileAtomically` gives its temporary files. */
export function isTemporaryFileName(name: string): boolean {
  // Without the random part: what earlier versions wrote, which a crash may have left.
  return /^\..+\.[0-9]+(\.[0-9a-f]{12})?\.tmp$/.test(name);
}

function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch (error) {
    // Windows cannot open a directory; there the rename is as durable as the platform makes it.
    if ((error as NodeJS.ErrnoException).code === "EISDIR") return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
