import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { listDir, readText } from "../../src/registry/files";
import { parseVersionFileName, pinsFile, sharedTypeFile, versionFile } from "../../src/registry";

describe("layout", () => {
  it("names files", () => {
    expect(versionFile("shop.orders.OrderPlaced", 2)).toBe(
      "schemas/shop.orders.OrderPlaced/v2.avsc",
    );
    expect(sharedTypeFile("shop.common.Money")).toBe("schemas/_types/shop.common.Money.avsc");
    expect(pinsFile("prod")).toBe("stacks/pins/prod.json");
  });

  it("reads version numbers only from v<N>.avsc without leading zeros", () => {
    expect(parseVersionFileName("v1.avsc")).toBe(1);
    expect(parseVersionFileName("v12.avsc")).toBe(12);
    for (const name of ["v0.avsc", "v01.avsc", "V1.avsc", "v1.json", "1.avsc", "v1.avsc.bak"]) {
      expect(parseVersionFileName(name)).toBeUndefined();
    }
  });
});

describe("files", () => {
  const dir = mkdtempSync(join(tmpdir(), "avro-kong-files-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("turns an unreadable directory or file into a problem naming it", () => {
    writeFileSync(join(dir, "plain"), "x");
    expect(listDir(join(dir, "plain"), "schemas/plain")).toEqual({
      problem: {
        file: "schemas/plain",
        pointer: "",
        message: "directory cannot be read: is a file, not a directory.",
      },
    });
    mkdirSync(join(dir, "schemas", "x"), { recursive: true });
    expect(readText(dir, "schemas/x")).toEqual({
      problem: {
        file: "schemas/x",
        pointer: "",
        message: "cannot be read: is a directory, not a file.",
      },
    });
    rmSync(join(dir, "schemas"), { recursive: true });
  });

  it("lists a directory sorted by name", () => {
    for (const name of ["b", "a", "c"]) writeFileSync(join(dir, name), "");
    const listing = listDir(dir, "d");
    expect("entries" in listing && listing.entries.map((e) => e.name)).toEqual([
      "a",
      "b",
      "c",
      "plain",
    ]);
  });
});
