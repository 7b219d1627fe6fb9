import { UserError } from "../../common";
import { checkCompatibility, formatIncompatibility } from "../../compat";
import { readSchemaFile } from "../../registry";
import { parseArgs } from "../args";
import type { Command } from "../io";

const USAGE = "usage: avro-kong schema compat --reader FILE --writer FILE [--json]";

/**
 * `schema compat --reader R --writer W [--json]`: can data written with W be read with R?
 * Exit 0 compatible, 1 not; bad input is a `UserError` (exit 2 through `runCli`).
 */
export const compatCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, { valued: ["reader", "writer"], booleans: ["json"] });
  if (parsed.positionals.length > 0)
    throw new UserError(`Unexpected argument "${parsed.positionals[0]}" (${USAGE}).`);
  const readerFile = required(parsed.options, "reader");
  const writerFile = required(parsed.options, "writer");
  // Under a `schemas/` directory, shared types in `schemas/_types` resolve by full name.
  const reader = readSchemaFile(readerFile, { cwd: io.cwd });
  const writer = readSchemaFile(writerFile, { cwd: io.cwd });
  const result = checkCompatibility(reader, writer);
  if (parsed.switches.has("json")) {
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
};

function required(options: ReadonlyMap<string, string>, name: string): string {
  const value = options.get(name);
  if (value === undefined || value === "")
    throw new UserError(`Option --${name} FILE is required (${USAGE}).`);
  return value;
}
