import { spawnSync } from "child_process";
import { join, relative } from "path";
import type { Review } from "../../src/review";
import { ReviewProject, route } from "../cli/review-fixture";

const SUPPORT = join(__dirname, "..", "support");

describe("the revisions' scratch folders", () => {
  let project: ReviewProject;
  beforeEach(() => {
    project = new ReviewProject();
  });
  afterEach(() => project.dispose());

  it("are absolute even when TMPDIR is relative, so the base still synthesizes", () => {
    project.pin(2);
    project.kong({ dev: route(["/orders"], project.version(2)) });
    // Relative to the folder the command runs in, not to the base worktree its app runs in.
    const run = spawnSync(
      process.execPath,
      [
        "-r",
        join(SUPPORT, "register-ts.js"),
        join(SUPPORT, "run-cli.ts"),
        ...["review", "--base", "main", "--format", "json"],
      ],
      {
        cwd: project.root,
        env: { ...process.env, TMPDIR: relative(project.root, project.tmp) },
        encoding: "utf8",
      },
    );
    expect([run.stderr, run.status]).toEqual(["", 0]);
    const json = JSON.parse(run.stdout) as Review;
    expect([json.base.synthesized, json.base.error]).toEqual([true, undefined]);
    expect(json.head.synthesized).toBe(true);
    expect(project.leftInTmp()).toEqual([]);
  });
});
