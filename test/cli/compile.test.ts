import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runAvroKong } from "../support/cli";

/** Runs `avro-kong …` in `cwd` with a fake terminal. */
function run(cwd: string, ...argv: string[]) {
  return runAvroKong(cwd, argv);
}

const RECORD = {
  type: "record",
  name: "t.Reading",
  fields: [
    { name: "sensor", type: "string" },
    { name: "at", type: "long" },
    { name: "tag", type: ["null", "string"], default: null },
  ],
};

describe("avro-kong compile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-compile-"));
    mkdirSync(join(dir, "t.Reading"));
    writeFileSync(join(dir, "t.Reading", "v3.avsc"), JSON.stringify(RECORD));
    writeFileSync(join(dir, "list.avsc"), '{"type": "array", "items": "int"}');
    writeFileSync(join(dir, "int.avsc"), '"int"');
    writeFileSync(join(dir, "color.avsc"), '{"type": "enum", "name": "t.C", "symbols": ["A"]}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--target json-schema prints the draft-04 document, two-space indented", async () => {
    const { code, out, err } = await run(
      dir,
      "compile",
      "--schema",
      "t.Reading/v3.avsc",
      "--target",
      "json-schema",
    );
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toBe(
      [
        "{",
        '  "$schema": "http://json-schema.org/draft-04/schema#",',
        '  "$ref": "#/definitions/t.Reading",',
        '  "definitions": {',
        '    "t.Reading": {',
        '      "type": "object",',
        '      "properties": {',
        '        "sensor": {',
        '          "type": "string"',
        "        },",
        '        "at": {',
        '          "type": "integer",',
        '          "minimum": -9223372036854775808,',
        '          "maximum": 9223372036854775808,',
        '          "exclusiveMaximum": true',
        "        },",
        '        "tag": {',
        '          "anyOf": [',
        "            {",
        '              "type": "null"',
        "            },",
        "            {",
        '              "type": "string"',
        "            }",
        "          ]",
        "        }",
        "      },",
        '      "required": [',
        '        "sensor",',
        '        "at"',
        "      ],",
        '      "additionalProperties": false',
        "    }",
        "  }",
        "}",
      ].join("\n"),
    );
  });

  it("honours --dialect and --allow-unknown-fields", async () => {
    const { out } = await run(
      dir,
      "compile",
      "--schema",
      "t.Reading/v3.avsc",
      "--target=json-schema",
      "--dialect",
      "avro-json",
      "--allow-unknown-fields",
    );
    const record = (JSON.parse(out) as { definitions: Record<string, Record<string, unknown>> })
      .definitions["t.Reading"];
    expect(record.required).toEqual(["sensor", "at", "tag"]);
    expect(record.additionalProperties).toBeUndefined();
  });

  it("compiles a top-level array", async () => {
    const { code, out } = await run(
      dir,
      "compile",
      "--schema",
      "list.avsc",
      "--target",
      "json-schema",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      $schema: "http://json-schema.org/draft-04/schema#",
      type: "array",
      items: { type: "integer", minimum: -2147483648, maximum: 2147483647 },
    });
  });

  it("--target lua prints a chunk that returns the access function", async () => {
    const { code, out, err } = await run(
      dir,
      "compile",
      "--schema",
      "t.Reading/v3.avsc",
      "--target",
      "lua",
    );
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toContain("return function");
    expect(out).toContain("t.Reading");
  });

  it("refuses a top-level type a gateway body cannot have, in one sentence", async () => {
    for (const target of ["json-schema", "lua"]) {
      expect(await run(dir, "compile", "--schema", "int.avsc", "--target", target)).toEqual({
        code: 2,
        out: "",
        err: "int.avsc: the top-level type is int, but a request or response body can only be validated against a record, a map or an array (Kong decodes JSON objects and arrays only).",
      });
    }
    expect((await run(dir, "compile", "--schema", "color.avsc", "--target", "lua")).err).toMatch(
      /^color\.avsc: the top-level type is enum, /,
    );
  });

  it("exits 2 with one sentence for bad arguments", async () => {
    expect(await run(dir, "compile", "--schema", "list.avsc")).toEqual({
      code: 2,
      out: "",
      err: "Missing --target lua|json-schema (usage: avro-kong compile --schema FILE --target lua|json-schema [--dialect plain|avro-json] [--allow-unknown-fields]).",
    });
    expect((await run(dir, "compile", "--schema", "list.avsc", "--target", "wasm")).err).toBe(
      'Option --target is "wasm"; expected one of: lua, json-schema (usage: avro-kong compile --schema FILE --target lua|json-schema [--dialect plain|avro-json] [--allow-unknown-fields]).',
    );
    expect((await run(dir, "compile", "--target", "lua")).err).toBe(
      "Missing --schema FILE (usage: avro-kong compile --schema FILE --target lua|json-schema [--dialect plain|avro-json] [--allow-unknown-fields]).",
    );
    expect(await run(dir, "compile", "--schema", "none.avsc", "--target", "lua")).toEqual({
      code: 2,
      out: "",
      err: "none.avsc: no such file or directory.",
    });
  });
});
