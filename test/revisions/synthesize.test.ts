import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { appCommand } from "../../src/revisions/synthesize";

describe("the app command of a revision's cdktf.json", () => {
  let dir: string;
  let project: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "app-command-"));
    project = join(dir, "project");
    mkdirSync(project);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is read from a regular file inside the revision", () => {
    writeFileSync(join(project, "cdktf.json"), '{"app": "node main.js"}');
    expect(appCommand(project, "cdktf.json")).toBe("node main.js");
  });

  it("a cdktf.json linked to /dev/zero or out of the revision is one sentence, not a hang", () => {
    symlinkSync("/dev/zero", join(project, "cdktf.json"));
    expect(appCommand(project, "cdktf.json")).toEqual({
      error: "cdktf.json cannot be read: lies outside the repository (through a link).",
    });
    rmSync(join(project, "cdktf.json"));
    writeFileSync(join(dir, "elsewhere.json"), '{"app": "node steal.js"}');
    symlinkSync(join(dir, "elsewhere.json"), join(project, "cdktf.json"));
    expect(appCommand(project, "cdktf.json")).toEqual({
      error: "cdktf.json cannot be read: lies outside the repository (through a link).",
    });
  });

  it("a cdktf.json that is a FIFO is refused without waiting for a writer", () => {
    execFileSync("mkfifo", [join(project, "cdktf.json")]);
    expect(appCommand(project, "cdktf.json")).toEqual({
      error: "cdktf.json cannot be read: is a FIFO, not a regular file.",
    });
  });
});
