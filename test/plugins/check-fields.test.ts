import type { KongField } from "../../src/plugins";
import {
  compileField,
  defaultIsUnresolved,
  type FieldProblem,
} from "../../src/plugins/check-fields";

const problems = (field: KongField, value: unknown): string[] => {
  const out: FieldProblem[] = [];
  compileField(field, () => [])(value, "config.x", { isUnresolved: defaultIsUnresolved }, out);
  return out.map((p) => p.detail);
};

describe("string length rules", () => {
  // Kong counts characters (code points), not UTF-16 units: an emoji is one character.
  it("counts code points against len_max", () => {
    const field = { type: "string", len_max: 2 } as const;
    expect(problems(field, "😀😀")).toEqual([]);
    expect(problems(field, "😀😀😀")).toEqual([
      'config.x is "😀😀😀"; expected a string of at most 2 characters',
    ]);
  });

  it("counts code points against len_min", () => {
    const field = { type: "string", len_min: 3 } as const;
    expect(problems(field, "abc")).toEqual([]);
    expect(problems(field, "😀😀")).toEqual([
      'config.x is "😀😀"; expected a string of at least 3 characters',
    ]);
  });

  it("decides long strings within bounds without fault", () => {
    expect(problems({ type: "string", len_min: 1, len_max: 100000 }, "x".repeat(50000))).toEqual(
      [],
    );
    expect(problems({ type: "string", len_max: 10 }, "x".repeat(11))).toHaveLength(1);
  });
});
