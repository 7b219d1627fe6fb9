import { basename } from "path";
import type { AvroSchema } from "../../avro";
import { fingerprint, isNamed } from "../../avro";
import { UserError } from "../../common";
import { readSchemaFile } from "../../registry";
import type { ValidationOptions } from "../../validators";
import {
  DIALECTS,
  assertCompilableTopLevel,
  compileJsonSchema,
  compileLuaValidator,
  formatJsonSchema,
} from "../../validators";
import { oneOf, parseArgs } from "../args";
import type { Command } from "../io";

const TARGETS = ["lua", "json-schema"] as const;
type Target = (typeof TARGETS)[number];

const USAGE =
  "avro-kong compile --schema FILE --target lua|json-schema [--dialect plain|avro-json] [--allow-unknown-fields]";

/**
 * `compile`: prints the validator for one schema: the Lua chunk for Kong's `pre-function`
 * (access phase), or the JSON Schema draft-04 document for Kong Enterprise's `request-validator`.
 */
export const command: Command = async (args, io) => {
  if (args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.out(`Usage: ${USAGE}`);
    return 0;
  }
  const parsed = parseArgs(args, {
    valued: ["schema", "target", "dialect"],
    booleans: ["allow-unknown-fields"],
  });
  if (parsed.positionals.length > 0)
    throw new UserError(`Unexpected argument "${parsed.positionals[0]}". Usage: ${USAGE}.`);
  const file = parsed.options.get("schema");
  if (file === undefined) throw new UserError(`Missing --schema FILE. Usage: ${USAGE}.`);
  const targetOption = parsed.options.get("target");
  if (targetOption === undefined)
    throw new UserError(`Missing --target; expected one of: ${TARGETS.join(", ")}.`);
  const target: Target = oneOf("target", targetOption, TARGETS, "json-schema");
  const options: ValidationOptions = {
    dialect: oneOf("dialect", parsed.options.get("dialect"), DIALECTS, "plain"),
    allowUnknownFields: parsed.switches.has("allow-unknown-fields"),
  };
  const schema = readSchemaFile(file, { cwd: io.cwd });
  assertCompilableTopLevel(schema, file);
  switch (target) {
    case "json-schema":
      io.out(formatJsonSchema(compileJsonSchema(schema, options)));
      return 0;
    case "lua":
      io.out(compileLua(schema, file, options));
      return 0;
  }
};

/** The access-phase chunk, identified by the schema's name, the file's version and fingerprint. */
function compileLua(schema: AvroSchema, file: string, options: ValidationOptions): string {
  const version = /^v(\d+)\.avsc$/.exec(basename(file))?.[1];
  return compileLuaValidator(schema, {
    ...options,
    subject: isNamed(schema) ? schema.name : basename(file).replace(/\.avsc$/, ""),
    version: version === undefined ? "unversioned" : Number(version),
    fingerprint: fingerprint(schema, "crc64"),
  });
}
