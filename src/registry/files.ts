import { readdirSync, type Dirent } from "fs";
import { join } from "path";
import { describeFsError, readFileBounded } from "../common";
import { decodeUtf8 } from "../avro";
import type { RepositoryProblem } from "./problems";

export { describeFsError };

/**
 * Reads the UTF-8 text file `file` (repository-relative) of the repository at `root`: a regular
 * file inside the repository, of bounded size. A failure, or bytes that are not UTF-8, becomes a
 * problem naming the file (and the line and column of the first broken sequence).
 */
export function readText(
  root: string,
  file: string,
): { readonly text: string } | { readonly problem: RepositoryProblem } {
  const read = readFileBounded(join(root, file), { within: root });
  if ("error" in read) {
    return { problem: { file, pointer: "", message: `cannot be read: ${read.error}.` } };
  }
  const decoded = decodeUtf8(read.bytes);
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
