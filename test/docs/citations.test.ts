import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";
import {
  anchorOf,
  documents,
  headingsOf,
  proseOf,
  readDocument,
  resolveFrom,
  ROOT,
} from "./documents";

/**
 * What cites a document must find what it cites. Code, tests and documents name a document by
 * its path from the project root (`docs/reference/lua-chunk.md`), optionally with a section
 * (`DESIGN.md, "Title"`, `DESIGN.md's "Title"`, `docs/guides/secrets.md#anchor`); documents
 * also link to each other with relative markdown links (`[Secrets](../guides/secrets.md)`).
 */

/** Where the project's code and prose live; generated code cites nothing. */
const CITING = ["src", "test", "stacks", "schemas", "bench", "scripts", ".ci", ".github"];
const SKIP = new Set(["node_modules", "gen"]);

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !SKIP.has(name))
    .flatMap((name) => filesUnder(join(path, name)));
}

interface Citation {
  readonly document: string;
  readonly title?: string;
  readonly anchor?: string;
}

const CITATION = new RegExp(
  String.raw`(?<![\w./-])(DESIGN\.md|CHANGELOG\.md|docs/[\w./-]+?\.md)(?:(?:'s|,)\s*"([^"]+)"|#([\w-]+))?`,
  "g",
);

/** Every document and section a text names by its path from the project root. */
function citations(text: string): Citation[] {
  // A citation may wrap across comment lines: join them first.
  const flat = text.replace(/\s*\n\s*(?:\*|\/\/|#)?\s*/g, " ");
  return [...flat.matchAll(CITATION)].map((m) => ({ document: m[1], title: m[2], anchor: m[3] }));
}

/** Every relative link of a markdown document, resolved to a path from the project root. */
function links(document: string, markdown: string): Citation[] {
  return [...proseOf(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [path, anchor] = target.split("#");
      return { document: path === "" ? document : resolveFrom(document, path), anchor };
    });
}

/** Why a citation does not hold, or undefined when it does. */
function problem({ document, title, anchor }: Citation): string | undefined {
  const path = join(ROOT, document);
  if (!existsSync(path)) return `${document} does not exist`;
  if (title === undefined && anchor === undefined) return undefined;
  const headings = headingsOf(readFileSync(path, "utf8"));
  if (title !== undefined && !headings.includes(title)) return `${document} has no "${title}"`;
  if (anchor !== undefined && !headings.some((h) => anchorOf(h) === anchor)) {
    return `${document} has no #${anchor}`;
  }
  return undefined;
}

describe("citations of documents", () => {
  const citing = CITING.flatMap((entry) => filesUnder(join(ROOT, entry)))
    .map((file) => relative(ROOT, file))
    // These files name the citation forms themselves.
    .filter((file) => !file.startsWith("test/docs/"))
    .map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8") }));

  it("name documents and sections that exist, from code, tests and scripts", () => {
    const cited = citing.flatMap(({ file, text }) =>
      citations(text).map((citation) => ({ file, citation })),
    );
    expect(cited.length).toBeGreaterThan(10);
    const broken = cited.flatMap(({ file, citation }) => {
      const why = problem(citation);
      return why === undefined ? [] : [`${file}: ${why}`];
    });
    expect(broken).toEqual([]);
  });

  it("name documents and sections that exist, from documents, by path or by link", () => {
    const broken = documents().flatMap((document) => {
      const text = readDocument(document);
      return [...citations(text), ...links(document, text)].flatMap((citation) => {
        const why = problem(citation);
        return why === undefined ? [] : [`${document}: ${why}`];
      });
    });
    expect(broken).toEqual([]);
  });

  it("are reported when the section or the document is missing", () => {
    const text = 'see DESIGN.md, "No such section", docs/guides/nothing.md and DESIGN.md#the-flow';
    expect(citations(text).map(problem)).toEqual([
      'DESIGN.md has no "No such section"',
      "docs/guides/nothing.md does not exist",
      undefined,
    ]);
    expect(links("docs/README.md", "[a](guides/secrets.md#no-such-anchor)").map(problem)).toEqual([
      "docs/guides/secrets.md has no #no-such-anchor",
    ]);
    expect(links("docs/guides/review.md", "[b](../DESIGN.md)").map(problem)).toEqual([
      "docs/DESIGN.md does not exist",
    ]);
  });
});

describe("the documentation", () => {
  it("has a reference page for each public contract", () => {
    for (const page of ["cli", "review-json", "lua-chunk", "json-dialects", "promotion"]) {
      expect(existsSync(join(ROOT, "docs", "reference", `${page}.md`))).toBe(true);
    }
    expect(headingsOf(readDocument("DESIGN.md"))).toEqual(
      expect.arrayContaining(["The flow", "Facts the project builds on"]),
    );
  });

  it("keeps the README short: what it is, how to start, the common tasks, the plugin table, the gateway figures", () => {
    // 160 lines, 14 for the generated table of Kong's plugins by scopes and edition, and 9 for the
    // gateway bench's figures from one run (issue #20).
    expect(readDocument("README.md").split("\n").length).toBeLessThanOrEqual(183);
  });

  it("needs nothing outside the repository", () => {
    const outside = documents().filter((document) =>
      /\.\.\/shared|\/work\//.test(readDocument(document)),
    );
    expect(outside).toEqual([]);
  });
});
