import { readFileSync } from "fs";
import { COMPATIBILITY_LEVELS, INCOMPATIBILITY_TYPES } from "../../src/compat";
import { FAIL_ON_CONDITIONS } from "../../src/review";
import { checkedReview, REVIEW_SCHEMA_FILE, reviewSchemaValidator } from "../support/review-report";
import { orderV1, orderV2, revision, reviewJson } from "./fixture";

/**
 * docs/reference/review-json.schema.json is the published shape of `review --format json`.
 * Every report the tests build passes through `checkedReview` (test/review/fixture.ts,
 * test/review/stack-json.test.ts, test/cli/review.test.ts); this file proves the check can fail.
 */
describe("the JSON Schema of the review report", () => {
  const schemas = { "shop.orders.OrderPlaced": { 1: orderV1, 2: orderV2 } };
  const report = reviewJson(
    revision({ schemas, pins: { dev: { "shop.orders.OrderPlaced": 1 } }, declare: () => {} }),
    revision({ schemas, pins: { dev: { "shop.orders.OrderPlaced": 2 } }, declare: () => {} }),
  );
  const schema = JSON.parse(readFileSync(REVIEW_SCHEMA_FILE, "utf8")) as {
    definitions: Record<string, { properties: Record<string, { enum?: unknown[] }> }>;
  };

  it("accepts a real report, with formatVersion 1", () => {
    expect(report.formatVersion).toBe(1);
    expect(report.contractChanges[0].schemaChanges).toHaveLength(1);
    expect(reviewSchemaValidator()(report)).toBe(true);
  });

  it("refuses a report of another shape: another version, a missing list, an unknown field, a shown credential", () => {
    const bad = [
      { ...report, formatVersion: 2 },
      { ...report, risks: undefined },
      { ...report, extra: true },
      {
        ...report,
        environments: [
          {
            ...report.environments[0],
            entities: [
              {
                address: "kong_consumer_key_auth.k",
                change: "changed",
                stack: "dev",
                label: "key",
                attributes: [{ path: "key", sensitive: true, to: "s3cret" }],
                destructive: [],
                risks: [],
              },
            ],
          },
        ],
      },
    ];
    for (const b of bad) expect(() => checkedReview(b as typeof report)).toThrow(/does not match/);
  });

  it("lists the same levels and error types as the code", () => {
    const change = schema.definitions.contractChange.properties;
    expect(change.compatibility.enum).toEqual([null, ...[...COMPATIBILITY_LEVELS].sort()]);
    const error = schema.definitions.contractError.properties;
    expect(error.type.enum).toEqual([...INCOMPATIBILITY_TYPES, "UNREADABLE_SCHEMA"]);
    const kinds = (schema.definitions.riskKind as unknown as { enum: string[] }).enum;
    expect(FAIL_ON_CONDITIONS).toEqual(expect.arrayContaining(kinds));
  });
});
