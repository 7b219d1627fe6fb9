import { readFileSync } from "fs";
import { resolve } from "path";
import { parseJsonText } from "../../avro";
import { UserError } from "../../common";
import { readSchemaFile } from "../../registry";
import { DIALECTS, validatePayload } from "../../validators";
import { defineCommand, defineGroup } from "../args";
import type { CliIo } from "../io";

/**
 * `payload validate`: checks one JSON payload (a file, or stdin for `-` or nothing) against a
 * schema. Prints `valid` (exit 0) or one `PATH: message` line per error (exit 1), where PATH is
 * the JSON Pointer into the payload and `(root)` the payload itself.
 */
export const validateCommand = defineCommand(
  {
    name: "payload validate",
    summary: "validate a JSON payload against a schema; exit 0 valid, 1 invalid, 2 bad input",
    positionals: [
      {
        name: "PAYLOAD",
        optional: true,
        description: "the JSON file to check; standard input when it is - or left out",
      },
    ],
    options: {
      schema: { value: "FILE", required: true, description: "the Avro schema file" },
      dialect: {
        value: "DIALECT",
        choices: DIALECTS,
        default: "plain",
        description: "how the JSON encodes Avro values",
      },
      "allow-unknown-fields": { description: "accept record fields the schema does not declare" },
    },
  },
  async (args, io) => {
    const schema = readSchemaFile(args.value("schema"), { cwd: io.cwd });
    const payload = await readPayload(args.positionals[0], io);
    const errors = validatePayload(schema, payload, {
      dialect: args.value("dialect"),
      allowUnknownFields: args.flag("allow-unknown-fields"),
    });
    if (errors.length === 0) {
      io.out("valid");
      return 0;
    }
    io.out(errors.map((e) => `${e.path === "" ? "(root)" : e.path}: ${e.message}`).join("\n"));
    return 1;
  },
);

export const command = defineGroup({
  name: "payload",
  summary: "check JSON payloads against Avro schemas",
  subcommands: {
    validate: { summary: validateCommand.spec.summary, load: async () => validateCommand },
  },
});

async function readPayload(path: string | undefined, io: CliIo): Promise<unknown> {
  if (path === undefined || path === "-") return parseJsonText(await io.readStdin(), "stdin");
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(io.cwd, path));
  } catch (error) {
    throw new UserError(`${path}: ${describeReadError(error)}.`, { file: path });
  }
  return parseJsonText(bytes, path);
}

/** A file-system failure in words, without a stack. */
function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES") return "permission denied";
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}
