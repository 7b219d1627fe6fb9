import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { MAX_FILE_BYTES, readFileBounded } from "../../src/common";

describe("readFileBounded, the one way the project reads a file", () => {
  let dir: string;
  let repo: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "read-file-"));
    repo = join(dir, "repo");
    mkdirSync(repo);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a regular file inside the repository, also through a link that stays inside", () => {
    writeFileSync(join(repo, "a.json"), "{}");
    symlinkSync("a.json", join(repo, "b.json"));
    expect(readFileBounded(join(repo, "a.json"), { within: repo })).toEqual({
      bytes: Buffer.from("{}"),
    });
    expect(readFileBounded(join(repo, "b.json"), { within: repo })).toEqual({
      bytes: Buffer.from("{}"),
    });
  });

  it("refuses, without waiting, a FIFO, a device, a directory and a missing file", () => {
    execFileSync("mkfifo", [join(repo, "fifo")]);
    mkdirSync(join(repo, "folder"));
    expect(readFileBounded(join(repo, "fifo"))).toEqual({ error: "is a FIFO, not a regular file" });
    expect(readFileBounded("/dev/zero")).toEqual({ error: "is a device, not a regular file" });
    expect(readFileBounded(join(repo, "folder"))).toEqual({ error: "is a directory, not a file" });
    expect(readFileBounded(join(repo, "none"))).toEqual({ error: "no such file or directory" });
  });

  it("refuses a link out of the repository", () => {
    writeFileSync(join(dir, "outside.json"), "{}");
    symlinkSync(join(dir, "outside.json"), join(repo, "out.json"));
    symlinkSync("/dev/zero", join(repo, "zero.json"));
    for (const name of ["out.json", "zero.json"]) {
      expect(readFileBounded(join(repo, name), { within: repo })).toEqual({
        error: "lies outside the repository (through a link)",
      });
    }
  });

  it("refuses a file larger than the limit without reading it", () => {
    writeFileSync(join(repo, "big"), "");
    truncateSync(join(repo, "big"), 600 * 1024 * 1024); // sparse: takes no room on disk
    expect(readFileBounded(join(repo, "big"))).toEqual({
      error: `is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB, more than any file avro-kong reads`,
    });
    writeFileSync(join(repo, "small"), "12345");
    expect(readFileBounded(join(repo, "small"), { limit: 4 })).toEqual({
      error: expect.stringMatching(/^is larger than /) as string,
    });
    expect(readFileBounded(join(repo, "small"), { limit: 5 })).toEqual({
      bytes: Buffer.from("12345"),
    });
  });
});
