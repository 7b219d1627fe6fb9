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
  /** Why this default base, when origin/main and main would give different ones. */
  readonly reason?: string;
}

function commitOf(root: string, ref: string): string | undefined {
  return tryGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
}

/**
 * The commit to review against: `ref` when given; otherwise the merge-base of HEAD with
 * `origin/main` or with `main` (both exist and differ: see `chooseBetween`). A malformed or
 * unknown ref is refused.
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
  const found = ["origin/main", "main"].filter((c) => commitOf(root, c) !== undefined);
  if (found.length === 0)
    throw new RevisionRefused(
      `Neither origin/main nor main exists in ${root}; pass --base REF to say what to review against.`,
    );
  const bases = found.map((candidate) => {
    const base = tryGit(root, ["merge-base", "HEAD", candidate]);
    if (!base)
      throw new RevisionRefused(
        `HEAD and ${candidate} have no common ancestor in ${root}; pass --base REF.`,
      );
    return { label: `merge-base with ${candidate} (${base.slice(0, 12)})`, commit: base };
  });
  if (bases.length === 1 || bases[0].commit === bases[1].commit) return bases[0];
  return chooseBetween(root, bases[0], bases[1]);
}

/** How many commits `to` has that `from` lacks. */
function ahead(root: string, from: string, to: string): number {
  return Number(tryGit(root, ["rev-list", "--count", `${from}..${to}`]) ?? "0");
}

/**
 * origin/main and the local main give different merge-bases: say which is used and why. A
 * branch of a local main that is ahead of origin/main is reviewed against main (against
 * origin/main, main's unpushed commits would look like this change's); HEAD on main itself is
 * reviewed against origin/main (its unpushed commits are the change); otherwise origin/main.
 */
function chooseBetween(root: string, remote: BaseRevision, local: BaseRevision): BaseRevision {
  const head = tryGit(root, ["rev-parse", "HEAD"]);
  const n = (from: string, to: string) => {
    const count = ahead(root, from, to);
    return `${count} commit${count === 1 ? "" : "s"}`;
  };
  if (local.commit === head)
    return {
      ...remote,
      reason: `HEAD is on main, which has ${n("origin/main", "main")} origin/main lacks (not pushed): they are the change reviewed.`,
    };
  const remoteBehind =
    tryGit(root, ["merge-base", "--is-ancestor", remote.commit, local.commit]) !== undefined;
  if (remoteBehind)
    return {
      ...local,
      reason: `origin/main is ${n("origin/main", "main")} behind the local main; against it, main's ${n(remote.commit, local.commit)} this branch holds would look like this change's.`,
    };
  return {
    ...remote,
    reason: `the local main is ${n("main", "origin/main")} behind origin/main (or has diverged from it); origin/main is what the change will merge into.`,
  };
}

/** How the working tree is named: HEAD's commit and whether files differ from it. */
export function workingTreeLabel(root: string): string {
  const head = tryGit(root, ["rev-parse", "--short=12", "HEAD"]) ?? "no commit";
  const dirty = (tryGit(root, ["status", "--porcelain", "--untracked-files=normal"]) ?? "") !== "";
  return `working tree (${head}${dirty ? " with uncommitted changes" : ""})`;
}
