import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runAvroKong } from "../support/cli";
import { PROJECT_ROOT, RepoCopy } from "../registry/fixture";

/** Runs `avro-kong …` in `cwd` with a fake terminal. */
function run(cwd: string, ...argv: string[]) {
  return runAvroKong(cwd, argv);
}

describe("avro-kong schema canonical / fingerprint", () => {
  const v1 = "schemas/shop.orders.OrderAccepted/v1.avsc";

  it("prints the Parsing Canonical Form on one line", async () => {
    expect(await run(PROJECT_ROOT, "schema", "canonical", v1)).toEqual({
      code: 0,
      out: '{"name":"shop.orders.OrderAccepted","type":"record","fields":[{"name":"orderId","type":"string"},{"name":"acceptedAt","type":"long"},{"name":"estimatedDelivery","type":"int"}]}',
      err: "",
    });
  });

  it("resolves shared types of the repository the file is in", async () => {
    const { code, out } = await run(
      PROJECT_ROOT,
      "schema",
      "canonical",
      "schemas/shop.catalog.Product/v1.avsc",
    );
    expect(code).toBe(0);
    expect(out).toContain('{"name":"price","type":{"name":"shop.common.Money","type":"record"');
  });

  describe("fingerprints", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "avro-kong-cli-"));
      writeFileSync(join(dir, "int.avsc"), '{"type": "int"}');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      [[], "8f5c393f1ad57572"],
      [["--algorithm", "crc64"], "8f5c393f1ad57572"],
      [["--algorithm=sha256"], "3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45"],
      [["--algorithm", "md5"], "ef524ea1b91e73173d938ade36c1db32"],
    ])("with %j prints %s", async (options, hex) => {
      expect(await run(dir, "schema", "fingerprint", "int.avsc", ...options)).toEqual({
        code: 0,
        out: hex,
        err: "",
      });
    });

    it("rejects an unknown algorithm", async () => {
      expect(await run(dir, "schema", "fingerprint", "int.avsc", "--algorithm", "sha1")).toEqual({
        code: 2,
        out: "",
        err: 'Option --algorithm is "sha1"; expected one of: crc64, sha256, md5 (usage: avro-kong schema fingerprint FILE [--algorithm crc64|sha256|md5] [--pin]).',
      });
    });
  });
});

describe("avro-kong schema fingerprint --pin", () => {
  const pinned = readdirSync(join(PROJECT_ROOT, "stacks/pins")).flatMap((file) =>
    Object.entries(
      JSON.parse(readFileSync(join(PROJECT_ROOT, "stacks/pins", file), "utf8")).subjects as Record<
        string,
        { version: number; fingerprint: string; sha256: string }
      >,
    ).map(([subject, { version, fingerprint, sha256 }]) => {
      // What a pin records of its version; its history is promote's.
      return [`${file} ${subject}`, subject, { version, fingerprint, sha256 }] as const;
    }),
  );

  it.each(pinned)("prints exactly the entry of %s", async (_title, subject, pin) => {
    const file = `schemas/${subject}/v${pin.version}.avsc`;
    const result = await run(PROJECT_ROOT, "schema", "fingerprint", file, "--pin");
    expect(result).toEqual({ code: 0, out: JSON.stringify({ [subject]: pin }, null, 2), err: "" });
  });

  it("needs a version file of a subject", async () => {
    const dir = mkdtempSync(join(tmpdir(), "avro-kong-cli-pin-"));
    try {
      writeFileSync(join(dir, "int.avsc"), '{"type": "int"}');
      expect(await run(dir, "schema", "fingerprint", "int.avsc", "--pin")).toEqual({
        code: 2,
        out: "",
        err: "int.avsc: --pin needs a version file schemas/<subject>/v<N>.avsc holding the named type <subject>, since pins record versions of subjects.",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const v1 = "schemas/shop.orders.OrderAccepted/v1.avsc";
    expect(
      await run(PROJECT_ROOT, "schema", "fingerprint", v1, "--pin", "--algorithm", "md5"),
    ).toEqual({
      code: 2,
      out: "",
      err: "Options --pin and --algorithm exclude each other: a pin records both crc64 and sha256.",
    });
  });
});

describe("avro-kong schema with bad input: one sentence naming the file, exit 2, nothing written", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-cli-bad-"));
    mkdirSync(join(dir, "a-directory.avsc"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const record = (fields: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ type: "record", name: "shop.orders.Order", fields, ...extra });

  const cases: Array<[string, string, string]> = [
    [
      "malformed JSON",
      '{\n  "type": "record",\n  "name": "Order",\n}',
      "bad.avsc line 4, column 1: malformed JSON: trailing comma before '}'.",
    ],
    ["an empty file", "", "bad.avsc: the file is empty; expected JSON."],
    [
      "JSON that is not a schema",
      "42",
      "bad.avsc: expected a type name, a schema object or a union array, not 42.",
    ],
    [
      "a misspelt type",
      '{"type": "recrod", "name": "X", "fields": []}',
      'bad.avsc at /type: unknown type "recrod".',
    ],
    [
      "a record without fields",
      '{"type": "record", "name": "X"}',
      'bad.avsc: missing "fields" of the record.',
    ],
    [
      "an invalid name",
      record([], { name: "shop.orders.Order-Placed" }),
      'bad.avsc at /name: invalid name "shop.orders.Order-Placed"; each part of a name must match [A-Za-z_][A-Za-z0-9_]*.',
    ],
    [
      "a duplicate field",
      record([
        { name: "id", type: "string" },
        { name: "id", type: "long" },
      ]),
      'bad.avsc at /fields/1/name: duplicate field name "id".',
    ],
    [
      "a default of the wrong type",
      record([{ name: "qty", type: "int", default: "abc" }]),
      'bad.avsc at /fields/0/default: default "abc" does not match type int.',
    ],
    [
      "an optional field with a non-null default",
      record([{ name: "note", type: ["null", "string"], default: "" }]),
      'bad.avsc at /fields/0/default: default "" does not match type null, the first branch of the union.',
    ],
    [
      "an undefined named type",
      record([{ name: "total", type: "Money" }]),
      'bad.avsc at /fields/0/type: unknown type "shop.orders.Money".',
    ],
    [
      "a duplicate enum symbol",
      record([{ name: "s", type: { type: "enum", name: "S", symbols: ["A", "A"] } }]),
      'bad.avsc at /fields/0/type/symbols/1: duplicate enum symbol "A".',
    ],
    [
      "an enum default that is not a symbol",
      JSON.stringify({ type: "enum", name: "S", symbols: ["A"], default: "B" }),
      'bad.avsc at /default: enum default "B" is not one of its symbols.',
    ],
    [
      "a decimal whose scale exceeds its precision",
      record([
        { name: "p", type: { type: "bytes", logicalType: "decimal", precision: 2, scale: 3 } },
      ]),
      "bad.avsc at /fields/0/type/scale: decimal scale 3 is greater than its precision 2.",
    ],
    [
      "a decimal too large for its fixed",
      JSON.stringify({ type: "fixed", name: "D", size: 2, logicalType: "decimal", precision: 5 }),
      "bad.avsc at /precision: decimal precision 5 does not fit in a fixed of size 2 (at most 4).",
    ],
    [
      "a negative fixed size",
      JSON.stringify({ type: "fixed", name: "F", size: -1 }),
      "bad.avsc at /size: fixed size must be a non-negative integer, not -1.",
    ],
    [
      "a union inside a union",
      record([{ name: "u", type: ["null", ["int", "long"]] }]),
      "bad.avsc at /fields/0/type/1: a union cannot directly contain another union.",
    ],
    [
      "a union with two strings",
      record([{ name: "u", type: ["string", { type: "string", logicalType: "uuid" }] }]),
      'bad.avsc at /fields/0/type/1: the union already has a branch of type "string".',
    ],
    [
      "a redefined named type",
      record([
        { name: "a", type: { type: "fixed", name: "H", size: 1 } },
        { name: "b", type: { type: "fixed", name: "H", size: 1 } },
      ]),
      'bad.avsc at /fields/1/type/name: type "shop.orders.H" is already defined.',
    ],
    [
      "an array without items",
      record([{ name: "a", type: { type: "array" } }]),
      'bad.avsc at /fields/0/type: missing "items".',
    ],
    [
      "an int default out of range",
      record([{ name: "n", type: "int", default: 4294967296 }]),
      "bad.avsc at /fields/0/default: default 4294967296 does not match type int (outside the 32-bit signed range).",
    ],
    [
      "nesting far deeper than the call stack",
      "[".repeat(100_000),
      "bad.avsc line 1, column 1001: JSON nested deeper than 1000 levels of arrays and objects.",
    ],
    [
      "a repeated key",
      '{"type": "record", "name": "Evil", "name": "R", "fields": []}',
      'bad.avsc line 1, column 36: duplicate key "name" (first at line 1, column 20); a JSON object must not repeat a key.',
    ],
  ];

  it.each(cases)("%s", async (_title, text, message) => {
    writeFileSync(join(dir, "bad.avsc"), text);
    for (const args of [
      ["canonical", "bad.avsc"],
      ["fingerprint", "bad.avsc"],
    ]) {
      expect(await run(dir, "schema", ...args)).toEqual({ code: 2, out: "", err: message });
    }
  });

  it("refuses a file that is not UTF-8, at the broken byte", async () => {
    writeFileSync(
      join(dir, "latin1.avsc"),
      Buffer.from('{"type": "enum", "name": "Caf\xe9"}', "latin1"),
    );
    expect(await run(dir, "schema", "canonical", "latin1.avsc")).toEqual({
      code: 2,
      out: "",
      err: "latin1.avsc line 1, column 30: invalid UTF-8 (byte 0xe9 at byte offset 29); the text must be UTF-8.",
    });
  });

  it.each([
    [["canonical", "missing.avsc"], "missing.avsc: no such file or directory."],
    [["fingerprint", "a-directory.avsc"], "a-directory.avsc: is a directory, not a file."],
    [["canonical"], "Missing FILE (usage: avro-kong schema canonical FILE)."],
    [
      ["canonical", "a.avsc", "b.avsc"],
      'Unexpected argument "b.avsc" after FILE (usage: avro-kong schema canonical FILE).',
    ],
    [
      ["canonical", "--pretty", "a.avsc"],
      "Unknown option --pretty; expected one of: --help (usage: avro-kong schema canonical FILE).",
    ],
    [
      ["check", "no-such-dir"],
      "__DIR__/no-such-dir/schemas: no such file or directory; expected the schemas directory of a repository.",
    ],
    [
      ["check", "a", "b"],
      'Unexpected argument "b" after DIR (usage: avro-kong schema check [DIR]).',
    ],
    [
      ["validate"],
      'Unknown subcommand "validate" (usage: avro-kong schema <subcommand>, one of: canonical, fingerprint, compat, check).',
    ],
    [
      [],
      "Missing subcommand (usage: avro-kong schema <subcommand>, one of: canonical, fingerprint, compat, check).",
    ],
  ])("schema %j", async (args, message) => {
    expect(await run(dir, "schema", ...args)).toEqual({
      code: 2,
      out: "",
      err: message.replace("__DIR__", dir),
    });
  });
});

describe("avro-kong schema check", () => {
  it("passes on the example domain", async () => {
    expect(await run(PROJECT_ROOT, "schema", "check")).toEqual({
      code: 0,
      out: "No problems: 9 subjects, 19 versions, 2 shared types, 3 pinned environments.",
      err: "",
    });
  });

  it("prints every problem, one line each, with files relative to where it runs; exit 1", async () => {
    const repo = new RepoCopy();
    try {
      repo.edit(
        "schemas/shop.orders.OrderAccepted/v2.avsc",
        (json) => (json.doc = "Edited after pinning."),
      );
      repo.remove("schemas/shop.catalog.Product/v1.avsc");
      const result = await run(
        join(repo.root, ".."),
        "schema",
        "check",
        repo.root.split("/").pop() as string,
      );
      const base = repo.root.split("/").pop();
      expect(result.code).toBe(1);
      const edited = (env: string) =>
        expect.stringMatching(
          `^${base}/schemas/shop.orders.OrderAccepted/v2.avsc: v2 of "shop.orders.OrderAccepted" was edited after it was pinned in stacks/pins/${env}.json: .*: its sha256 is [0-9a-f]{64}, the pin says [0-9a-f]{64}; add a new version instead.$`,
        );
      const ranMissing = (env: string) =>
        `${base}/stacks/pins/${env}.json at /subjects/shop.catalog.Product/history/0/version: records that ${env} ran version 1 of "shop.catalog.Product", which does not exist.`;
      expect(result.out.split("\n")).toEqual([
        `${base}/schemas/shop.catalog.Product/v1.avsc: version 1 of "shop.catalog.Product" is missing; versions are numbered 1, 2, 3, … without gaps.`,
        ranMissing("dev"),
        edited("dev"),
        `${base}/stacks/pins/prod.json at /subjects/shop.catalog.Product/version: pins version 1 of "shop.catalog.Product", which does not exist.`,
        ranMissing("staging"),
        edited("staging"),
      ]);
      expect(result.err).toBe("6 problems found.");
    } finally {
      repo.dispose();
    }
  });
});

describe("avro-kong schema compat", () => {
  it("is delegated to the compatibility command", async () => {
    const result = await run(
      PROJECT_ROOT,
      "schema",
      "compat",
      "--reader",
      "schemas/shop.orders.OrderAccepted/v2.avsc",
      "--writer",
      "schemas/shop.orders.OrderAccepted/v1.avsc",
      "--json",
    );
    expect(result).toEqual({ code: 0, out: '{"compatible":true,"errors":[]}', err: "" });
  });
});
