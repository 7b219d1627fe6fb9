/**
 * The two revisions a plan review compares, checked out and synthesized: the base in a
 * temporary git worktree (removed afterwards, also on Ctrl-C), the working tree in place.
 */
import { existsSync, rmSync } from "fs";
import { dirname, join, relative, resolve } from "path";
import { makeTemporaryFolder, UserError } from "../common";
import { readRevision, readSynthFailures, readSynthOutput, type RevisionInput } from "../review";
import { repositoryRoot, resolveBase, RevisionRefused, workingTreeLabel } from "./git";
import { appCommand, synthesize, type SynthResult } from "./synthesize";
import { withCleanup, withTemporaryWorktree } from "./worktree";

export { RevisionRefused } from "./git";

/** The nearest directory from `cwd` up to the repository root that holds `cdktf.json`. */
function projectDirOf(cwd: string, root: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "cdktf.json"))) return dir;
    if (dir === root || dirname(dir) === dir)
      throw new RevisionRefused(
        `No cdktf.json in ${cwd} or above it in the repository; run the review in the project.`,
      );
  }
}

function stacksOf(result: SynthResult): RevisionInput["synth"] {
  if ("error" in result) return result;
  try {
    const stacks = readSynthOutput(result.outdir);
    const failed = readSynthFailures(result.outdir);
    if (failed.length === 0) return { stacks };
    // Nothing synthesized: the revision does not synthesize; else some environments failed alone.
    if (stacks.length === 0) return { error: failed.map((f) => f.error).join("\n") };
    return { stacks, failed };
  } catch (error) {
    return { error: `the synthesized output cannot be read: ${(error as Error).message}` };
  }
}

/** Synthesizes the base (`ref`, or the default merge-base) and the working tree of the project at `cwd`. */
export async function synthesizeRevisions(
  cwd: string,
  ref?: string,
): Promise<{ readonly base: RevisionInput; readonly head: RevisionInput }> {
  const root = repositoryRoot(cwd);
  const project = projectDirOf(cwd, root);
  const base = resolveBase(root, ref);
  // The working tree's own cdktf.json is the user's to fix before anything runs (exit 2).
  const config = relative(root, join(project, "cdktf.json")).split("\\").join("/");
  const headApp = appCommand(project, config);
  if (typeof headApp !== "string") throw new UserError(headApp.error, { file: config });
  const headLabel = workingTreeLabel(root);
  const scratch = makeTemporaryFolder("avro-kong-synth-");
  return withCleanup(
    () => rmSync(scratch, { recursive: true, force: true }),
    async () => {
      const heading = synthesize(project, headApp, join(scratch, "head")).then((r) =>
        readRevision(project, headLabel, stacksOf(r)),
      );
      const basing = withTemporaryWorktree(root, base.commit, async (tree) => {
        const baseProject = join(tree, relative(root, project));
        const baseApp = appCommand(baseProject, config);
        const result =
          typeof baseApp === "string"
            ? await synthesize(
                baseProject,
                baseApp,
                join(scratch, "base"),
                join(project, "node_modules"),
              )
            : baseApp;
        const synth = stacksOf(result);
        // The worktree's temporary path means nothing to a reader of the review.
        const shown = "error" in synth ? { error: synth.error.split(tree).join("<base>") } : synth;
        const revision = readRevision(baseProject, base.label, shown);
        return base.reason ? { ...revision, reason: base.reason } : revision;
      });
      const [head, baseRevision] = await Promise.all([heading, basing]);
      return { base: baseRevision, head };
    },
  );
}
