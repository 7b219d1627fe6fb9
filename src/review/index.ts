/**
 * The plan review: what a change does to Kong and to the contracts, per environment, from two
 * synthesized revisions (see docs/reference/review-json.md). Pure over its inputs; checking out
 * and synthesizing revisions is `src/revisions`' job.
 */
export { buildReview } from "./review";
export { renderMarkdown, GITHUB_COMMENT_LIMIT } from "./markdown";
export { failedConditions, FAIL_ON_CONDITIONS } from "./fail-on";
export type { FailOnCondition } from "./fail-on";
export { readSynthOutput, readSynthFailures, readRevision, environmentOf } from "./read";
export { renderJson } from "./json";
export type * from "./model";
