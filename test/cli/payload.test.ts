import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Type } from "avsc";
import { fingerprint, parseSchema } from "../../src/avro";
import { runAvroKong } from "../support/cli";

function run(cwd: string, argv: string[], stdin: string | Uint8Array = "") {
  return runAvroKong(cwd, argv, stdin);
}

const ORDER = {
  type: "record",
  name: "Order",
  namespace: "shop",
  fields: [
    { name: "id", type: "string" },
    { name: "qty", type: "int", default: 1 },
    { name: "note", type: ["null", "string"], default: null },
  ],
};

describe("avro-kong payload validate", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-payload-"));
    writeFileSync(join(dir, "order.avsc"), JSON.stringify(ORDER));
    writeFileSync(join(dir, "ok.json"), '{"id": "a", "note": "hi"}');
    writeFileSync(join(dir, "bad.json"), '{"qty": 1.5, "a/b": true}');
    writeFileSync(join(dir, "broken.json"), '{\n  "id": "a",\n  "qty": 1,\n}');
    writeFileSync(
      join(dir, "bad.avsc"),
      '{"type": "record", "name": "R", "fields": [{"name": "x", "type": "intt"}]}',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints valid and exits 0 for a valid payload", async () => {
    expect(await run(dir, ["payload", "validate", "--schema", "order.avsc", "ok.json"])).toEqual({
      code: 0,
      out: "valid",
      err: "",
    });
  });

  it("prints one PATH: message line per error and exits 1", async () => {
    expect(await run(dir, ["payload", "validate", "--schema", "order.avsc", "bad.json"])).toEqual({
      code: 1,
      out: [
        '/id: missing required field "id" of record shop.Order',
        "/qty: expected int, found 1.5 (not a whole number)",
        '/a~1b: unknown field "a/b"; record shop.Order does not declare it',
      ].join("\n"),
      err: "",
    });
  });

  it("names the payload itself (root) and reads stdin for - or no PAYLOAD", async () => {
    const expected = {
      code: 1,
      out: "(root): expected record shop.Order, found array (a JSON object)",
      err: "",
    };
    expect(await run(dir, ["payload", "validate", "--schema", "order.avsc", "-"], "[]")).toEqual(
      expected,
    );
    expect(await run(dir, ["payload", "validate", "--schema", "order.avsc"], "[]")).toEqual(
      expected,
    );
  });

  it("honours --dialect and --allow-unknown-fields", async () => {
    const args = ["payload", "validate", "--schema", "order.avsc", "-"];
    expect(
      await run(
        dir,
        [...args, "--dialect", "avro-json"],
        '{"id": "a", "qty": 2, "note": {"string": "x"}}',
      ),
    ).toEqual({ code: 0, out: "valid", err: "" });
    expect(
      (await run(dir, [...args, "--dialect", "avro-json"], '{"id": "a", "qty": 2, "note": "x"}'))
        .code,
    ).toBe(1);
    expect(await run(dir, [...args, "--allow-unknown-fields"], '{"id": "a", "extra": 1}')).toEqual({
      code: 0,
      out: "valid",
      err: "",
    });
    expect((await run(dir, args, '{"id": "a", "extra": 1}')).code).toBe(1);
  });

  it("checks Avro binary and single-object bodies with --encoding", async () => {
    const type = Type.forSchema(ORDER as never);
    const body = type.toBuffer({ id: "a", qty: 2, note: "x" });
    const args = ["payload", "validate", "--schema", "order.avsc", "-", "--encoding"];
    expect(await run(dir, [...args, "avro-binary"], body)).toEqual({
      code: 0,
      out: "valid",
      err: "",
    });
    expect(await run(dir, [...args, "avro-binary"], body.subarray(0, 3))).toEqual({
      code: 1,
      out: "/note: the body ends inside the union that starts at byte 3",
      err: "",
    });
    const framed = Buffer.concat([
      Buffer.from([0xc3, 0x01]),
      Buffer.from(fingerprint(parseSchema(ORDER)), "hex"),
      body,
    ]);
    expect(await run(dir, [...args, "avro-single-object"], framed)).toEqual({
      code: 0,
      out: "valid",
      err: "",
    });
    expect((await run(dir, [...args, "avro-single-object"], body)).out).toBe(
      "(root): the body does not start with the single-object marker C3 01",
    );
  });

  it("exits 2 with one sentence for bad input", async () => {
    const validate = ["payload", "validate", "--schema"];
    expect(await run(dir, [...validate, "order.avsc", "missing.json"])).toEqual({
      code: 2,
      out: "",
      err: "missing.json: no such file or directory.",
    });
    // The wording of JSON syntax errors belongs to the shared JSON reader; here: file, line, column.
    const broken = await run(dir, [...validate, "order.avsc", "broken.json"]);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^broken\.json line 4, column 1: malformed JSON: [^\n]+\.$/);
    expect((await run(dir, [...validate, "order.avsc", "-"], "{")).err).toMatch(
      /^stdin line 1, column 2: malformed JSON: [^\n]+\.$/,
    );
    const badSchema = await run(dir, [...validate, "bad.avsc", "ok.json"]);
    expect(badSchema.code).toBe(2);
    expect(badSchema.err).toMatch(/^bad\.avsc/);
    expect(badSchema.err.split("\n")).toHaveLength(1);
    expect(await run(dir, [...validate, "nope.avsc", "ok.json"])).toEqual({
      code: 2,
      out: "",
      err: "nope.avsc: no such file or directory.",
    });
    expect(await run(dir, [...validate, "order.avsc", "--dialect", "xml", "ok.json"])).toEqual({
      code: 2,
      out: "",
      err: 'Option --dialect is "xml"; expected one of: plain, avro-json (usage: avro-kong payload validate [PAYLOAD] --schema FILE [--dialect plain|avro-json] [--allow-unknown-fields] [--encoding json|avro-binary|avro-single-object]).',
    });
    expect((await run(dir, ["payload", "validate", "ok.json"])).err).toBe(
      "Missing --schema FILE (usage: avro-kong payload validate [PAYLOAD] --schema FILE [--dialect plain|avro-json] [--allow-unknown-fields] [--encoding json|avro-binary|avro-single-object]).",
    );
    expect((await run(dir, ["payload", "check"])).err).toMatch(
      /^Unknown subcommand "check" \(usage: avro-kong payload <subcommand>, one of: validate\)\.$/,
    );
  });

  it("answers a key repeated in one object as the gateway does: a payload error at the later occurrence, exit 1", async () => {
    const args = ["payload", "validate", "--schema", "order.avsc", "-"];
    const message =
      "key repeated in this object; a JSON object must not repeat a key (decoders differ on which value they keep)";
    expect(await run(dir, args, '{"id": "a", "id": 7}')).toEqual({
      code: 1,
      out: `/id: ${message}`,
      err: "",
    });
    // Escapes are read: "\u0069d" is "id". A problem of the text elsewhere still wins (exit 2).
    expect((await run(dir, args, '{"id": "a", "\\u0069d": "b"}')).out).toBe(`/id: ${message}`);
    expect((await run(dir, args, '{"id": "a", "id": "b", "x": tru}')).code).toBe(2);
  });

  it("validates a body as deep as Kong decodes under a union whose two branches recurse", async () => {
    const tree = {
      type: "record",
      name: "t.Tree",
      fields: [{ name: "kids", type: ["null", "t.Tree", { type: "map", values: "t.Tree" }] }],
    };
    writeFileSync(join(dir, "tree.avsc"), JSON.stringify(tree));
    const body = (levels: number) => '{"kids":'.repeat(levels) + "null" + "}".repeat(levels);
    const args = ["payload", "validate", "--schema", "tree.avsc"];
    for (const levels of [800, 1000])
      expect(await run(dir, args, body(levels))).toEqual({ code: 0, out: "valid", err: "" });
    expect(await run(dir, args, body(1001))).toEqual({
      code: 2,
      out: "",
      err: "stdin line 1, column 8001: JSON nested deeper than 1000 levels of arrays and objects.",
    });
  });

  it("checks an Avro binary body of any depth: valid to 1000 levels, then one sentence", async () => {
    const tree = {
      type: "record",
      name: "t.Tree",
      fields: [{ name: "kids", type: ["null", "t.Tree", { type: "map", values: "t.Tree" }] }],
    };
    writeFileSync(join(dir, "tree.avsc"), JSON.stringify(tree));
    // Each level: the union's second branch (index 1, zig-zag 2), then the next tree; null at the end.
    const body = (levels: number) => Uint8Array.from([...Array<number>(levels - 1).fill(2), 0]);
    const args = ["payload", "validate", "--schema", "tree.avsc", "-", "--encoding", "avro-binary"];
    expect(await run(dir, args, body(1000))).toEqual({ code: 0, out: "valid", err: "" });
    for (const levels of [1001, 1_000_000])
      expect(await run(dir, args, body(levels))).toEqual({
        code: 1,
        out: `${"/kids".repeat(1000)}: nesting deeper than 1000 levels of records, arrays and maps`,
        err: "",
      });
  });

  it("refuses deep and non-UTF-8 payloads with one sentence and exit 2", async () => {
    const args = ["payload", "validate", "--schema", "order.avsc"];
    writeFileSync(join(dir, "deep.json"), "[".repeat(100_000));
    expect(await run(dir, [...args, "deep.json"])).toEqual({
      code: 2,
      out: "",
      err: "deep.json line 1, column 1001: JSON nested deeper than 1000 levels of arrays and objects.",
    });
    const latin1 = Buffer.from('{"id": "caf\xe9"}', "latin1");
    writeFileSync(join(dir, "latin1.json"), latin1);
    const expected = (file: string) => ({
      code: 2,
      out: "",
      err: `${file} line 1, column 12: invalid UTF-8 (byte 0xe9 at byte offset 11); the text must be UTF-8.`,
    });
    expect(await run(dir, [...args, "latin1.json"])).toEqual(expected("latin1.json"));
    expect(await run(dir, [...args, "-"], latin1)).toEqual(expected("stdin"));
  });
});
