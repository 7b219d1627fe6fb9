import { clipText, escapeControl } from "../common";
import type {
  AttributeChange,
  ContractChange,
  EntityChange,
  EnvironmentReview,
  Json,
  PinnedVersion,
  Review,
} from "./model";
import type { SchemaChange } from "../compat";
import { isObject } from "./entities";
import { contractDiagram } from "./mermaid";

/** GitHub's limit on a pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The first line of every review comment: CI finds the comment to edit by it. */
const REVIEW_MARKER = "<!-- avro-kong-review -->";

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 600;
const VALUE_WIDTH = 160;

/**
 * Text from input as Markdown that renders as itself, also inside `<details>` and table cells:
 * control characters escaped (`\u001b`, so no newline starts a heading or ends a block), HTML's
 * `<`, `>`, `&` as entities, and the characters Markdown or GitHub give a meaning inside a line
 * (emphasis, code, links, table cells, strike-through, mentions, math) backslashed.
 */
function md(text: string): string {
  return escapeControl(text)
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_[\]|~@$]/g, "\\$&")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * Inline code that survives any content (backticks, control characters, and pipes, escaped for
 * a table cell; outside a table GitHub would show that backslash, so `inTable` false keeps them).
 */
function code(text: string, inTable = true): string {
  const flat = escapeControl(text.replace(/[\r\n\t ]+/g, " "));
  const fence = flat.includes("`") ? "``" : "`";
  const body = inTable ? flat.replace(/\|/g, "\\|") : flat;
  return `${fence}${flat.includes("`") ? " " : ""}${body}${flat.includes("`") ? " " : ""}${fence}`;
}

/** A Lua chunk's contract as one phrase: what the reviewer needs, never the Lua text. */
function chunkPhrase(v: { readonly [k: string]: Json }): string | undefined {
  if (typeof v.validates === "string") {
    const options = [
      v.dialect,
      v.unknownFields ? `unknown fields ${String(v.unknownFields)}` : undefined,
      v.mode,
    ]
      .filter((x) => typeof x === "string")
      .join(", ");
    return `${v.validates === "request-log" ? "logs request-validator's" : `validates ${v.validates}`} ${String(v.subject)} v${String(v.version)} (crc64 ${String(v.fingerprint)}), ${options}; code ${String(v.code)}`;
  }
  if (typeof v.lua === "string")
    return `Lua: ${v.lua} (${String(v.lines)} lines, ${String(v.code)})`;
  return undefined;
}

function value(v: Json | undefined): string {
  if (v === undefined) return "_(absent)_";
  const phrase = isObject(v) ? chunkPhrase(v) : undefined;
  if (phrase) return code(phrase);
  const text = JSON.stringify(v);
  return code(clipText(text, VALUE_WIDTH));
}

function pin(p: PinnedVersion | null): string {
  return p ? `v${p.version} ${code(p.fingerprint)}` : "_(not pinned)_";
}

function attribute(a: AttributeChange, added: boolean): string {
  if (a.sensitive) return `  - ${code(a.path)}: _(sensitive value${added ? "" : " changed"})_`;
  if (added) return `  - ${code(a.path)}: ${value(a.to)}`;
  return `  - ${code(a.path)}: ${value(a.from)} → ${value(a.to)}`;
}

const SIGN: Readonly<Record<EntityChange["change"], string>> = {
  added: "➕",
  changed: "✏️",
  removed: "➖",
  replaced: "🔁",
  moved: "↪️",
};

function entity(c: EntityChange, showStack: boolean): string {
  const where = showStack ? ` in stack ${md(c.stack)}` : "";
  const from = c.previous ? ` from ${code(c.previous.address)}` : "";
  const lines = [
    `- ${SIGN[c.change]} ${c.change} **${md(c.label)}** ${code(c.address)}${from}${where}`,
  ];
  for (const r of c.risks) lines.push(`  - ⚠️ **${r.kind}**: ${md(r.message)}`);
  lines.push(...c.attributes.map((a) => attribute(a, c.change === "added")));
  return lines.join("\n");
}

/** One field-level change of a contract as a line of the comment. */
function schemaChangeLine(c: SchemaChange): string {
  const f = code(c.field === "" ? "(top level)" : c.field, false);
  const v = (text: string | undefined) => code(clipText(text ?? "", VALUE_WIDTH), false);
  switch (c.kind) {
    case "field-added":
      return `➕ field ${f} added: ${v(c.to)}${c.optional ? ", optional" : ""}, ${c.hasDefault ? "with a default" : "**without a default**"}`;
    case "field-removed":
      return `➖ field ${f} removed (was ${v(c.from)}${c.hasDefault ? ", with a default" : ", without a default"})`;
    case "field-renamed":
      return `🔁 field ${f} renamed from ${v(c.from)} (read through its alias)`;
    case "type-changed":
      return `✏️ type of ${f}: ${v(c.from)} → ${v(c.to)}`;
    case "symbol-added":
      return `➕ symbol ${v(c.to)} added to ${f}`;
    case "symbol-removed":
      return `➖ symbol ${v(c.from)} removed from ${f}`;
    case "alias-added":
      return `➕ alias ${v(c.to)} on ${f}`;
    case "alias-removed":
      return `➖ alias ${v(c.from)} removed from ${f}`;
    case "default-added":
      return `➕ default of ${f}: ${v(c.to)}`;
    case "default-removed":
      return `➖ default of ${f} removed (was ${v(c.from)})`;
    case "default-changed":
      return `✏️ default of ${f}: ${v(c.from)} → ${v(c.to)}`;
  }
}

/** The field-level changes, once per subject and pair of versions, naming the environments. */
function schemaChanges(review: Review): string[] {
  const groups = new Map<string, { c: ContractChange; environments: string[] }>();
  for (const c of review.contractChanges) {
    if (c.schemaChanges.length === 0) continue;
    const key = JSON.stringify([c.subject, c.from?.sha256, c.to?.sha256]);
    const group = groups.get(key) ?? { c, environments: [] };
    group.environments.push(c.environment);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ c, environments }) =>
    [
      `**${md(c.subject)}** v${c.from?.version} → v${c.to?.version} (${environments.map(md).join(", ")}): ${verdict(c)}`,
      ...c.schemaChanges.map((s) => `- ${schemaChangeLine(s)}`),
    ].join("\n"),
  );
}

function verdict(c: ContractChange): string {
  if (!c.from || !c.to) return c.to ? "new pin" : "unpinned";
  const level = c.compatibility ? ` (${c.compatibility})` : "";
  return c.compatible ? `✅ compatible${level}` : `❌ ${c.errors.length} error(s)${level}`;
}

function contractsCell(e: EnvironmentReview, review: Review): string {
  const bad = review.contractChanges.filter(
    (c) => c.environment === e.environment && !c.compatible,
  ).length;
  return bad > 0 ? `${e.contracts} (❌ ${bad} incompatible)` : String(e.contracts);
}

/** Whether an environment has anything to show: entities, contracts, risks, or an unknown comparison. */
function hasChanges(e: EnvironmentReview, review: Review): boolean {
  return (
    !e.compared ||
    e.entities.length > 0 ||
    e.newStacks.length > 0 ||
    e.contracts > 0 ||
    review.risks.some((r) => r.environment === e.environment)
  );
}

/** The stacks with changes, and how many others are unchanged. */
function stacksPhrase(e: EnvironmentReview): string {
  const rest = e.stacks.filter((s) => !e.changedStacks.includes(s)).length;
  const changed = `stack${e.changedStacks.length === 1 ? "" : "s"} ${e.changedStacks.map(md).join(", ")}`;
  return rest > 0 ? `${changed}; ${rest} other stack${rest === 1 ? "" : "s"} unchanged` : changed;
}

/** A block of the comment: always-kept `head`/`tail` around items kept while they fit. */
interface Block {
  readonly name: string;
  readonly head: string;
  readonly items: readonly string[];
  readonly tail: string;
}

/** Where the "needs attention" block goes in the required text. */
const ATTENTION = "\u0000attention\u0000";

function attention(review: Review): Block {
  return {
    name: "changes that need attention",
    head: `#### ⚠️ Needs attention (${review.risks.length})\n`,
    items: review.risks.map(
      (r) =>
        `- **${r.kind}** in ${md(r.environment)}${r.label ? `, ${md(r.label)}` : ""}: ${md(r.message)}${r.address ? ` ${code(r.address)}` : ""}`,
    ),
    tail: "",
  };
}

/** As much of `block` as fits in `room` characters, and what was left out of it. */
function fit(block: Block, room: number): { text: string; leftOut?: string } {
  const frame = block.head.length + block.tail.length + 2;
  if (frame > room) return { text: "", leftOut: block.name };
  let text = "\n" + block.head;
  let kept = 0;
  for (const item of block.items) {
    if (text.length + item.length + 1 + block.tail.length > room) break;
    text += "\n" + item;
    kept++;
  }
  const leftOut =
    kept === block.items.length
      ? undefined
      : kept === 0
        ? block.name
        : `${block.items.length - kept} of ${block.items.length} entries of ${block.name}`;
  return { text: text + "\n" + block.tail, leftOut };
}

function blocks(review: Review): { required: string; optional: Block[] } {
  const required: string[] = [REVIEW_MARKER, "### avro-kong plan review", ""];
  const why = review.base.reason ? ` Why this base: ${md(review.base.reason)}` : "";
  required.push(`Base ${code(review.base.label)} → head ${code(review.head.label)}.${why}`, "");
  for (const [side, r] of [
    ["base", review.base],
    ["head", review.head],
  ] as const) {
    if (!r.synthesized) {
      const why = (r.error ?? "").split("\n").find((l) => l.trim() !== "") ?? "no reason given";
      required.push(
        `> ⚠️ The ${side} does not synthesize: ${md(clipText(why.trim(), 1000))} Kong entities are not compared; contract changes come from the pins.`,
        "",
      );
    }
  }
  for (const e of review.environments) {
    if (e.error === undefined) continue;
    const why = clipText(e.error.split("\n").join(" "), 1000);
    required.push(
      `> ⚠️ ${md(e.environment)} does not synthesize: ${md(why)} Its Kong entities are not compared; the other environments are.`,
      "",
    );
  }
  required.push(
    "| environment | added | changed | removed | contracts | risks |",
    "|---|--:|--:|--:|--:|--:|",
  );
  const unchanged = review.environments.filter((e) => !hasChanges(e, review));
  for (const e of review.environments.filter((x) => hasChanges(x, review))) {
    const destructive = review.risks.filter((r) => r.environment === e.environment).length;
    const n = (list: readonly string[]) => (e.compared ? String(list.length) : "?");
    required.push(
      `| ${md(e.environment)} | ${n(e.added)} | ${n(e.changed)} | ${n(e.removed)} | ${contractsCell(e, review)} | ${e.compared ? (destructive ? `⚠️ ${destructive}` : "0") : "?"} |`,
    );
  }
  if (unchanged.length > 0)
    required.push(
      "",
      `Unchanged: ${unchanged.length} environment${unchanged.length === 1 ? "" : "s"} (${unchanged.map((e) => md(e.environment)).join(", ")}).`,
    );
  required.push("");
  // The risks come right under the table; they are kept while they fit (see renderMarkdown).
  if (review.risks.length > 0) required.push(ATTENTION, "");
  const optional: Block[] = [];
  if (review.contractChanges.length > 0) {
    required.push(
      "#### Contract changes",
      "",
      "| subject | environment | from | to | verdict | routes |",
      "|---|---|---|---|---|---|",
    );
    for (const c of review.contractChanges) {
      const routes = c.routes.map((r) => code(r.route)).join(", ") || "_(none)_";
      required.push(
        `| ${code(c.subject)} | ${md(c.environment)} | ${pin(c.from)} | ${pin(c.to)} | ${verdict(c)} | ${routes} |`,
      );
    }
    required.push("");
    const fields = schemaChanges(review);
    if (fields.length > 0)
      optional.push({
        name: "field-level contract changes",
        head: "#### What changed in the contracts\n",
        items: fields,
        tail: "",
      });
    const diagram = contractDiagram(review.contractChanges);
    if (diagram)
      optional.push({ name: "the contract diagram", head: "", items: [diagram], tail: "" });
    const errors = review.contractChanges
      .filter((c) => c.errors.length > 0)
      .flatMap((c) => [
        `**${md(c.subject)}** in ${md(c.environment)}, v${c.from?.version} → v${c.to?.version}:`,
        ...c.errors.map(
          (e) =>
            `- ${code(e.type)} at ${code(e.path || "/")}${e.direction ? ` (${e.direction})` : ""}: ${md(e.message)}`,
        ),
      ]);
    if (errors.length > 0)
      optional.push({
        name: "compatibility errors",
        head: "<details><summary>Compatibility errors</summary>\n",
        items: errors,
        tail: "\n</details>\n",
      });
  } else {
    required.push("No contract changes.", "");
  }
  const problems = [
    ...review.head.problems.map((p) => `- head: ${md(p)}`),
    ...review.base.problems.map((p) => `- base: ${md(p)}`),
  ];
  if (problems.length > 0)
    optional.push({
      name: "schema and pin problems",
      head: `<details><summary>Schema and pin problems (${problems.length})</summary>\n`,
      items: problems,
      tail: "\n</details>\n",
    });
  if (review.guardrails.length > 0) {
    optional.push({
      name: "guardrail warnings",
      head: `<details><summary>Guardrail warnings (${review.guardrails.length}, ${review.guardrails.filter((g) => g.new).length} new)</summary>\n`,
      items: review.guardrails.map(
        (g) => `- ${g.new ? "🆕 " : ""}${md(g.environment)}: ${md(g.message)}`,
      ),
      tail: "\n</details>\n",
    });
  }
  for (const e of review.environments) {
    if (e.entities.length === 0) continue;
    optional.push({
      name: `${escapeControl(e.environment)} details`,
      head: `<details><summary>${md(e.environment)}: ${e.added.length} added, ${e.changed.length} changed, ${e.removed.length} removed (${stacksPhrase(e)})</summary>\n`,
      items: e.entities.map((c) => entity(c, e.stacks.length > 1)),
      tail: "\n</details>\n",
    });
  }
  return { required: required.join("\n"), optional };
}

/**
 * The review as a pull-request comment: a summary table, then contract changes and details
 * folded in `<details>`, at most `limit` characters; what does not fit is named at the end.
 */
export function renderMarkdown(review: Review, limit = GITHUB_COMMENT_LIMIT): string {
  const { required: full, optional } = blocks(review);
  const leftOut: string[] = [];
  let required = full.replace(ATTENTION + "\n", "");
  if (full.includes(ATTENTION)) {
    const room = limit - required.length - NOTE_ROOM;
    const { text, leftOut: left } = fit(attention(review), Math.max(room, 0));
    if (left) leftOut.push(left);
    required = full.replace(ATTENTION + "\n", text.replace(/^\n/, ""));
  }
  let out = required.length + NOTE_ROOM > limit ? cut(required, limit - NOTE_ROOM) : required;
  if (out !== required) leftOut.push("part of the summary");
  for (const block of optional) {
    const { text, leftOut: left } = fit(block, limit - out.length - NOTE_ROOM);
    if (left) leftOut.push(left);
    if (text !== "" && left !== block.name) out += text;
  }
  if (leftOut.length > 0) {
    let note = `\n_Left out to stay within GitHub's ${limit.toLocaleString("en-US")}-character limit: ${leftOut.join(", ")}. \`avro-kong review --format json\` has everything._\n`;
    if (note.length > NOTE_ROOM) note = clipText(note, NOTE_ROOM - 40) + "_\n";
    out += note;
  }
  return out.endsWith("\n") ? out : out + "\n";
}

function cut(text: string, room: number): string {
  const lines = text.split("\n");
  let out = "";
  for (const line of lines) {
    if (out.length + line.length + 1 > room) break;
    out += line + "\n";
  }
  return out;
}
