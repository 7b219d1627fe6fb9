import { escapeControl } from "../../src/common";
import { GITHUB_COMMENT_LIMIT, renderMarkdown, type Review } from "../../src/review";
import { renderInChromium, type RenderedComment } from "../support/rendered-comment";
import { FORGED_NAMESPACE, largeReview, riskyReview, routineReview } from "./sample-reviews";

/**
 * The review comment as a reviewer sees it: rendered as GitHub renders Markdown (GFM, raw
 * `<details>`, GitHub's sanitizer) and loaded in Debian's headless Chromium, whose DOM is read.
 */

/** The elements a review comment is made of; anything else came from somewhere it should not. */
const REVIEW_ELEMENTS = [
  "br", "code", "details", "em", "h3", "h4", "li", "p", "pre", "strong", "summary", "table",
  "tbody", "td", "th", "thead", "tr", "ul",
]; // prettier-ignore

const SUMMARY_HEADER = ["environment", "added", "changed", "removed", "contracts", "risks"];
const CONTRACT_HEADER = ["subject", "environment", "from", "to", "verdict", "routes"];

/** The summary table's first four cells, per environment with something to show. */
function summaryRows(review: Review): string[][] {
  return review.environments
    .filter((e) => e.entities.length > 0 || e.contracts > 0 || e.newStacks.length > 0)
    .map((e) => [
      e.environment,
      String(e.added.length),
      String(e.changed.length),
      String(e.removed.length),
    ]);
}

function heading(dom: RenderedComment, text: string) {
  return dom.headings.find((h) => h.text === text);
}

/** Risks, then nothing folded is open or visible; what precedes the risks is the summary only. */
function expectRisksFirst(review: Review, dom: RenderedComment): void {
  const attention = heading(dom, `⚠️ Needs attention (${review.risks.length})`)!;
  expect(attention).toMatchObject({ level: 4, visible: true });
  const risks = dom.items.filter((i) => i.at > attention.at).slice(0, review.risks.length);
  expect(risks.map((r) => [r.visible, r.inDetails])).toEqual(review.risks.map(() => [true, false]));
  review.risks.forEach((r, i) => expect(risks[i].text).toContain(`${r.kind} in ${r.environment}`));
  review.risks.forEach((r, i) => expect(risks[i].text).toContain(r.message));
  // Before the risks: the title, the base, the summary table and the unchanged count, no more.
  const before = dom.blocks.slice(
    0,
    dom.blocks.findIndex((b) => b.text === attention.text),
  );
  expect(before.map((b) => b.tag).join(" ")).toMatch(/^h3 p table( p)?$/);
  if (before.length === 4) expect(before[3].text).toMatch(/^Unchanged: /);
  for (const d of dom.details) expect(d.at).toBeGreaterThan(risks[risks.length - 1].at);
}

/** Every `<details>` closed, at the top level, with none of its entries visible. */
function expectRestFolded(markdown: string, dom: RenderedComment): void {
  expect(dom.details.length).toBe(markdown.split("<details>").length - 1);
  expect(dom.details.length).toBeGreaterThan(0);
  expect(dom.details.map((d) => [d.open, d.topLevel])).toEqual(
    dom.details.map(() => [false, true]),
  );
  expect(dom.items.filter((i) => i.inDetails && i.visible)).toEqual([]);
}

function expectTables(review: Review, dom: RenderedComment): void {
  const [summary, contracts] = dom.tables;
  expect(summary.header).toEqual(SUMMARY_HEADER);
  expect(summary.rows.map((r) => r.slice(0, 4))).toEqual(summaryRows(review));
  for (const row of summary.rows) expect(row).toHaveLength(6);
  expect(contracts.header).toEqual(CONTRACT_HEADER);
  expect(contracts.rows.map((r) => [r.length, r[0], r[1]])).toEqual(
    review.contractChanges.map((c) => [6, c.subject, c.environment]),
  );
  expect(dom.tables.map((t) => t.visible)).toEqual(dom.tables.map(() => true));
}

function expectOnlyReviewElements(dom: RenderedComment): void {
  expect(dom.tags.filter((t) => !REVIEW_ELEMENTS.includes(t))).toEqual([]);
  expect(dom.links).toEqual([]);
}

const routine = routineReview();
const risky = riskyReview();
const large = largeReview();
const hostileProblem = risky.head.problems.find((p) => p.includes("namespace"))!;
const markdown = {
  routine: renderMarkdown(routine),
  risky: renderMarkdown(risky),
  large: renderMarkdown(large),
  // The whole large review, with no limit: what the comment keeps must be its start.
  whole: renderMarkdown(large, Infinity),
};
// The risky review as it would be if the namespace were echoed raw: the check must catch it.
const forgedMarkdown = markdown.risky.replace(
  /^- head: .*namespace.*$/m,
  `- head: ${hostileProblem.split(escapeControl(FORGED_NAMESPACE)).join(FORGED_NAMESPACE)}`,
);

/** What Chromium made of each comment: one start of Chromium for all of them. */
const rendered: Record<keyof typeof markdown | "forged", RenderedComment> = {} as never;
beforeAll(() => {
  const names = ["routine", "risky", "large", "whole"] as const;
  const doms = renderInChromium([...names.map((n) => markdown[n]), forgedMarkdown]);
  names.forEach((n, i) => (rendered[n] = doms[i]));
  rendered.forged = doms[names.length];
});

describe("a routine review (a schema version promoted, a route added) as GitHub renders it", () => {
  const review = routine;
  let dom: RenderedComment;
  beforeAll(() => (dom = rendered.routine));

  it("needs no attention: the summary and contract tables, then everything folded", () => {
    expect(review.risks).toEqual([]);
    expect(dom.headings.map((h) => h.text)).toEqual([
      "avro-kong plan review",
      "Contract changes",
      "What changed in the contracts",
    ]);
    expectTables(review, dom);
    expectRestFolded(markdown.routine, dom);
    expectOnlyReviewElements(dom);
  });

  it("folds each environment's entities, one entry per entity", () => {
    for (const e of review.environments.filter((x) => x.entities.length > 0)) {
      const folded = dom.details.find((d) => d.summary.startsWith(`${e.environment}:`))!;
      expect(folded.entries).toHaveLength(e.entities.length);
    }
    expect(review.contractChanges.map((c) => [c.environment, c.compatible])).toEqual([
      ["staging", true],
    ]);
  });
});

describe("a risky review as GitHub renders it", () => {
  const review = risky;
  const problem = hostileProblem;
  let dom: RenderedComment;
  beforeAll(() => (dom = rendered.risky));

  it("shows a route removed, identity weakened, a limit lowered, an incompatible contract and a new stack first", () => {
    expect(review.risks.map((r) => r.kind)).toEqual([
      "removed",
      "weakened",
      "rate-limit",
      "incompatible",
      "new-state",
    ]);
    expectRisksFirst(review, dom);
  });

  it("folds everything else, and its tables have the rows and columns of the review", () => {
    expectRestFolded(markdown.risky, dom);
    expectTables(review, dom);
  });

  it("keeps a hostile schema namespace as text: no heading, element or link comes from it", () => {
    // The sentence itself is one line: the namespace's newlines escaped where it is written.
    expect(problem).toContain(escapeControl(FORGED_NAMESPACE));
    expect(dom.headings.map((h) => h.text)).toEqual([
      "avro-kong plan review",
      `⚠️ Needs attention (${review.risks.length})`,
      "Contract changes",
      "What changed in the contracts",
    ]);
    expectOnlyReviewElements(dom);
    const problems = dom.details.find((d) => d.summary.startsWith("Schema and pin problems"))!;
    expect(problems.entries).toEqual([`head: ${escapeControl(problem)}`]);
    expect(dom.text).toContain("</details>\\u000a\\u000a### ✅ Nothing changes in prod");
  });

  it("would catch the forgery: the namespace echoed raw closes the <details> and makes a heading", () => {
    expect(forgedMarkdown).not.toBe(markdown.risky);
    expect(rendered.forged.headings.map((h) => [h.text, h.visible])).toContainEqual([
      '✅ Nothing changes in prod".',
      true,
    ]);
    // The problems' <details> now ends before the forged text, which shows unfolded.
    const problems = rendered.forged.details.find((d) => d.summary.startsWith("Schema and pin"))!;
    expect(problems.entries.join("")).not.toContain("Nothing changes");
  });
});

describe("a large review, near GitHub's 65,536-character limit, as GitHub renders it", () => {
  const review = large;
  let dom: RenderedComment;
  let whole: RenderedComment;
  beforeAll(() => {
    dom = rendered.large;
    whole = rendered.whole;
  });

  it("fits in one comment, close to the limit, and says what it left out at the end", () => {
    expect(markdown.whole.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    expect(markdown.large.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown.large.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1000);
    const note = dom.blocks[dom.blocks.length - 1];
    expect(note).toMatchObject({ tag: "p", visible: true });
    expect(note.text).toMatch(
      /^Left out to stay within GitHub's 65,536-character limit: .+\. avro-kong review --format json has everything\.$/,
    );
  });

  it("renders completely: every <details> closed where it opened, the risks first and visible", () => {
    const text = markdown.large;
    expect(text.split("<details>").length).toBe(text.split("</details>").length);
    expectRestFolded(text, dom);
    expectRisksFirst(review, dom);
    expectTables(review, dom);
    expectOnlyReviewElements(dom);
  });

  it("cuts between entries, never inside one: what is kept is the start of the full list", () => {
    const note = dom.blocks[dom.blocks.length - 1].text;
    for (const folded of dom.details) {
      const full = whole.details.find((d) => d.summary === folded.summary)!;
      expect(folded.entries).toEqual(full.entries.slice(0, folded.entries.length));
      const left = full.entries.length - folded.entries.length;
      const environment = folded.summary.split(":")[0];
      if (left > 0)
        expect(note).toContain(
          `${left} of ${full.entries.length} entries of ${environment} details`,
        );
    }
    expect(dom.details.some((d) => d.entries.length > 0)).toBe(true);
  });
});
