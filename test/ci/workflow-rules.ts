import { load } from "js-yaml";

/**
 * The rules every GitHub workflow of the project (and every workflow `avro-kong init` writes)
 * keeps, so that code from a pull request never runs where a credential is:
 * - a workflow run by `pull_request` runs the pull request's code: it declares its permissions,
 *   none of them `write`, and names no secret and no `github.token`;
 * - `pull_request_target` is not used (it runs with the base's secrets on the head's event);
 * - a `workflow_run` workflow runs no pull-request code: it installs nothing, checks out only
 *   the default branch, trusts a run by its workflow file and event (not by the name
 *   `workflow_run` matches, which a pull request can copy), and uses secrets only behind an
 *   environment (which has required reviewers);
 * - every action is pinned to a full commit SHA with its tag in a comment;
 * - no checkout keeps the token in `.git` (`persist-credentials: false`).
 * Each problem is one sentence naming the file and the job.
 */

type Mapping = { [key: string]: unknown };

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function triggers(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((t): t is string => typeof t === "string");
  return isMapping(on) ? Object.keys(on) : [];
}

function writes(permissions: unknown): boolean {
  if (permissions === "write-all") return true;
  return isMapping(permissions) && Object.values(permissions).some((level) => level === "write");
}

function steps(job: Mapping): Mapping[] {
  return Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
}

const isCheckout = (step: Mapping) =>
  typeof step.uses === "string" && step.uses.startsWith("actions/checkout@");

const INSTALLS = /\b(npm|npx|yarn|pnpm|pip3?|gem|bundle|make|go)\b|\bnode_modules\b/;
const CREDENTIAL = /\bsecrets\.|\bgithub\.token\b|\bsecrets\[/;

export function workflowProblems(text: string, file: string): string[] {
  const problems: string[] = [];
  const doc = load(text);
  if (!isMapping(doc)) return [`${file} is not a workflow.`];
  const on = triggers(doc.on);
  const jobs = isMapping(doc.jobs) ? Object.entries(doc.jobs) : [];
  const runsPullRequestCode = on.includes("pull_request");

  if (on.includes("pull_request_target")) {
    problems.push(
      `${file} runs on pull_request_target, which gives the base's credentials to a pull request's event.`,
    );
  }
  if (runsPullRequestCode) {
    if (writes(doc.permissions))
      problems.push(`${file} runs pull-request code with a write permission.`);
    if (CREDENTIAL.test(JSON.stringify(doc.env ?? {}))) {
      problems.push(`${file} runs pull-request code with a credential in its env.`);
    }
  }
  for (const [name, value] of jobs) {
    if (!isMapping(value)) continue;
    const job = value;
    const where = `${file} job ${name}`;
    if (runsPullRequestCode) {
      if (doc.permissions === undefined && job.permissions === undefined) {
        problems.push(`${where} runs pull-request code without declaring its permissions.`);
      }
      if (writes(job.permissions))
        problems.push(`${where} runs pull-request code with a write permission.`);
      if (CREDENTIAL.test(JSON.stringify(job))) {
        problems.push(`${where} runs pull-request code and names a secret or github.token.`);
      }
    }
    if (on.includes("workflow_run")) {
      const condition = typeof job.if === "string" ? job.if : "";
      if (
        !/github\.event\.workflow_run\.path\s*==/.test(condition) ||
        !/github\.event\.workflow_run\.event\s*==/.test(condition)
      ) {
        problems.push(`${where} does not check the triggering run's workflow file and event.`);
      }
      if (/\bsecrets\./.test(JSON.stringify(job)) && job.environment === undefined) {
        problems.push(`${where} uses a secret outside a protected environment.`);
      }
      for (const step of steps(job)) {
        if (typeof step.run === "string" && INSTALLS.test(step.run)) {
          problems.push(
            `${where} installs or runs packages in a workflow_run workflow: ${JSON.stringify(step.run.split("\n")[0])}.`,
          );
        }
        if (isCheckout(step)) {
          const ref = isMapping(step.with) ? step.with.ref : undefined;
          if (ref !== undefined && ref !== "${{ github.event.repository.default_branch }}") {
            problems.push(`${where} checks out ${JSON.stringify(ref)}, not the default branch.`);
          }
        }
      }
    }
    for (const step of steps(job)) {
      if (
        isCheckout(step) &&
        !(isMapping(step.with) && step.with["persist-credentials"] === false)
      ) {
        problems.push(`${where} checks out without persist-credentials: false.`);
      }
    }
  }
  text.split("\n").forEach((line, i) => {
    const uses = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!uses || uses[1].startsWith("./") || uses[1].startsWith("docker://")) return;
    if (!/@[0-9a-f]{40}$/.test(uses[1]) || !/^\s+# v\d+(\.\d+)*\s*$/.test(uses[2])) {
      problems.push(
        `${file} line ${i + 1}: ${uses[1]} is not pinned to a commit SHA with its tag in a comment.`,
      );
    }
  });
  return problems;
}
