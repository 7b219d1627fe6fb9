import { execFileSync } from "child_process";

/** Git in `cwd` as a fixed test author, so that commits need no user configuration. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.invalid",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.invalid",
    },
  }).trim();
}

/** Commits everything in the working tree of `cwd`. */
export function commitAll(cwd: string, message: string): void {
  gitIn(cwd, "add", "-A");
  gitIn(cwd, "commit", "--quiet", "-m", message);
}
