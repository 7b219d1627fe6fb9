import { closeSync, linkSync, openSync, readSync, renameSync, unlinkSync, writeSync } from "fs";
import { hostname } from "os";
import { randomBytes } from "crypto";
import { UserError } from "./errors";

/** How a lock waits, and where it says it took over a dead holder's lock. */
export interface FileLockOptions {
  /** The lock's name in messages, e.g. its repository-relative path. */
  readonly name: string;
  /** How long to wait for a live holder before giving up; 30 s by default. */
  readonly timeoutMs?: number;
  /** Told, in one sentence, when a lock left by a process that is gone is taken over. */
  readonly notice?: (sentence: string) => void;
}

const POLL_MS = 20;

/**
 * Runs `work` holding the lock file `path`, so that processes that read a file, change it and
 * write it back do so one at a time (two `promote`s at once otherwise lose one's update). The
 * lock is a file created exclusively, holding the holder's pid and host; a lock whose holder
 * on this host is no longer running is taken over, with a notice. A live holder is waited for
 * up to `timeoutMs`, then a `UserError` names it. The lock is removed when `work` ends, however.
 */
export function withFileLock<T>(path: string, options: FileLockOptions, work: () => T): T {
  const mine = `${process.pid} ${hostname()} ${randomBytes(6).toString("hex")}\n`;
  acquire(path, mine, options);
  try {
    return work();
  } finally {
    if (readHolder(path) === mine) unlinkSync(path);
  }
}

function acquire(path: string, mine: string, options: FileLockOptions): void {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (tryCreate(path, mine)) return;
    const holder = readHolder(path);
    if (holder === undefined) continue; // released between our attempt and our look
    const pid = holderPid(holder);
    if (pid !== undefined && !isRunning(pid)) {
      if (takeOver(path, holder)) {
        options.notice?.(
          `${options.name} was left by process ${pid}, which is no longer running; took it over.`,
        );
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const [holderId = "?", host = "?"] = holder.trim().split(" ");
      throw new UserError(
        `${options.name} is held by process ${holderId} on ${host}: another promote is running. Try again when it has finished, or delete ${options.name} if none is.`,
      );
    }
    sleep(POLL_MS);
  }
}

function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock file's text (at most 1 KiB), or undefined when there is none. */
function readHolder(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(1024);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** The holder's pid when it runs on this host; undefined when its liveness cannot be judged. */
function holderPid(holder: string): number | undefined {
  const [pid, host] = holder.trim().split(" ");
  if (host !== hostname() || !/^[1-9][0-9]*$/.test(pid ?? "")) return undefined;
  return Number(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Removes a dead holder's lock, unless someone took it over meanwhile: the lock is moved aside
 * atomically and looked at there; a live lock moved by mistake is put back if no new one is.
 */
function takeOver(path: string, stale: string): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // A new lock exists already; the one moved aside belonged to a process that had just
      // taken over too and will find its lock gone: it cannot be helped without kernel locks.
    }
    unlinkSync(aside);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
