import { basename, dirname, join, relative, resolve } from "path";
import { decodeUtf8, parseSchemaText, problemError, type AvroSchema } from "../avro";
import { readFileBounded, UserError } from "../common";
import { SCHEMAS_DIR, TYPES_DIR_NAME } from "./layout";
import { SharedTypes } from "./shared-types";

/**
 * Reads and parses one schema file. A missing file, malformed JSON or a bad schema throws a
 * `UserError` naming the file as given. When the file lies under a `schemas/` directory,
 * full names of shared types in its `schemas/_types` resolve.
 */
export function readSchemaFile(path: string, options: { cwd?: string } = {}): AvroSchema {
  const absolute = resolve(options.cwd ?? process.cwd(), path);
  const read = readFileBounded(absolute);
  if ("error" in read) throw new UserError(`${path}: ${read.error}.`, { file: path });
  const decoded = decodeUtf8(read.bytes);
  if ("problem" in decoded) throw problemError({ file: path, pointer: "", ...decoded.problem });
  const text = decoded.text;
  const root = repositoryRootOf(absolute);
  if (root === undefined) return parseSchemaText(text, path);
  // Collect rather than fail fast: a stray file in _types must not stop an unrelated schema.
  const shared = new SharedTypes(root, false);
  const listingProblems = shared.problems.length;
  const own = sharedTypeName(absolute, root);
  const cwd = options.cwd ?? process.cwd();
  let schema: AvroSchema;
  try {
    schema = parseSchemaText(text, path, {
      resolve: shared.get,
      definedElsewhere: (name) => {
        const where = shared.definedElsewhere(own)(name);
        return where === undefined ? undefined : relative(cwd, join(root, where));
      },
    });
  } catch (error) {
    // A shared type this file uses is broken: its own problem is the one worth reading.
    const cause = shared.problems[listingProblems];
    if (error instanceof UserError && cause !== undefined) throw problemError(cause);
    throw error;
  }
  const tooDeep = shared.depthProblem(schema, path);
  if (tooDeep) throw problemError(tooDeep);
  return schema;
}

/** The directory above the nearest enclosing `schemas/` directory, if any. */
function repositoryRootOf(file: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) === SCHEMAS_DIR) return dirname(dir);
  }
  return undefined;
}

/** The full name a file in `schemas/_types` defines, so it does not count as defined elsewhere. */
function sharedTypeName(file: string, root: string): string | undefined {
  return dirname(file) === join(root, SCHEMAS_DIR, TYPES_DIR_NAME)
    ? basename(file).replace(/\.avsc$/, "")
    : undefined;
}
