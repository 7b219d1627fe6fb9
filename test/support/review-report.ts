import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "fs";
import { join } from "path";
import type { Review } from "../../src/review";

/** The JSON Schema of `review --format json` (docs/reference/review-json.schema.json). */
export const REVIEW_SCHEMA_FILE = join(
  __dirname,
  "..",
  "..",
  "docs",
  "reference",
  "review-json.schema.json",
);

let validate: ValidateFunction | undefined;

/** The schema compiled by ajv (draft-07, strict: an unknown keyword in the schema is an error). */
export function reviewSchemaValidator(): ValidateFunction {
  validate ??= new Ajv({ strict: true, allErrors: true }).compile(
    JSON.parse(readFileSync(REVIEW_SCHEMA_FILE, "utf8")) as object,
  );
  return validate;
}

/**
 * Every report a test produces passes through here: it is checked, as a machine reads it (its
 * JSON text), against the published schema, and returned unchanged.
 */
export function checkedReview<T extends Review>(review: T): T {
  const check = reviewSchemaValidator();
  if (!check(JSON.parse(JSON.stringify(review))))
    throw new Error(
      `the review report does not match docs/reference/review-json.schema.json: ${JSON.stringify(check.errors, null, 1).slice(0, 2000)}`,
    );
  return review;
}
