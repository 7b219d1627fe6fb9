import { readdirSync, readFileSync, type Dirent } from "fs";
import { decodeUtf8 } from "../avro";
import type { RepositoryProblem } from "./problems";

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
    default:
      return "cannot be read";
  }
}

/**
 * Reads a UTF-8 text file; a failure, or bytes that are not UTF-8, becomes a problem naming
 * the repository-relative file (and the line and column of the first broken sequence).
 */
export function readText(
  absolute: string,
  file: string,
): { readonly text: string } | { readonly problem: RepositoryProblem } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    return {
      problem: { file, pointer: "", message: `cannot be read: ${describeFsError(error)}.` },
    };
  }
  const decoded = decodeUtf8(bytes);
  return "problem" in decoded ? { problem: { file, pointer: "", ...decoded.problem } } : decoded;
}

/** Lists a directory sorted by name; a failure becomes a problem naming it. */
export function listDir(
  absolute: string,
  file: string,
): { readonly entries: readonly Dirent[] } | { readonly problem: RepositoryProblem } {
  try {
    const entries = readdirSync(absolute, { withFileTypes: true });
    return { entries: entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  } catch (error) {
    return {
      problem: {
        file,
        pointer: "",
        message: `directory cannot be read: ${describeFsError(error)}.`,
      },
    };
  }
}
