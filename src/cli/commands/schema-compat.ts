import { checkCompatibility, formatIncompatibility } from "../../compat";
import { readSchemaFile } from "../../registry";
import { defineCommand } from "../args";

/**
 * `schema compat --reader R --writer W [--json]`: can data written with W be read with R?
 * Exit 0 compatible, 1 not; bad input is a `UserError` (exit 2 through `runCli`).
 */
export const compatCommand = defineCommand(
  {
    name: "schema compat",
    summary: "can data written with the writer schema be read with the reader schema?",
    options: {
      reader: { value: "FILE", required: true, description: "the schema that reads" },
      writer: {
        value: "FILE",
        required: true,
        description: "the schema the data was written with",
      },
      json: { description: 'print {"compatible": bool, "errors": [{type, path, message}]}' },
    },
    details: ["Exit 0 when compatible, 1 when not, 2 for bad input."],
  },
  async (args, io) => {
    // Under a `schemas/` directory, shared types in `schemas/_types` resolve by full name.
    const reader = readSchemaFile(args.value("reader"), { cwd: io.cwd });
    const writer = readSchemaFile(args.value("writer"), { cwd: io.cwd });
    const result = checkCompatibility(reader, writer);
    if (args.flag("json")) {
      io.out(JSON.stringify({ compatible: result.compatible, errors: result.errors }));
    } else {
      io.out(
        [
          result.compatible ? "compatible" : "incompatible",
          ...result.errors.map(formatIncompatibility),
        ].join("\n"),
      );
    }
    return result.compatible ? 0 : 1;
  },
);
