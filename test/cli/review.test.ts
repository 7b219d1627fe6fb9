import { spawn, spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Review } from "../../src/review";
import { runAvroKong } from "../support/cli";
import { checkedReview } from "../support/review-report";
import { ReviewProject, route, SUBJECT } from "./review-fixture";

/** Runs the review with TMPDIR pointed at the project's own scratch folder. */
async function review(project: ReviewProject, ...argv: string[]) {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = project.tmp;
  try {
    return await runAvroKong(project.root, ["review", ...argv]);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/** Node's arguments for running `avro-kong …` from the sources in a process of its own. */
function cliInChildProcess(...argv: string[]): string[] {
  const support = join(__dirname, "..", "support");
  return ["-r", join(support, "register-ts.js"), join(support, "run-cli.ts"), ...argv];
}

describe("avro-kong review (a git repository)", () => {
  let project: ReviewProject;
  beforeEach(() => {
    project = new ReviewProject();
  });
  afterEach(() => project.dispose());

  it("compares the working tree with the merge-base of main, and leaves no worktree behind", async () => {
    project.git("checkout", "--quiet", "-b", "feature");
    project.pin(2);
    project.kong({ dev: route(["/orders", "/v1/orders"], project.version(2)) });
    const run = await review(project, "--format", "json");
    expect([run.err, run.code]).toEqual(["", 0]);
    const json = checkedReview(JSON.parse(run.out) as Review);
    expect(json.base.label).toMatch(/^merge-base with main \([0-9a-f]{12}\)$/);
    expect(json.head.label).toMatch(/^working tree \([0-9a-f]{12} with uncommitted changes\)$/);
    expect(json.environments.map((e) => [e.environment, e.added, e.changed, e.removed])).toEqual([
      ["dev", [], ["kong_plugin.validate"], []],
    ]);
    expect(
      json.contractChanges.map((c) => [
        c.subject,
        c.environment,
        c.from?.version,
        c.to?.version,
        c.compatible,
      ]),
    ).toEqual([[SUBJECT, "dev", 1, 2, true]]);
    expect(project.worktrees()).toHaveLength(1);
    expect(project.leftInTmp()).toEqual([]);
  });

  it("against a local main ahead of origin/main: main's merge-base, and says why in the first line", async () => {
    project.git("update-ref", "refs/remotes/origin/main", "HEAD");
    project.pin(2);
    project.kong({ dev: route(["/orders", "/v1/orders"], project.version(2)) });
    project.commit("merged locally, not pushed");
    project.git("checkout", "--quiet", "-b", "feature");
    project.pin(3);
    project.kong({ dev: route(["/orders", "/v1/orders"], project.version(3)) });
    project.commit("v3");
    const json = checkedReview(
      JSON.parse((await review(project, "--format", "json")).out) as Review,
    );
    expect(json.base.label).toBe(
      `merge-base with main (${project.git("rev-parse", "--short=12", "main")})`,
    );
    expect(json.base.reason).toBe(
      "origin/main is 1 commit behind the local main; against it, main's 1 commit this branch holds would look like this change's.",
    );
    expect(json.contractChanges.map((c) => [c.from?.version, c.to?.version])).toEqual([[2, 3]]);
    const md = (await review(project)).out.split("\n");
    expect(md[3]).toMatch(
      /^Base `merge-base with main \([0-9a-f]{12}\)` → head `working tree \([0-9a-f]{12}\)`\. Why this base: origin\/main is 1 commit behind the local main; /,
    );

    // On main itself, its unpushed commits are the change: reviewed against origin/main.
    project.git("checkout", "--quiet", "main");
    const onMain = checkedReview(
      JSON.parse((await review(project, "--format", "json")).out) as Review,
    );
    expect(onMain.base.label).toMatch(/^merge-base with origin\/main /);
    expect(onMain.base.reason).toBe(
      "HEAD is on main, which has 1 commit origin/main lacks (not pushed): they are the change reviewed.",
    );
    expect(onMain.contractChanges.map((c) => [c.from?.version, c.to?.version])).toEqual([[1, 2]]);
  });

  it("prints markdown by default and exits 1 when a --fail-on condition holds", async () => {
    project.pin(3);
    project.kong({ dev: route(["/orders"], project.version(3)) });
    const run = await review(project, "--base", "main", "--fail-on", "incompatible,destructive");
    expect(run.code).toBe(1);
    expect(run.out.startsWith("<!-- avro-kong-review -->\n")).toBe(true);
    expect(run.err.split("\n")).toEqual([
      `--fail-on incompatible: 1 incompatible contract change(s): ${SUBJECT} in dev.`,
      "--fail-on destructive: 1 destructive change(s): kong_route.create in dev.",
    ]);
    expect((await review(project, "--base", "main", "--fail-on", "guardrail")).code).toBe(0);
    expect(project.worktrees()).toHaveLength(1);
  });

  it("reports a base that does not synthesize, with the contract changes, and exits 0", async () => {
    project.kong(
      { dev: route(["/orders"]) },
      { fail: "Route create-order validates a subject dev does not pin." },
    );
    project.commit("broken");
    project.pin(2);
    project.kong({ dev: route(["/orders"], project.version(2)) });
    const run = await review(project, "--base", "main", "--format", "json");
    expect(run.code).toBe(0);
    const json = checkedReview(JSON.parse(run.out) as Review);
    expect(json.base.synthesized).toBe(false);
    expect(json.base.error).toBe(
      "node app.js failed (exit 1): Route create-order validates a subject dev does not pin.",
    );
    expect(
      json.contractChanges.map((c) => [
        c.from?.version,
        c.to?.version,
        c.routes.map((r) => r.route),
      ]),
    ).toEqual([[1, 2, ["orders/create-order"]]]);
    expect(project.worktrees()).toHaveLength(1);
    expect(project.leftInTmp()).toEqual([]);
  });

  it("reviews the other environments when one environment's pins file is broken, and reports it in its section", async () => {
    project.kong({
      dev: route(["/orders", "/v1/orders"], project.version(1)),
      staging: route(["/orders"]),
    });
    project.commit("staging");
    const broken =
      "stacks/pins/dev.json line 1, column 2: malformed JSON: unexpected end of the text; expected a property name in double quotes.";
    project.write("stacks/pins/dev.json", "{");
    project.kong({ staging: route(["/orders", "/v2/orders"]) }, { failed: { dev: broken } });
    const run = await review(project, "--base", "main", "--format", "json");
    expect(run.code).toBe(1);
    expect(run.err).toBe(`The working tree does not synthesize dev: ${broken}`);
    const json = checkedReview(JSON.parse(run.out) as Review);
    expect(json.head.synthesized).toBe(true);
    expect(
      json.environments.map((e) => [e.environment, e.error, e.compared, e.changed, e.removed]),
    ).toEqual([
      ["dev", broken, false, [], []],
      ["staging", undefined, true, ["kong_route.create"], []],
    ]);
    // The broken file is reported once, not as dev's contracts removed.
    expect(json.head.problems).toEqual([broken]);
    expect(json.contractChanges).toEqual([]);
    const md = (await review(project, "--base", "main")).out;
    expect(md).toContain(
      `> ⚠️ dev does not synthesize: ${broken} Its Kong entities are not compared; the other environments are.`,
    );
    expect(md).toMatch(/^\| staging \| 0 \| 1 \| 0 \|/m);
  });

  it("exits 1 when the working tree itself does not synthesize", async () => {
    project.kong({}, { fail: "Route x breaks guardrail." });
    const run = await review(project, "--base", "main");
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      "The working tree does not synthesize: node app.js failed (exit 1): Route x breaks guardrail.",
    );
    expect(run.out).toContain(
      "> ⚠️ The head does not synthesize: node app.js failed (exit 1): Route x breaks guardrail.",
    );
  });

  it("refuses a working tree whose cdktf.json cannot be read, with one sentence and the place (exit 2)", async () => {
    const cases: Array<[string, string]> = [
      [
        '{"app": "node app.js",\n "app": "node other.js"}',
        'cdktf.json line 2, column 2: duplicate key "app" (first at line 1, column 2); a JSON object must not repeat a key.',
      ],
      [
        '{"app": node app.js}',
        'cdktf.json line 1, column 9: malformed JSON: unexpected "n"; expected a value.',
      ],
      [
        '{"language": "typescript"}',
        'cdktf.json has no "app" command; expected e.g. {"app": "npx ts-node stacks/main.ts"}.',
      ],
    ];
    for (const [text, message] of cases) {
      project.write("cdktf.json", text);
      expect(await review(project, "--base", "main")).toEqual({ code: 2, out: "", err: message });
    }
    expect(project.worktrees()).toHaveLength(1);
    expect(project.leftInTmp()).toEqual([]);
  });

  it("reports a base whose cdktf.json cannot be read as a base that does not synthesize", async () => {
    project.write("cdktf.json", '{"app": "node app.js", "app": "node other.js"}');
    project.commit("a second app");
    project.write("cdktf.json", JSON.stringify({ app: "node app.js" }));
    const run = await review(project, "--base", "main", "--format", "json");
    expect([run.code, run.err]).toEqual([0, ""]);
    const json = checkedReview(JSON.parse(run.out) as Review);
    expect(json.base.error).toBe(
      'cdktf.json line 1, column 24: duplicate key "app" (first at line 1, column 2); a JSON object must not repeat a key.',
    );
  });

  it("reports synthesized output the strict reader refuses, naming the file and the place", async () => {
    project.write(
      "cdktf.json",
      JSON.stringify({
        app: `node -e 'require("fs").writeFileSync(process.env.CDKTF_OUTDIR + "/manifest.json", "{\\"stacks\\": {}, \\"stacks\\": {}}")'`,
      }),
    );
    const run = await review(project, "--base", "main");
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'The working tree does not synthesize: the synthesized output cannot be read: manifest.json line 1, column 16: duplicate key "stacks" (first at line 1, column 2); a JSON object must not repeat a key.',
    );
  });

  it("refuses a base ref that names no commit, or that is not a revision name, with one sentence", async () => {
    const missing = await review(project, "--base", "no-such-branch");
    expect(missing).toEqual({
      code: 1,
      out: "",
      err: `Base ref "no-such-branch" does not name a commit in ${project.root}.`,
    });
    for (const bad of ["--upload-pack=x", "main main", "main..HEAD"]) {
      const run = await review(project, "--base", bad);
      expect(run).toEqual({
        code: 1,
        out: "",
        err: `Base ref ${JSON.stringify(bad)} is not a revision name (no leading "-", spaces, control characters or ".." ranges); expected a branch, tag or commit.`,
      });
    }
    expect(project.worktrees()).toHaveLength(1);
    expect(project.leftInTmp()).toEqual([]);
  });

  it("refuses to guess a base when there is no main branch", async () => {
    project.git("branch", "-m", "main", "trunk");
    const run = await review(project);
    expect(run).toEqual({
      code: 1,
      out: "",
      err: `Neither origin/main nor main exists in ${project.root}; pass --base REF to say what to review against.`,
    });
  });

  it("treats a wrong option as a usage mistake (exit 2)", async () => {
    expect(await review(project, "--format", "xml")).toEqual({
      code: 2,
      out: "",
      err: 'Option --format is "xml"; expected one of: markdown, json (usage: avro-kong review [--base REF] [--format markdown|json] [--fail-on CONDITION[,CONDITION…]]).',
    });
    expect(await review(project, "--fail-on", "slow")).toEqual({
      code: 2,
      out: "",
      err: 'Option --fail-on is "slow"; expected one of: incompatible, destructive, guardrail, removed, weakened, rate-limit, new-state, plugin-disabled, risky (usage: avro-kong review [--base REF] [--format markdown|json] [--fail-on CONDITION[,CONDITION…]]).',
    });
    expect((await review(project, "--bogus")).code).toBe(2);
    expect((await review(project, "extra")).code).toBe(2);
  });

  it("refuses a directory outside git", async () => {
    const outside = mkdtempSync(join(tmpdir(), "avro-kong-no-git-"));
    try {
      const run = await runAvroKong(outside, ["review"]);
      expect(run).toEqual({
        code: 1,
        out: "",
        err: `${outside} is not inside a git work tree; the review compares two git revisions.`,
      });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("avro-kong review on a machine without git", () => {
  it("says git is missing, in one sentence", () => {
    const project = new ReviewProject();
    const emptyBin = mkdtempSync(join(tmpdir(), "avro-kong-path-without-git-"));
    try {
      const run = spawnSync(process.execPath, cliInChildProcess("review"), {
        cwd: project.root,
        env: { ...process.env, PATH: emptyBin },
        encoding: "utf8",
      });
      expect({ code: run.status, out: run.stdout, err: run.stderr }).toEqual({
        code: 1,
        out: "",
        err: "git is not installed (no git on PATH); the review reads both revisions with git.\n",
      });
    } finally {
      project.dispose();
      rmSync(emptyBin, { recursive: true, force: true });
    }
  });
});

describe("avro-kong review interrupted (Ctrl-C)", () => {
  it("removes the base worktree and its temporary files before it dies", async () => {
    const project = new ReviewProject();
    try {
      project.kong({}, { hang: true });
      project.commit("an app that hangs");
      const started = join(project.tmp, "..", "started");
      const child = spawn(process.execPath, cliInChildProcess("review", "--base", "main"), {
        cwd: project.root,
        env: { ...process.env, TMPDIR: project.tmp, STARTED_FILE: started },
        stdio: "ignore",
      });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on("exit", (code, signal) => resolve(signal ?? code)),
      );
      for (let i = 0; i < 600 && !existsSync(started); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(started)).toBe(true);
      expect(project.worktrees()).toHaveLength(2);
      child.kill("SIGINT");
      expect(await exited).toBe("SIGINT");
      expect(project.worktrees()).toHaveLength(1);
      expect(project.leftInTmp()).toEqual([]);
    } finally {
      project.dispose();
    }
  });
});
