import { UserError } from "../../common";
import {
  buildReview,
  failedConditions,
  FAIL_ON_CONDITIONS,
  renderJson,
  renderMarkdown,
  type FailOnCondition,
} from "../../review";
import { RevisionRefused, synthesizeRevisions } from "../../revisions";
import { defineCommand, usageLine } from "../args";
import { findProjectRoot } from "../root";

const spec = {
  name: "review",
  summary:
    "synthesize the base revision and the working tree, and print what the change does to Kong and to the contracts, per environment",
  options: {
    base: {
      value: "REF",
      description:
        "the revision to compare with (default: the merge-base of HEAD with origin/main, else main)",
    },
    format: {
      value: "FORMAT",
      choices: ["markdown", "json"],
      default: "markdown",
      description: "markdown for a pull-request comment, json for machines",
    },
    "fail-on": {
      value: "CONDITION[,CONDITION…]",
      description: `exit 1 when one holds: ${FAIL_ON_CONDITIONS.join(", ")} (guardrail: a warning the base did not have)`,
    },
  },
  details: [
    "Exit 0; 1 when a --fail-on condition holds, when the working tree (or one of its environments) does not synthesize, or when the base cannot be used (a ref that names no commit); 2 for a usage mistake.",
  ],
} as const;

function failOn(value: string | undefined): FailOnCondition[] {
  if (value === undefined) return [];
  return value.split(",").map((word) => {
    const condition = FAIL_ON_CONDITIONS.find((c) => c === word.trim());
    if (condition) return condition;
    throw new UserError(
      `Option --fail-on is "${word}"; expected one of: ${FAIL_ON_CONDITIONS.join(", ")} (usage: ${usageLine(spec)}).`,
    );
  });
}

/** `review`: the plan review of the working tree against a base revision. */
export const command = defineCommand(spec, async (args, io) => {
  const conditions = failOn(args.value("fail-on"));
  let revisions;
  try {
    revisions = await synthesizeRevisions(findProjectRoot(io.cwd), args.value("base"));
  } catch (error) {
    if (!(error instanceof RevisionRefused)) throw error;
    io.err(error.message);
    return 1;
  }
  const review = buildReview(revisions.base, revisions.head);
  io.out(args.value("format") === "json" ? renderJson(review) : renderMarkdown(review));
  const failed = failedConditions(review, conditions);
  for (const f of failed) io.err(`--fail-on ${f.condition}: ${f.reason}`);
  if (!review.head.synthesized)
    io.err(`The working tree does not synthesize: ${review.head.error ?? "no reason given"}`);
  const broken = review.environments.filter((e) => e.error !== undefined);
  for (const e of broken)
    io.err(`The working tree does not synthesize ${e.environment}: ${e.error ?? ""}`);
  return failed.length > 0 || !review.head.synthesized || broken.length > 0 ? 1 : 0;
});
