import { readdirSync, readFileSync } from "fs";
import { join } from "path";

describe("constructs' errors", () => {
  it("are UserErrors (reported as one sentence), never plain Errors (reported as bugs, with a stack)", () => {
    const dir = join(__dirname, "..", "..", "src", "constructs");
    const plain = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        readFileSync(join(dir, f), "utf8")
          .split("\n")
          .map((line, i) => ({ at: `src/constructs/${f}:${i + 1}`, line }))
          .filter(({ line }) => /\bthrow new Error\(/.test(line))
          .map(({ at }) => at),
      );
    expect(plain).toEqual([]);
  });
});
