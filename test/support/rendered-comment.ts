import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { dumpDom } from "./chromium";
import { githubPage, renderGithubMarkdown } from "./github-markdown";

/** What Chromium made of a comment: its elements in document order, as a reader meets them. */
export interface RenderedComment {
  /** Every element name in the comment. */
  readonly tags: readonly string[];
  readonly headings: readonly { level: number; text: string; at: number; visible: boolean }[];
  readonly links: readonly { href: string | null; text: string }[];
  readonly details: readonly {
    open: boolean;
    summary: string;
    at: number;
    /** A direct child of the comment (not nested in another block). */
    topLevel: boolean;
    /** The entries it folds: the items of its own lists, as text. */
    entries: readonly string[];
  }[];
  readonly tables: readonly {
    header: readonly string[];
    rows: readonly (readonly string[])[];
    at: number;
    visible: boolean;
  }[];
  /** List items: `at` is the position in document order, `visible` whether a reader sees it. */
  readonly items: readonly { text: string; at: number; visible: boolean; inDetails: boolean }[];
  /** The comment's direct children. */
  readonly blocks: readonly { tag: string; text: string; visible: boolean }[];
  /** All its text, as the DOM holds it. */
  readonly text: string;
}

/**
 * Runs in the page, after the comment: reads the DOM Chromium built (visibility as Chromium
 * decides it: content of a closed `<details>` is not rendered) and writes it, URI-encoded, into
 * a `<pre>` that --dump-dom prints.
 */
const PROBE = `
const read = (root) => {
const all = [...root.querySelectorAll("*")];
const at = (e) => all.indexOf(e);
const visible = (e) => e.checkVisibility();
const text = (e) => e.textContent.trim();
const report = {
  tags: [...new Set(all.map((e) => e.localName))].sort(),
  headings: [...root.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => ({
    level: Number(h.localName[1]), text: text(h), at: at(h), visible: visible(h) })),
  links: [...root.querySelectorAll("a")].map((a) => ({ href: a.getAttribute("href"), text: text(a) })),
  details: [...root.querySelectorAll("details")].map((d) => ({ open: d.open,
    summary: text(d.querySelector("summary") ?? d), at: at(d), topLevel: d.parentElement === root,
    entries: [...d.querySelectorAll(":scope > ul > li")].map(text) })),
  tables: [...root.querySelectorAll("table")].map((t) => ({
    header: [...(t.tHead?.rows[0]?.cells ?? [])].map(text),
    rows: [...(t.tBodies[0]?.rows ?? [])].map((r) => [...r.cells].map(text)),
    at: at(t), visible: visible(t) })),
  items: [...root.querySelectorAll("li")].map((li) => ({ text: text(li), at: at(li),
    visible: visible(li), inDetails: li.closest("details") !== null })),
  blocks: [...root.children].map((e) => ({ tag: e.localName, text: text(e), visible: visible(e) })),
  text: root.textContent,
};
return report;
};
const out = document.createElement("pre");
out.id = "rendered-comments";
out.textContent = encodeURIComponent(JSON.stringify([...document.querySelectorAll("article")].map(read)));
document.body.append(out);
`;

/**
 * Renders each comment as GitHub would, loads them in headless Chromium (one page, one start)
 * and reads what it made of each.
 */
export function renderInChromium(comments: readonly string[]): RenderedComment[] {
  const dir = mkdtempSync(join(tmpdir(), "avro-kong-rendered-"));
  try {
    const page = join(dir, "comments.html");
    writeFileSync(page, githubPage("reviews", comments.map(renderGithubMarkdown), PROBE));
    const dom = dumpDom(page);
    const encoded = /<pre id="rendered-comments">([^<]*)<\/pre>/.exec(dom)?.[1];
    if (encoded === undefined)
      throw new Error(`Chromium printed no report for the page: ${dom.slice(0, 500)}`);
    return JSON.parse(decodeURIComponent(encoded)) as RenderedComment[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
