import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { runAvroKong } from "../support/cli";

const TOO_LARGE = "is larger than 64 MB, more than any file avro-kong reads";

describe("files that are not what they seem: one sentence, never a hang or a stack", () => {
  let dir: string;
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hostile-files-"));
    root = join(dir, "repo");
    write("cdktf.json", JSON.stringify({ app: "node app.js" }));
    write("stacks/promotion.json", JSON.stringify({ order: ["dev"] }));
    write("schemas/shop.A/v1.avsc", JSON.stringify({ type: "record", name: "shop.A", fields: [] }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a 600 MB payload or schema file is refused with exit 2", async () => {
    write("big.json", "");
    truncateSync(join(root, "big.json"), 600 * 1024 * 1024);
    const schema = "schemas/shop.A/v1.avsc";
    expect(
      await runAvroKong(root, ["payload", "validate", "--schema", schema, "big.json"]),
    ).toEqual({ code: 2, out: "", err: `big.json: ${TOO_LARGE}.` });
    expect(await runAvroKong(root, ["payload", "validate", "--schema", "big.json", "{}"])).toEqual({
      code: 2,
      out: "",
      err: `big.json: ${TOO_LARGE}.`,
    });
  });

  it("a FIFO or a device as a payload is refused, not waited on", async () => {
    execFileSync("mkfifo", [join(root, "fifo.json")]);
    const schema = "schemas/shop.A/v1.avsc";
    expect(
      await runAvroKong(root, ["payload", "validate", "--schema", schema, "fifo.json"]),
    ).toEqual({ code: 2, out: "", err: "fifo.json: is a FIFO, not a regular file." });
    expect(await runAvroKong(root, ["payload", "validate", "--schema", "/dev/zero", "{}"])).toEqual(
      {
        code: 2,
        out: "",
        err: "/dev/zero: is a device, not a regular file.",
      },
    );
  });

  it("stacks/promotion.json pointing at /dev/zero, or a FIFO, stops promote with its file named", async () => {
    rmSync(join(root, "stacks/promotion.json"));
    symlinkSync("/dev/zero", join(root, "stacks/promotion.json"));
    const link = await runAvroKong(root, ["promote", "shop.A", "1", "--env", "dev"]);
    expect(link).toEqual({
      code: 1,
      out: "",
      err: 'stacks/promotion.json: cannot be read: lies outside the repository (through a link); it lists the environments in promotion order, as in {"order": ["dev", "staging", "prod"]}.',
    });
    rmSync(join(root, "stacks/promotion.json"));
    execFileSync("mkfifo", [join(root, "stacks/promotion.json")]);
    const fifo = await runAvroKong(root, ["promote", "shop.A", "1", "--env", "dev"]);
    expect(fifo.err).toMatch(
      /^stacks\/promotion.json: cannot be read: is a FIFO, not a regular file;/,
    );
  });

  it("pins in a folder linked out of the repository are not read", async () => {
    mkdirSync(join(dir, "elsewhere"));
    writeFileSync(join(dir, "elsewhere", "dev.json"), '{"environment": "dev", "subjects": {}}');
    symlinkSync(join(dir, "elsewhere"), join(root, "stacks/pins"));
    const run = await runAvroKong(root, ["schema", "check"]);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      "stacks/pins/dev.json: cannot be read: lies outside the repository (through a link).",
    );
  });

  it("a pins folder linked out of the repository is never written through", async () => {
    mkdirSync(join(dir, "elsewhere"));
    symlinkSync(join(dir, "elsewhere"), join(root, "stacks/pins"));
    const run = await runAvroKong(root, ["promote", "shop.A", "1", "--env", "dev"]);
    expect(run).toEqual({
      code: 2,
      out: "",
      err: "stacks/pins/dev.json: cannot be written: stacks/pins lies outside the repository (through a link).",
    });
  });

  it("pins that cannot be written are one sentence, exit 2", async () => {
    write("stacks/pins", "not a folder");
    const run = await runAvroKong(root, ["promote", "shop.A", "1", "--env", "dev"]);
    expect(run).toEqual({
      code: 2,
      out: "",
      err: "stacks/pins/dev.json: cannot be written: a file stands where its folder should be.",
    });
  });

  it("a decK file that is a FIFO is refused, not waited on", async () => {
    execFileSync("mkfifo", [join(root, "kong.yaml")]);
    expect(await runAvroKong(root, ["import", "deck", "kong.yaml"])).toEqual({
      code: 2,
      out: "",
      err: "kong.yaml: cannot be read: is a FIFO, not a regular file; expected a decK file.",
    });
  });
});
