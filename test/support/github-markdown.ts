import { readFileSync } from "fs";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown as GitHub shows it in a pull-request comment, as far as a review needs: CommonMark with
 * GFM tables, strike-through and autolinks, raw HTML allowed, a newline kept as a line break (as
 * in comments), and then GitHub's sanitizer: only the elements, attributes and link protocols
 * GitHub's HTML pipeline allows survive, so a forged `<script>`, `<img onerror>` or `style`
 * shows (or vanishes) as it would on GitHub.
 */
const markdown = new MarkdownIt({ html: true, linkify: true, breaks: true });

/** GitHub's allowlist (its HTML pipeline's sanitization filter). */
const ALLOWED_TAGS = [
  "h1", "h2", "h3", "h4", "h5", "h6", "br", "b", "i", "strong", "em", "a", "pre", "code", "img",
  "tt", "div", "ins", "del", "sup", "sub", "p", "ol", "ul", "table", "thead", "tbody", "tfoot",
  "blockquote", "dl", "dt", "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt", "rp", "li", "tr",
  "td", "th", "s", "strike", "summary", "details", "caption", "figure", "figcaption", "abbr",
  "bdo", "cite", "dfn", "mark", "small", "span", "time", "wbr", "input",
]; // prettier-ignore
const ALLOWED_ON_ALL = [
  "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "aria-describedby",
  "aria-hidden", "aria-label", "aria-labelledby", "axis", "border", "cellpadding", "cellspacing",
  "char", "charoff", "charset", "checked", "clear", "cols", "colspan", "color", "compact", "coords",
  "datetime", "dir", "disabled", "enctype", "for", "frame", "headers", "height", "hreflang",
  "hspace", "ismap", "label", "lang", "maxlength", "media", "method", "multiple", "name", "nohref",
  "noshade", "nowrap", "open", "prompt", "readonly", "rel", "rev", "role", "rows", "rowspan",
  "rules", "scope", "selected", "shape", "size", "span", "start", "summary", "tabindex", "target",
  "title", "type", "usemap", "valign", "value", "vspace", "width", "itemprop",
]; // prettier-ignore

/** GitHub writes a table column's alignment as `align`, not as a style (which it strips). */
function alignFromStyle(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const align = /text-align:\s*(left|right|center)/.exec(attribs.style ?? "")?.[1];
  const rest = Object.fromEntries(Object.entries(attribs).filter(([name]) => name !== "style"));
  return { tagName, attribs: align ? { ...rest, align } : rest };
}

/** The comment's HTML as GitHub would serve it, sanitized. */
export function renderGithubMarkdown(text: string): string {
  return sanitizeHtml(markdown.render(text), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      "*": ALLOWED_ON_ALL,
      a: ["href"],
      img: ["src", "longdesc"],
      blockquote: ["cite"],
      del: ["cite"],
      ins: ["cite"],
      q: ["cite"],
      div: ["itemscope", "itemtype"],
    },
    // A fenced block keeps its language (GitHub turns `mermaid` into a diagram; here it stays code).
    allowedClasses: { code: ["language-*"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowProtocolRelative: false,
    transformTags: { td: alignFromStyle, th: alignFromStyle },
  });
}

const STYLESHEET = require.resolve("github-markdown-css/github-markdown-light.css");

/**
 * A self-contained page (no network: the stylesheet is inlined) showing each of `comments` (HTML)
 * in GitHub's Markdown style at a comment's width, with `script` (trusted, ours) run after them.
 */
export function githubPage(title: string, comments: readonly string[], script = ""): string {
  const css = readFileSync(STYLESHEET, "utf8");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${sanitizeHtml(title, { allowedTags: [] })}</title>`,
    `<style>${css}</style>`,
    "<style>body{margin:0;background:#fff}.markdown-body{box-sizing:border-box;max-width:1100px;",
    "padding:24px;border:1px solid #d0d7de;border-radius:6px;margin:16px}</style>",
    "</head><body>",
    ...comments.map((html) => `<article class="markdown-body">${html}</article>`),
    script ? `<script>${script}</script>` : "",
    "</body></html>",
  ].join("\n");
}
