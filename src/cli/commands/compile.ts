import { basename } from "path";
import type { AvroSchema } from "../../avro";
import { fingerprint, isNamed } from "../../avro";
import { readSchemaFile } from "../../registry";
import type { ValidationOptions } from "../../validators";
import {
  DIALECTS,
  assertCompilableTopLevel,
  compileJsonSchema,
  compileLuaValidator,
  formatJsonSchema,
} from "../../validators";
import { defineCommand } from "../args";

/**
 * `compile`: prints the validator for one schema: the Lua chunk for Kong's `pre-function`
 * (access phase), or the JSON Schema draft-04 document for Kong Enterprise's `request-validator`.
 */
export const command = defineCommand(
  {
    name: "compile",
    summary:
      "print the payload validator for a schema: Lua for pre-function, or JSON Schema draft-04",
    options: {
      schema: { value: "FILE", required: true, description: "the Avro schema file" },
      target: {
        value: "TARGET",
        choices: ["lua", "json-schema"],
        required: true,
        description: "a Lua chunk for pre-function, or JSON Schema for request-validator",
      },
      dialect: {
        value: "DIALECT",
        choices: DIALECTS,
        default: "plain",
        description: "how JSON bodies encode Avro values",
      },
      "allow-unknown-fields": { description: "accept record fields the schema does not declare" },
    },
  },
  async (args, io) => {
    const file = args.value("schema");
    const options: ValidationOptions = {
      dialect: args.value("dialect"),
      allowUnknownFields: args.flag("allow-unknown-fields"),
    };
    const schema = readSchemaFile(file, { cwd: io.cwd });
    assertCompilableTopLevel(schema, file);
    io.out(
      args.value("target") === "lua"
        ? compileLua(schema, file, options)
        : formatJsonSchema(compileJsonSchema(schema, options)),
    );
    return 0;
  },
);

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
