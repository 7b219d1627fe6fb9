import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";

/** The project documents itself in DESIGN.md; what cites it must find what it cites. */

const ROOT = join(__dirname, "..", "..");
const DESIGN = readFileSync(join(ROOT, "DESIGN.md"), "utf8");
/** Where the project's code and prose live; generated code cites nothing. */
const CITING = ["src", "test", "stacks", "schemas", "bench", "scripts", "README.md"];
const SKIP = new Set(["node_modules", "gen"]);

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !SKIP.has(name))
    .flatMap((name) => filesUnder(join(path, name)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

const headings = [...DESIGN.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].trim());

/** Every section a file names: `DESIGN.md, "Title"`, `DESIGN.md's "Title"`, `DESIGN.md#anchor`. */
function citations(text: string): { title?: string; anchor?: string }[] {
  // A citation may wrap across comment lines: join them first.
  const flat = text.replace(/\s*\n\s*(?:\*|\/\/)?\s*/g, " ");
  return [
    ...[...flat.matchAll(/DESIGN\.md(?:'s|,)\s*"([^"]+)"/g)].map((m) => ({ title: m[1] })),
    ...[...flat.matchAll(/DESIGN\.md#([\w-]+)/g)].map((m) => ({ anchor: m[1] })),
  ];
}

describe("DESIGN.md", () => {
  const citing = CITING.flatMap((entry) => filesUnder(join(ROOT, entry)))
    .map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, "utf8") }))
    // This file names the citation forms themselves.
    .filter(({ file, text }) => file !== relative(ROOT, __filename) && text.includes("DESIGN.md"));

  it("has the sections the project's code, tests and README cite", () => {
    const missing = citing.flatMap(({ file, text }) =>
      citations(text)
        .filter(({ title, anchor }) =>
          title !== undefined
            ? !headings.includes(title)
            : !headings.some((h) => anchorOf(h) === anchor),
        )
        .map(({ title, anchor }) => `${file}: ${title ?? `#${anchor}`}`),
    );
    expect(citing.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("holds the public contracts and the sections others fill in", () => {
    for (const section of [
      "The command line",
      "JSON dialects",
      "The Lua chunk",
      "Plan review JSON",
      "Promotion",
    ]) {
      expect(headings).toContain(section);
    }
  });

  it("needs nothing outside the repository", () => {
    expect(DESIGN).not.toMatch(/\.\.\/shared|\/work\//);
  });
});
