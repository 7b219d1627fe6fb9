import { mkdirSync } from "fs";
import { canonicalForm, type RecordSchema } from "../../src/avro";
import { UserError } from "../../src/common";
import { readSchemaFile } from "../../src/registry";
import { PROJECT_ROOT, RepoCopy } from "./fixture";

describe("readSchemaFile", () => {
  it("resolves shared types for a file under schemas/", () => {
    const schema = readSchemaFile("schemas/shop.orders.OrderPlaced/v1.avsc", {
      cwd: PROJECT_ROOT,
    }) as RecordSchema;
    expect(schema.fields.find((f) => f.name === "total")?.type).toMatchObject({
      kind: "record",
      name: "shop.common.Money",
    });
  });

  it("reads a shared type file itself, and files given by absolute path", () => {
    const money = readSchemaFile(`${PROJECT_ROOT}/schemas/_types/shop.common.Money.avsc`);
    expect(canonicalForm(money)).toBe(
      '{"name":"shop.common.Money","type":"record","fields":[{"name":"amountMinor","type":"long"},{"name":"currency","type":{"name":"shop.common.Currency","type":"enum","symbols":["EUR","USD","GBP","CHF"]}}]}',
    );
  });

  describe("bad input", () => {
    let repo: RepoCopy;
    beforeEach(() => (repo = new RepoCopy()));
    afterEach(() => repo.dispose());
    const read = (file: string) => () => readSchemaFile(file, { cwd: repo.root });

    it("names a missing file or a directory", () => {
      expect(read("schemas/nope.avsc")).toThrow(
        new UserError("schemas/nope.avsc: no such file or directory."),
      );
      mkdirSync(repo.path("dir.avsc"));
      expect(read("dir.avsc")).toThrow("dir.avsc: is a directory, not a file.");
    });

    it("names the file with line and column for malformed JSON", () => {
      repo.write("x.avsc", '{"type": "enum", "name": "E", "symbols": ["A" "B"]}');
      expect(read("x.avsc")).toThrow(
        "x.avsc line 1, column 47: malformed JSON: unexpected \"\\\"\"; expected ',' or ']' after an array element.",
      );
    });

    it("does not resolve shared types outside a schemas directory", () => {
      repo.writeJson("x.avsc", {
        type: "record",
        name: "X",
        fields: [{ name: "m", type: "shop.common.Money" }],
      });
      expect(read("x.avsc")).toThrow('x.avsc at /fields/0/type: unknown type "shop.common.Money".');
    });

    it("reports the broken shared type a file uses, not just an unknown name", () => {
      repo.edit("schemas/_types/shop.common.Money.avsc", (json) => (json.fields = "amount"));
      expect(read("schemas/shop.orders.OrderPlaced/v1.avsc")).toThrow(
        'schemas/_types/shop.common.Money.avsc at /fields: "fields" must be an array, not "amount".',
      );
    });

    it("is not stopped by a stray file in schemas/_types it does not use", () => {
      repo.write("schemas/_types/notes.txt", "");
      expect(read("schemas/shop.orders.OrderAccepted/v1.avsc")().kind).toBe("record");
    });

    it("refuses to define a shared type again", () => {
      repo.writeJson("schemas/money2.avsc", {
        type: "record",
        name: "shop.common.Money",
        fields: [],
      });
      expect(read("schemas/money2.avsc")).toThrow(
        'schemas/money2.avsc at /name: type "shop.common.Money" is already defined in schemas/_types/shop.common.Money.avsc; refer to it by name.',
      );
    });
  });
});
