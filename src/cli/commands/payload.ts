import { resolve } from "path";
import { fingerprint, problemError } from "../../avro";
import { readFileBounded, UserError } from "../../common";
import { readSchemaFile } from "../../registry";
import type { PayloadError } from "../../validators";
import {
  BODY_ENCODINGS,
  DIALECTS,
  validateBinary,
  validatePayloadText,
  validateSingleObject,
} from "../../validators";
import { defineCommand, defineGroup } from "../args";
import type { CliIo } from "../io";

/**
 * `payload validate`: checks one JSON payload (a file, or stdin for `-` or nothing) against a
 * schema. Prints `valid` (exit 0) or one `PATH: message` line per error (exit 1), where PATH is
 * the JSON Pointer into the payload and `(root)` the payload itself. With `--encoding
 * avro-binary` or `avro-single-object` the payload is a binary body, checked as the gateway does.
 */
export const validateCommand = defineCommand(
  {
    name: "payload validate",
    summary: "validate a JSON payload against a schema; exit 0 valid, 1 invalid, 2 bad input",
    positionals: [
      {
        name: "PAYLOAD",
        optional: true,
        description: "the file to check; standard input when it is - or left out",
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
      encoding: {
        value: "ENCODING",
        choices: BODY_ENCODINGS,
        default: "json",
        description:
          "json, or an Avro binary body (bare, or single-object with the schema's fingerprint)",
      },
    },
  },
  async (args, io) => {
    const schema = readSchemaFile(args.value("schema"), { cwd: io.cwd });
    const encoding = args.value("encoding");
    const { bytes, file } = await readBytes(args.positionals[0], io);
    const errors =
      encoding === "json"
        ? jsonErrors(
            validatePayloadText(schema, bytes, {
              dialect: args.value("dialect"),
              allowUnknownFields: args.flag("allow-unknown-fields"),
            }),
            file,
          )
        : encoding === "avro-binary"
          ? validateBinary(schema, bytes)
          : validateSingleObject([{ fingerprint: fingerprint(schema), schema }], bytes);
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

/** A JSON payload's errors; text that is not JSON is bad input (one sentence, exit 2). */
function jsonErrors(result: ReturnType<typeof validatePayloadText>, file: string): PayloadError[] {
  if ("problem" in result) throw problemError({ file, pointer: "", ...result.problem });
  return result.errors;
}

/** The payload's bytes, from the file or standard input, and the name errors give it. */
async function readBytes(
  path: string | undefined,
  io: CliIo,
): Promise<{ bytes: Uint8Array; file: string }> {
  if (path === undefined || path === "-") {
    const input = await io.readStdin();
    return { bytes: typeof input === "string" ? Buffer.from(input, "utf8") : input, file: "stdin" };
  }
  const read = readFileBounded(resolve(io.cwd, path));
  if ("error" in read) throw new UserError(`${path}: ${read.error}.`, { file: path });
  return { bytes: read.bytes, file: path };
}
