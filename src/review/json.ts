import type { Review } from "./model";

/** The review as `review --format json` prints it (shape: docs/reference/review-json.md). */
export function renderJson(review: Review): string {
  return JSON.stringify(review, null, 2) + "\n";
}
