import { spawnSync } from "child_process";

/** A revision the review cannot use: the command prints the sentence and exits 1. */
export class RevisionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RevisionRefused";
  }
}

/** Runs git in `cwd`; undefined when git fails (the caller words the error). */
export function tryGit(cwd: string, args: readonly string[]): string | undefined {
  const run = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new RevisionRefused(
      missing
        ? "git is not installed (no git on PATH); the review reads both revisions with git."
        : `git could not be run in ${cwd}: ${run.error.message}.`,
    );
  }
  return run.status === 0 ? run.stdout.trim() : undefined;
}

export function git(cwd: string, args: readonly string[], what: string): string {
  const out = tryGit(cwd, args);
  if (out === undefined) throw new RevisionRefused(`${what} failed in ${cwd}.`);
  return out;
}

/** The repository's top directory, or a refusal when `cwd` is not in a git work tree. */
export function repositoryRoot(cwd: string): string {
  const top = tryGit(cwd, ["rev-parse", "--show-toplevel"]);
  if (!top)
    throw new RevisionRefused(
      `${cwd} is not inside a git work tree; the review compares two git revisions.`,
    );
  return top;
}

/** A revision expression git would read as an option or that holds control characters or spaces. */
function malformed(ref: string): boolean {
  const control = [...ref].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  return ref === "" || ref.startsWith("-") || /\s/.test(ref) || control || ref.includes("..");
}

export interface BaseRevision {
  /** How people name it: the ref given, or how the default was found. */
  readonly label: string;
  readonly commit: string;
}

function commitOf(root: string, ref: string): string | undefined {
  return tryGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
}

/**
 * The commit to review against: `ref` when given; otherwise the merge-base of HEAD with
 * `origin/main`, else with `main`. A malformed or unknown ref is refused.
 */
export function resolveBase(root: string, ref?: string): BaseRevision {
  if (ref !== undefined) {
    if (malformed(ref))
      throw new RevisionRefused(
        `Base ref ${JSON.stringify(ref)} is not a revision name (no leading "-", spaces, control characters or ".." ranges); expected a branch, tag or commit.`,
      );
    const commit = commitOf(root, ref);
    if (!commit) throw new RevisionRefused(`Base ref "${ref}" does not name a commit in ${root}.`);
    return { label: `${ref} (${commit.slice(0, 12)})`, commit };
  }
  for (const candidate of ["origin/main", "main"]) {
    if (!commitOf(root, candidate)) continue;
    const base = tryGit(root, ["merge-base", "HEAD", candidate]);
    if (!base)
      throw new RevisionRefused(
        `HEAD and ${candidate} have no common ancestor in ${root}; pass --base REF.`,
      );
    return { label: `merge-base with ${candidate} (${base.slice(0, 12)})`, commit: base };
  }
  throw new RevisionRefused(
    `Neither origin/main nor main exists in ${root}; pass --base REF to say what to review against.`,
  );
}

/** How the working tree is named: HEAD's commit and whether files differ from it. */
export function workingTreeLabel(root: string): string {
  const head = tryGit(root, ["rev-parse", "--short=12", "HEAD"]) ?? "no commit";
  const dirty = (tryGit(root, ["status", "--porcelain", "--untracked-files=normal"]) ?? "") !== "";
  return `working tree (${head}${dirty ? " with uncommitted changes" : ""})`;
}
