import { spawn } from "child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "fs";
import { join } from "path";
import { formatProblem, readJsonText } from "../avro";
import { isObject, readFileBounded } from "../common";
import { withCleanup } from "./worktree";

/** What a synthesis left: the `cdktf.out` directory, or the reason it failed. */
export type SynthResult = { readonly outdir: string } | { readonly error: string };

/**
 * The app command of the project's `cdktf.json` (what `cdktf synth` runs), or why there is none;
 * the file is read by the strict JSON reader and named as `shownAs` (its repository path).
 */
export function appCommand(projectDir: string, shownAs: string): string | { error: string } {
  const read = readFileBounded(join(projectDir, "cdktf.json"), { within: projectDir });
  if ("error" in read) return { error: `${shownAs} cannot be read: ${read.error}.` };
  const json = readJsonText(read.bytes);
  if ("problem" in json)
    return { error: formatProblem({ file: shownAs, pointer: "", ...json.problem }) };
  const app = isObject(json.value) ? json.value.app : undefined;
  if (typeof app === "string" && app.trim() !== "") return app;
  return {
    error: `${shownAs} has no "app" command; expected e.g. {"app": "npx ts-node stacks/main.ts"}.`,
  };
}

/** The last lines of a failed run's output: what the app said about its failure. */
function tail(text: string, lines = 20): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/**
 * Synthesizes the project at `projectDir` as `cdktf synth` would: runs `app` (its `cdktf.json` app) with
 * `CDKTF_OUTDIR` set to `outdir`. With `nodeModules`, a project without its own `node_modules`
 * borrows that one through a symlink (removed afterwards), so that nothing is installed.
 */
export async function synthesize(
  projectDir: string,
  app: string,
  outdir: string,
  nodeModules?: string,
): Promise<SynthResult> {
  const link = join(projectDir, "node_modules");
  const borrow = nodeModules !== undefined && existsSync(nodeModules) && !existsSync(link);
  if (borrow) symlinkSync(nodeModules, link, "dir");
  mkdirSync(outdir, { recursive: true });
  let child: ReturnType<typeof spawn> | undefined;
  return withCleanup(
    () => {
      // Its own process group, so that an interrupt stops the whole build, npm and all.
      if (child?.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      if (borrow) rmSync(link, { force: true });
    },
    () =>
      new Promise<SynthResult>((resolve) => {
        const output: Buffer[] = [];
        child = spawn("sh", ["-c", app], {
          cwd: projectDir,
          detached: true,
          // As the cdktf CLI runs an app: failures come as annotations in the manifest, so that
          // the environments that did synthesize are reviewed beside those that did not.
          env: {
            ...process.env,
            CDKTF_OUTDIR: outdir,
            CHECKPOINT_DISABLE: "1",
            CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        child.stdout?.on("data", (d: Buffer) => output.push(d));
        child.stderr?.on("data", (d: Buffer) => output.push(d));
        child.on("error", (error) =>
          resolve({ error: `${app} could not start: ${error.message}.` }),
        );
        child.on("close", (code, signal) => {
          const said = tail(Buffer.concat(output).toString("utf8"));
          if (code === 0 && existsSync(join(outdir, "manifest.json"))) resolve({ outdir });
          else if (code === 0) resolve({ error: `${app} wrote no manifest.json.` });
          else
            resolve({
              error: `${app} failed (${signal ?? `exit ${code}`})${said ? `: ${said}` : "."}`,
            });
        });
      }),
  );
}
