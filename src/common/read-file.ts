import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from "fs";
import { isAbsolute, relative, resolve, sep } from "path";

/** The most any file (or standard input) the project reads may hold: far beyond any schema, pins file or payload. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A file's bytes, or why it was not read, as words to follow "cannot be read: ". */
export type BoundedRead = { readonly bytes: Buffer } | { readonly error: string };

/**
 * Reads a file that must be a regular file (not a FIFO, a device, a socket or a directory) of at
 * most `limit` bytes and, with `within`, lie inside that folder once links are followed. What
 * fails says why in words; nothing blocks (a FIFO is opened without waiting for a writer) and
 * nothing reads more than `limit` + 1 bytes (a file that grows while read is caught too).
 */
export function readFileBounded(
  path: string,
  options: { readonly within?: string; readonly limit?: number } = {},
): BoundedRead {
  const limit = options.limit ?? MAX_FILE_BYTES;
  let real: string;
  try {
    real = realpathSync(path);
    if (options.within !== undefined) {
      if (!isInside(resolve(options.within), resolve(path))) {
        return { error: "lies outside the repository" };
      }
      if (!isInside(realpathSync(options.within), real)) {
        return { error: "lies outside the repository (through a link)" };
      }
    }
  } catch (error) {
    return { error: describeFsError(error) };
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { error: describeFsError(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { error: notRegular(stat) };
    if (stat.size > limit) return { error: tooLarge(limit) };
    // Read to the end, not to the size fstat saw: a file may grow meanwhile.
    const chunkSize = Math.min(Math.max(stat.size + 1, 64 * 1024), 1024 * 1024);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize);
      const n = readSync(fd, chunk, 0, chunkSize, null);
      if (n === 0) break;
      total += n;
      if (total > limit) return { error: tooLarge(limit) };
      chunks.push(chunk.subarray(0, n));
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { error: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`));
}

function tooLarge(limit: number): string {
  return `is larger than ${limit / (1024 * 1024)} MB, more than any file avro-kong reads`;
}

function notRegular(stat: Stats): string {
  if (stat.isDirectory()) return "is a directory, not a file";
  if (stat.isFIFO()) return "is a FIFO, not a regular file";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "is a device, not a regular file";
  if (stat.isSocket()) return "is a socket, not a regular file";
  return "is not a regular file";
}

/** Why a file or directory could not be read, in words. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EISDIR":
      return "is a directory, not a file";
    case "ENOTDIR":
      return "is a file, not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of links";
    default:
      return "cannot be read";
  }
}
