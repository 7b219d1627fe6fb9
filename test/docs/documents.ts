import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative } from "path";

/** The project's documentation: what a reader opens, and what code and tests cite. */

export const ROOT = join(__dirname, "..", "..");

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return markdownUnder(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

/** Every document, as a path from the project root. */
export function documents(): string[] {
  return [
    "README.md",
    "DESIGN.md",
    "CHANGELOG.md",
    "schemas/README.md",
    "test/gateway/bed/README.md",
    ...markdownUnder("docs"),
  ].filter((path) => existsSync(join(ROOT, path)));
}

export function readDocument(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** A markdown text without its fenced code blocks, whose lines are not prose. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** The headings of a markdown text, outside code blocks. */
export function headingsOf(markdown: string): string[] {
  return [...proseOf(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].trim());
}

/** The path of `target` (relative to the document `from`) from the project root. */
export function resolveFrom(from: string, target: string): string {
  return relative(ROOT, join(ROOT, dirname(from), target));
}
