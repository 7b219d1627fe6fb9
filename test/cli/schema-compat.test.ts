import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runAvroKong } from "../support/cli";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "avro-kong-compat-"));
  const write = (name: string, json: unknown) =>
    writeFileSync(join(dir, name), JSON.stringify(json));
  const money = (cents: string) => ({
    type: "record",
    name: "shop.common.Money",
    fields: [
      { name: "cents", type: cents },
      { name: "currency", type: "string" },
    ],
  });
  write("money-int.avsc", money("int"));
  write("money-long.avsc", money("long"));
  write("color-rgb.avsc", { type: "enum", name: "Color", symbols: ["R", "G", "B"] });
  write("color-rg.avsc", { type: "enum", name: "Color", symbols: ["R", "G"] });
  writeFileSync(join(dir, "broken.avsc"), '{"type": "record",\n  "name": }');
  write("not-avro.avsc", { type: "recrod", name: "X", fields: [] });
  mkdirSync(join(dir, "folder.avsc"));
  // A repository whose subjects share `shop.common.Money` from schemas/_types.
  mkdirSync(join(dir, "schemas", "_types"), { recursive: true });
  mkdirSync(join(dir, "schemas", "shop.orders.OrderPlaced"));
  write("schemas/_types/shop.common.Money.avsc", money("long"));
  const order = (extra: object[]) => ({
    type: "record",
    name: "shop.orders.OrderPlaced",
    fields: [{ name: "total", type: "shop.common.Money" }, ...extra],
  });
  write("schemas/shop.orders.OrderPlaced/v1.avsc", order([]));
  write("schemas/shop.orders.OrderPlaced/v2.avsc", order([{ name: "note", type: "string" }]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `avro-kong schema compat …` in the test directory. */
function run(...args: string[]) {
  return runAvroKong(dir, ["schema", "compat", ...args]);
}

describe("schema compat", () => {
  it("prints `compatible` and exits 0", async () => {
    expect(await run("--reader", "money-long.avsc", "--writer", "money-int.avsc")).toEqual({
      code: 0,
      out: "compatible",
      err: "",
    });
  });

  it("prints `incompatible` and one line per error, and exits 1", async () => {
    expect(await run("--reader", "money-int.avsc", "--writer", "money-long.avsc")).toEqual({
      code: 1,
      out: "incompatible\nTYPE_MISMATCH at /fields/0/type: reader type: INT not compatible with writer type: LONG",
      err: "",
    });
  });

  it("--json prints the verdict and every error as one JSON document", async () => {
    const result = await run("--reader", "color-rg.avsc", "--writer", "color-rgb.avsc", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      compatible: false,
      errors: [{ type: "MISSING_ENUM_SYMBOLS", path: "/symbols", message: "[B]" }],
    });
  });

  it("--json on a compatible pair", async () => {
    const result = await run("--json", "--reader=color-rgb.avsc", "--writer=color-rg.avsc");
    expect(result).toEqual({ code: 0, out: '{"compatible":true,"errors":[]}', err: "" });
  });

  it("reads files relative to the working directory, or absolute", async () => {
    expect(
      (await run("--reader", join(dir, "money-long.avsc"), "--writer", "money-int.avsc")).code,
    ).toBe(0);
  });

  it("resolves shared types from schemas/_types", async () => {
    const v1 = "schemas/shop.orders.OrderPlaced/v1.avsc";
    const v2 = "schemas/shop.orders.OrderPlaced/v2.avsc";
    expect(await run("--reader", v1, "--writer", v2)).toEqual({
      code: 0,
      out: "compatible",
      err: "",
    });
    expect(await run("--reader", v2, "--writer", v1)).toEqual({
      code: 1,
      out: "incompatible\nREADER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: note",
      err: "",
    });
  });

  describe("bad input: exit 2 and one sentence naming the file", () => {
    it.each([
      [
        ["--reader", "missing.avsc", "--writer", "money-int.avsc"],
        "missing.avsc: no such file or directory.",
      ],
      [
        ["--reader", "money-int.avsc", "--writer", "folder.avsc"],
        "folder.avsc: is a directory, not a file.",
      ],
      [
        ["--reader", "broken.avsc", "--writer", "money-int.avsc"],
        /^broken\.avsc line 2, column 11: malformed JSON: .+\.$/,
      ],
      [
        ["--reader", "money-int.avsc", "--writer", "not-avro.avsc"],
        /^not-avro\.avsc at \/type: .*"recrod".*\.$/,
      ],
      [
        ["--writer", "money-int.avsc"],
        "Missing --reader FILE (usage: avro-kong schema compat --reader FILE --writer FILE [--json]).",
      ],
      [
        ["--reader", "money-int.avsc"],
        "Missing --writer FILE (usage: avro-kong schema compat --reader FILE --writer FILE [--json]).",
      ],
      [
        ["--reader", "a", "--writer", "b", "extra"],
        'Unexpected argument "extra" (usage: avro-kong schema compat --reader FILE --writer FILE [--json]).',
      ],
      [
        ["--reader", "a", "--writer", "b", "--yaml"],
        "Unknown option --yaml; expected one of: --reader, --writer, --json, --help (usage: avro-kong schema compat --reader FILE --writer FILE [--json]).",
      ],
    ])("%j", async (args, message) => {
      const result = await run(...(args as string[]));
      expect(result.code).toBe(2);
      expect(result.out).toBe("");
      expect(result.err).toMatch(message);
      expect(result.err.split("\n")).toHaveLength(1);
    });
  });
});
