import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { findProjectRoot } from "../../src/cli/root";
import { RepoCopy } from "../registry/fixture";
import { runAvroKong } from "../support/cli";

/** The command finds its project from any folder inside it, as git finds its repository. */

describe("findProjectRoot", () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "avro-kong-root-"));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("is the nearest folder above with cdktf.json", () => {
    writeFileSync(join(base, "cdktf.json"), "{}");
    mkdirSync(join(base, "stacks", "pins"), { recursive: true });
    expect(findProjectRoot(join(base, "stacks", "pins"))).toBe(base);
    expect(findProjectRoot(base)).toBe(base);
  });

  it("is the nearest folder above with stacks/promotion.json", () => {
    mkdirSync(join(base, "stacks"));
    writeFileSync(join(base, "stacks", "promotion.json"), '{"order": ["dev"]}');
    mkdirSync(join(base, "schemas", "a.B"), { recursive: true });
    expect(findProjectRoot(join(base, "schemas", "a.B"))).toBe(base);
  });

  it("is the folder itself where no folder above is a project", () => {
    mkdirSync(join(base, "loose"));
    expect(findProjectRoot(join(base, "loose"))).toBe(join(base, "loose"));
  });
});

describe("avro-kong run in a folder inside the project", () => {
  let repo: RepoCopy;
  beforeEach(() => {
    repo = new RepoCopy();
  });
  afterEach(() => repo.dispose());

  it("checks the whole project's schemas and pins", async () => {
    const inside = repo.path("schemas/shop.orders.OrderPlaced");
    const check = await runAvroKong(inside, ["schema", "check"]);
    expect(check).toEqual({
      code: 0,
      out: expect.stringMatching(/^No problems: 9 subjects/),
      err: "",
    });
  });

  it("promotes in the project's pins", async () => {
    const v3 = repo.readJson("schemas/shop.orders.OrderPlaced/v2.avsc");
    (v3.fields as unknown[]).push({ name: "note", type: ["null", "string"], default: null });
    repo.writeJson("schemas/shop.orders.OrderPlaced/v3.avsc", v3);
    const run = await runAvroKong(repo.path("stacks/pins"), [
      "promote",
      "shop.orders.OrderPlaced",
      "3",
      "--env",
      "dev",
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Wrote stacks\/pins\/dev\.json\.$/);
    expect(repo.readJson("stacks/pins/dev.json")).toMatchObject({
      subjects: { "shop.orders.OrderPlaced": { version: 3 } },
    });
  });
});
