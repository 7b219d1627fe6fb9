import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { apiReport } from "./api";

/**
 * The public API, entry point by entry point, is committed in `api-report/`: a change to what a
 * user can import shows in review as a diff of that file. `npm run api-report` rewrites the
 * files after a deliberate change; this test fails on any change that did not.
 */

const ROOT = join(__dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string }>;
};

/** Each entry point of the package, with the source file its types come from. */
const entries = Object.entries(manifest.exports).flatMap(([subpath, target]) =>
  typeof target === "string"
    ? []
    : [
        {
          name: subpath === "." ? "avro-kong" : `avro-kong${subpath.slice(1)}`,
          source: target.types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, ".ts"),
        },
      ],
);

describe("the API report", () => {
  it("covers every entry point of the package", () => {
    expect(entries.map((e) => e.name)).toEqual([
      "avro-kong",
      "avro-kong/registry",
      "avro-kong/contracts",
    ]);
  });

  it.each(entries)("of $name matches the public API", ({ name, source }) => {
    const file = join(ROOT, "api-report", `${name.replace("/", "-")}.api.txt`);
    const report = apiReport(source);
    if (process.env.UPDATE_API_REPORT === "1") writeFileSync(file, report);
    expect(existsSync(file)).toBe(true);
    expect(report).toBe(readFileSync(file, "utf8"));
  });

  it("writes each export with its signature, without private, underscore-prefixed or inherited members", () => {
    expect(apiReport("test/package/fixture-api.ts")).toBe(
      [
        "const DEFAULT_MODE: Mode;",
        "",
        'type Mode = "a" | "b";',
        "",
        "interface Options {",
        "  readonly name: string;",
        "  readonly size?: number;",
        "}",
        "",
        "class Widget {",
        "  constructor(scope: Construct, id: string, options: Options);",
        '  static readonly KIND: "widget";',
        "  readonly options: Options;",
        "  resize(size: number): Widget;",
        "}",
        "",
        "function widgets(mode: Mode): readonly Widget[];",
        "",
      ].join("\n"),
    );
  });
});
