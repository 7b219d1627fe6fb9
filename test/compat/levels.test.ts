import {
  checkLevel,
  COMPATIBILITY_LEVELS,
  isCompatibilityLevel,
  type CompatibilityLevel,
} from "../../src/compat";
import { avro } from "./parse";

const record = (...fields: object[]) => avro({ type: "record", name: "shop.Event", fields });

/**
 * Three versions: v0 {a}, v1 {a, b=0}, v2 {b=0}. The candidate {b} (no default) reads v2 and
 * v1 but not v0, which has no `b`; v2 reads the candidate, v1 and v0 do not (they need `a`).
 */
const history = [
  record({ name: "a", type: "int" }),
  record({ name: "a", type: "int" }, { name: "b", type: "int", default: 0 }),
  record({ name: "b", type: "int", default: 0 }),
];
const candidate = record({ name: "b", type: "int" });

const missingB = [{ type: "READER_FIELD_MISSING_DEFAULT_VALUE", path: "/fields/0", message: "b" }];
const missingA = [{ type: "READER_FIELD_MISSING_DEFAULT_VALUE", path: "/fields/0", message: "a" }];

describe("checkLevel over a three-version history", () => {
  it.each<[CompatibilityLevel, object[]]>([
    ["BACKWARD", []],
    ["FORWARD", []],
    ["FULL", []],
    ["NONE", []],
    ["BACKWARD_TRANSITIVE", [{ againstIndex: 0, direction: "backward", errors: missingB }]],
    [
      "FORWARD_TRANSITIVE",
      [
        { againstIndex: 0, direction: "forward", errors: missingA },
        { againstIndex: 1, direction: "forward", errors: missingA },
      ],
    ],
    [
      "FULL_TRANSITIVE",
      [
        { againstIndex: 0, direction: "backward", errors: missingB },
        { againstIndex: 0, direction: "forward", errors: missingA },
        { againstIndex: 1, direction: "forward", errors: missingA },
      ],
    ],
  ])("%s", (level, expected) => {
    expect(checkLevel(level, candidate, history)).toEqual(expected);
  });

  describe("a candidate that changes b's type breaks the latest version both ways", () => {
    const changed = record({ name: "b", type: "string", default: "0" });
    const backward = {
      againstIndex: 2,
      direction: "backward",
      errors: [
        {
          type: "TYPE_MISMATCH",
          path: "/fields/0/type",
          message: "reader type: STRING not compatible with writer type: INT",
        },
      ],
    };
    const forward = {
      againstIndex: 2,
      direction: "forward",
      errors: [
        {
          type: "TYPE_MISMATCH",
          path: "/fields/0/type",
          message: "reader type: INT not compatible with writer type: STRING",
        },
      ],
    };
    it.each<[CompatibilityLevel, object[]]>([
      ["BACKWARD", [backward]],
      ["FORWARD", [forward]],
      ["FULL", [backward, forward]],
      ["NONE", []],
    ])("%s", (level, expected) => {
      expect(checkLevel(level, changed, history)).toEqual(expected);
    });
  });

  it("widening int to long is BACKWARD but not FORWARD", () => {
    const v = [record({ name: "n", type: "int" })];
    const widened = record({ name: "n", type: "long" });
    expect(checkLevel("BACKWARD", widened, v)).toEqual([]);
    expect(checkLevel("FORWARD", widened, v)).toEqual([
      {
        againstIndex: 0,
        direction: "forward",
        errors: [
          {
            type: "TYPE_MISMATCH",
            path: "/fields/0/type",
            message: "reader type: INT not compatible with writer type: LONG",
          },
        ],
      },
    ]);
  });

  it("a first version has nothing to be compatible with", () => {
    for (const level of COMPATIBILITY_LEVELS) expect(checkLevel(level, candidate, [])).toEqual([]);
  });
});

describe("isCompatibilityLevel", () => {
  it("accepts Confluent's seven names", () => {
    expect(COMPATIBILITY_LEVELS).toEqual([
      "BACKWARD",
      "BACKWARD_TRANSITIVE",
      "FORWARD",
      "FORWARD_TRANSITIVE",
      "FULL",
      "FULL_TRANSITIVE",
      "NONE",
    ]);
    for (const level of COMPATIBILITY_LEVELS) expect(isCompatibilityLevel(level)).toBe(true);
  });

  it.each([["backward"], ["TRANSITIVE"], [""], [null], [undefined], [3], [["BACKWARD"]]])(
    "rejects %p",
    (value) => {
      expect(isCompatibilityLevel(value)).toBe(false);
    },
  );
});
