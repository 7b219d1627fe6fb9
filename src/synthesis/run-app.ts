import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { AnnotationMetadataEntryType, TerraformStack, type App } from "cdktf";
import { UserError, ValidationError } from "../common";
import { partsFailed } from "./build-each";
import type { SynthesisProblem } from "./problem";

/** Synthesis found errors; its message is one line per problem, `path: sentence`. */
export class SynthesisError extends UserError {
  constructor(readonly problems: readonly SynthesisProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    this.name = "SynthesisError";
  }
}

/**
 * Synthesizes `app` into its outdir, all or nothing: when any stack has an error annotation (an
 * enforced guardrail, a construct error) or a failed `node.addValidation`, every stack is still
 * checked, then the synthesized output is discarded (see `discardSynthesis`) and a
 * `SynthesisError` lists every problem once. That holds whether or not the cdktf CLI asked to
 * continue on errors (`CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS`, which it always sets).
 */
export function synthesizeApp(app: App): void {
  const problems: SynthesisProblem[] = [];
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    const cdktfs = stack.synthesizer;
    stack.synthesizer = {
      synthesize(session) {
        let failure: unknown;
        try {
          cdktfs.synthesize(session);
        } catch (error) {
          failure = error;
        }
        // cdktf throws for error annotations and failed validations: those are reported here.
        // Anything else it throws is a bug and keeps its stack.
        const found = stackProblems(stack);
        if (failure !== undefined && found.length === 0) throw failure;
        problems.push(...found);
      },
    };
  }
  try {
    app.synth();
  } catch (error) {
    discardSynthesis(app.outdir);
    throw error;
  }
  if (problems.length > 0) {
    discardSynthesis(app.outdir);
    throw new SynthesisError(problems);
  }
}

/** Error annotations and failed validations of a stack's constructs, in tree order. */
function stackProblems(stack: TerraformStack): SynthesisProblem[] {
  const problems: SynthesisProblem[] = [];
  for (const node of stack.node.findAll()) {
    // A refusal at synth is both an annotation and a validation: each problem is listed once.
    const seen = new Set<string>();
    const add = (message: string) => {
      if (seen.has(message)) return;
      seen.add(message);
      problems.push({ path: node.node.path, message });
    };
    for (const entry of node.node.metadata) {
      if (entry.type === AnnotationMetadataEntryType.ERROR) add(String(entry.data));
    }
    for (const message of node.node.validate()) add(message);
  }
  return problems;
}

/**
 * Leaves nothing deployable in `outdir` and nothing that looks current: removes the manifest and
 * every stack's synthesized `cdk.tf.json` (Terraform's own working files in a stack's folder stay).
 * With `keep`, only the configurations of the stacks not in it, and the manifest stays.
 */
function discardSynthesis(outdir: string, keep?: ReadonlySet<string>): void {
  if (keep === undefined) rmSync(join(outdir, "manifest.json"), { force: true });
  const stacks = join(outdir, "stacks");
  if (!existsSync(stacks)) return;
  for (const name of readdirSync(stacks)) {
    if (!keep?.has(name)) rmSync(join(stacks, name, "cdk.tf.json"), { force: true });
  }
}

/** Where an app's failure goes: to stderr, or into the manifest for the cdktf CLI to print. */
export type FailureReport = "stderr" | "cdktf-cli";

/**
 * How an app entry point (`stacks/main.ts`) runs: builds and synthesizes `app`, and returns the
 * exit code. A user mistake (a `UserError`: a schema, a pin, a construct prop, a guardrail)
 * becomes one sentence per problem naming the construct path where there is one; anything else
 * is a bug and is written with its stack (exit 1). Either way nothing is left to deploy.
 *
 * The cdktf CLI echoes an app's stderr twice (as it streams and again in its summary) but prints
 * the manifest's error annotations once and then fails: with `report: "cdktf-cli"` a mistake is
 * written as a manifest of the failed stacks, each with its errors as annotations and no
 * Terraform configuration, and the app exits 0 for the CLI to print them and exit 1.
 */
export function runApp(
  app: App,
  build: (app: App) => void,
  options: { report?: FailureReport; writeErr?: (text: string) => void } = {},
): number {
  const writeErr = options.writeErr ?? ((text: string) => process.stderr.write(text));
  let problems: readonly SynthesisProblem[];
  let partial = false;
  try {
    build(app);
    synthesizeApp(app);
    // Parts that failed to build (`buildEach`) fail alone: the others stay written.
    problems = partsFailed(app);
    if (problems.length === 0) return 0;
    partial = true;
    // A failed part's configuration from an earlier run must not look current.
    discardSynthesis(app.outdir, new Set(Object.keys(writtenStacks(app.outdir))));
  } catch (error) {
    discardSynthesis(app.outdir);
    if (error instanceof SynthesisError) problems = error.problems;
    else if (error instanceof ValidationError)
      problems = [{ path: error.constructPath, message: error.message }];
    else if (error instanceof UserError) problems = [{ path: "", message: error.message }];
    else {
      writeErr(`avro-kong: synthesis failed unexpectedly: ${describeBug(error)}\n`);
      return 1;
    }
  }
  if (options.report === "cdktf-cli") {
    writeFailureManifest(app.outdir, app.manifest.version, problems, partial);
    return 0;
  }
  writeErr(problems.map((p) => (p.path ? `${p.path}: ${p.message}\n` : `${p.message}\n`)).join(""));
  return 1;
}

/** A mistake found before any construct could be named is reported for the whole app. */
const APP_SCOPE = "avro-kong";

/**
 * The manifest the cdktf CLI reads after the app exits: per failed stack (a path's first part),
 * its errors as annotations and, instead of a Terraform configuration, an `errors.json` that
 * Terraform does not read (the CLI reads a stack's metadata file when its configuration path
 * does not end in `.tf.json`).
 */
function writeFailureManifest(
  outdir: string,
  version: string,
  problems: readonly SynthesisProblem[],
  besideWritten: boolean,
): void {
  // Beside the stacks synthesized (when only some parts failed), or alone.
  const stacks: Record<string, unknown> = besideWritten ? writtenStacks(outdir) : {};
  const byStack = new Map<string, SynthesisProblem[]>();
  for (const problem of problems) {
    const name = problem.path.split("/")[0] || APP_SCOPE;
    byStack.set(name, [...(byStack.get(name) ?? []), problem]);
  }
  for (const [name, found] of byStack) {
    const folder = join("stacks", name);
    mkdirSync(join(outdir, folder), { recursive: true });
    // Shaped like a stack's metadata as far as the CLI reads it ("//".metadata, "terraform").
    const content = {
      "//": { metadata: { stackName: name, version }, errors: found },
      terraform: {},
    };
    writeFileSync(join(outdir, folder, "errors.json"), JSON.stringify(content, null, 2) + "\n");
    stacks[name] = {
      name,
      constructPath: name,
      workingDirectory: folder,
      synthesizedStackPath: join(folder, "not-synthesized"),
      stackMetadataPath: join(folder, "errors.json"),
      annotations: found.map((p) => ({
        constructPath: p.path || APP_SCOPE,
        level: AnnotationMetadataEntryType.ERROR,
        message: p.message,
      })),
      dependencies: [],
    };
  }
  writeFileSync(join(outdir, "manifest.json"), JSON.stringify({ version, stacks }, null, 2) + "\n");
}

/** The stacks of the manifest `app.synth()` wrote. */
function writtenStacks(outdir: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks?: Record<string, unknown>;
  };
  return { ...manifest.stacks };
}

function describeBug(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
