import { readFileSync } from "fs";
import { resolve } from "path";
import { parseJsonText } from "../../avro";
import { UserError } from "../../common";
import { readSchemaFile } from "../../registry";
import { DIALECTS, validatePayload } from "../../validators";
import { oneOf, parseArgs } from "../args";
import type { CliIo, Command } from "../io";

const USAGE =
  "avro-kong payload validate --schema FILE [--dialect plain|avro-json] [--allow-unknown-fields] [PAYLOAD|-]";

/**
 * `payload validate`: checks one JSON payload (a file, or stdin for `-` or nothing) against a
 * schema. Prints `valid` (exit 0) or one `PATH: message` line per error (exit 1), where PATH is
 * the JSON Pointer into the payload and `(root)` the payload itself.
 */
export const command: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    io.out(`Usage: ${USAGE}`);
    return 0;
  }
  if (sub !== "validate") {
    throw new UserError(
      sub === undefined
        ? `Missing subcommand; expected: validate. Usage: ${USAGE}.`
        : `Unknown subcommand "${sub}"; expected: validate. Usage: ${USAGE}.`,
    );
  }
  const parsed = parseArgs(rest, {
    valued: ["schema", "dialect"],
    booleans: ["allow-unknown-fields"],
  });
  const schemaFile = parsed.options.get("schema");
  if (schemaFile === undefined) throw new UserError(`Missing --schema FILE. Usage: ${USAGE}.`);
  if (parsed.positionals.length > 1)
    throw new UserError(
      `Expected at most one PAYLOAD, got ${parsed.positionals.length}. Usage: ${USAGE}.`,
    );
  const dialect = oneOf("dialect", parsed.options.get("dialect"), DIALECTS, "plain");
  const schema = readSchemaFile(schemaFile, { cwd: io.cwd });
  const payload = await readPayload(parsed.positionals[0], io);
  const errors = validatePayload(schema, payload, {
    dialect,
    allowUnknownFields: parsed.switches.has("allow-unknown-fields"),
  });
  if (errors.length === 0) {
    io.out("valid");
    return 0;
  }
  io.out(errors.map((e) => `${e.path === "" ? "(root)" : e.path}: ${e.message}`).join("\n"));
  return 1;
};

async function readPayload(path: string | undefined, io: CliIo): Promise<unknown> {
  if (path === undefined || path === "-") return parseJsonText(await io.readStdin(), "stdin");
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (error) {
    throw new UserError(`${path}: ${describeReadError(error)}.`, { file: path });
  }
  return parseJsonText(text, path);
}

/** A file-system failure in words, without a stack. */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES") return "permission denied";
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}
