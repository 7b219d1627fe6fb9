import type { Framework } from "./framework";

/**
 * The GitHub workflows a new project gets. Code from a pull request never runs where a secret
 * is: the review job has none and only a read token; a second workflow, started when the review
 * completes, posts its comment with the write token, reading the review as data. Deploying and
 * promoting run on main, through GitHub environments that hold each Kong's variables. Actions
 * are pinned to commit SHAs.
 */

const CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";
const SETUP_NODE = "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0";
const UPLOAD = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2";
const DOWNLOAD = "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0";
const SCRIPT = "actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1";
const TERRAFORM = "hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2";

function setup(framework: Framework): string {
  return `      - uses: ${SETUP_NODE}
        with:
          node-version: ${framework.nodeVersion}
          cache: npm
      - run: npm ci`;
}

function review(framework: Framework): string {
  return `# Every pull request: check the schemas and pins, synthesize, and review the change against
# its base. This job runs the pull request's code: it has no secrets and a read-only token. The
# review is uploaded; "avro-kong review comment" posts it.
name: avro-kong review

on:
  pull_request:

permissions:
  contents: read

env:
  CHECKPOINT_DISABLE: "1"

jobs:
  review:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: ${CHECKOUT}
        with:
          # The review checks the base out in a worktree: it needs the history.
          fetch-depth: 0
          persist-credentials: false
${setup(framework)}
      - run: npx avro-kong schema check
      - run: npx ${framework.cli} synth
      - name: Plan review
        env:
          BASE_REF: \${{ github.base_ref }}
          PR_NUMBER: \${{ github.event.pull_request.number }}
        run: |
          mkdir -p review
          echo "$PR_NUMBER" > review/number
          set +e
          npx avro-kong review --base "origin/$BASE_REF" --fail-on incompatible > review/review.md
          echo "$?" > review/exit
      - uses: ${UPLOAD}
        with:
          name: avro-kong-review
          path: review/
          retention-days: 7
      - name: Fail on an incompatible contract change
        run: test "$(cat review/exit)" = 0
`;
}

const COMMENT = `# Posts the review of "avro-kong review" as one pull-request comment, edited on later pushes.
# It runs the default branch's code with a write token and reads the uploaded review as data
# only: the pull request it names must be the one whose head the review ran on.
name: avro-kong review comment

on:
  workflow_run:
    workflows: ["avro-kong review"]
    types: [completed]

permissions:
  actions: read
  pull-requests: write

jobs:
  comment:
    # workflow_run matches by name, which a pull request can copy: trust the file and the event.
    if: >-
      github.event.workflow_run.event == 'pull_request' &&
      github.event.workflow_run.path == '.github/workflows/avro-kong-review.yml'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: ${DOWNLOAD}
        with:
          name: avro-kong-review
          path: review
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ github.token }}
      - uses: ${SCRIPT}
        with:
          script: |
            const fs = require("fs");
            const marker = "<!-- avro-kong-review -->";
            const number = Number(fs.readFileSync("review/number", "utf8").trim());
            if (!Number.isSafeInteger(number) || number <= 0) {
              core.setFailed("The review names no pull request.");
              return;
            }
            const { owner, repo } = context.repo;
            const { data: pull } = await github.rest.pulls.get({ owner, repo, pull_number: number });
            if (pull.head.sha !== context.payload.workflow_run.head_sha) {
              core.notice(\`Pull request #\${number} has moved on since this review; not posted.\`);
              return;
            }
            let body = fs.readFileSync("review/review.md", "utf8");
            if (!body.startsWith(marker)) body = \`\${marker}\\n\${body}\`;
            body = body.slice(0, 65536);
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number: number });
            const mine = comments.find((c) => c.user && c.user.type === "Bot" && c.body && c.body.startsWith(marker));
            if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
`;

function deployJob(framework: Framework, environment: string, needs?: string): string {
  return `  deploy-${environment}:
    runs-on: ubuntu-latest
    timeout-minutes: 60${needs ? `\n    needs: ${needs}` : ""}
    # Give the GitHub environment the secret KONG_TFVARS (kong_admin_uri, kong_admin_token and
    # the stacks' other variables, as a tfvars file) and, for staging and prod, required reviewers.
    environment: ${environment}
    permissions:
      contents: read
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
${setup(framework)}
      - uses: ${TERRAFORM}
        with:
          terraform_wrapper: false
      - name: Deploy ${environment}
        env:
          KONG_TFVARS: \${{ secrets.KONG_TFVARS }}
        run: |
          printf '%s\\n' "$KONG_TFVARS" > "$RUNNER_TEMP/kong.tfvars"
          npx ${framework.cli} deploy '${environment}' '${environment}-*' --auto-approve --var-file="$RUNNER_TEMP/kong.tfvars"
          rm -f "$RUNNER_TEMP/kong.tfvars"
`;
}

function promoteJob(framework: Framework, from: string, to: string): string {
  return `  promote-${to}:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    needs: deploy-${from}
    permissions:
      contents: write
      pull-requests: write
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
${setup(framework)}
      - run: npx avro-kong promote --from ${from} --env ${to}
      - name: Open or update the pull request promote/${to}
        env:
          GH_TOKEN: \${{ github.token }}
        run: |
          if git diff --quiet; then echo "${to} runs everything ${from} runs."; exit 0; fi
          git switch -C promote/${to}
          git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \\
            commit -am "Promote ${from}'s contracts to ${to}"
          git -c credential.helper= -c credential.helper='!gh auth git-credential' push --force origin promote/${to}
          gh pr view promote/${to} --json state --jq .state 2>/dev/null | grep -q OPEN ||
            gh pr create --base "$GITHUB_REF_NAME" --head promote/${to} \\
              --title "Promote ${from}'s contracts to ${to}" --body "Made by avro-kong promote --from ${from} --env ${to}."
`;
}

function promotion(framework: Framework): string {
  return `# On main: deploy dev, then open the pull request that promotes dev's contracts to staging
# (reviewed like any change); staging and prod deploy through their protected environments,
# staging followed by the pull request for prod. Pull requests opened with the workflow's own
# token start no workflows: use a token of your own (a PROMOTION_TOKEN secret) for GH_TOKEN if
# promotion pull requests should get their review too.
name: avro-kong promotion

on:
  push:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: avro-kong-promotion
  cancel-in-progress: false

env:
  CHECKPOINT_DISABLE: "1"

jobs:
${deployJob(framework, "dev")}
${promoteJob(framework, "dev", "staging")}
${deployJob(framework, "staging", "deploy-dev")}
${promoteJob(framework, "staging", "prod")}
${deployJob(framework, "prod", "deploy-staging")}`;
}

/** The workflow files, by path from the project root. */
export function workflows(framework: Framework): Record<string, string> {
  return {
    ".github/workflows/avro-kong-review.yml": review(framework),
    ".github/workflows/avro-kong-review-comment.yml": COMMENT,
    ".github/workflows/avro-kong-promotion.yml": promotion(framework),
  };
}
