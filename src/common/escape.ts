/**
 * Text from input (schemas, pins, construct ids, paths, plugin configs) shown to people: every
 * control character (C0, DEL, C1), line and paragraph separators and bidirectional overrides
 * written as a `\uXXXX` escape, so that no byte of the input can move a terminal's cursor,
 * recolour it, or reorder what a reviewer reads. Newlines and tabs are kept when `keepLines`
 * (a multi-line message printed by the CLI), escaped otherwise.
 */
export function escapeControl(text: string, options: { keepLines?: boolean } = {}): string {
  const pattern = options.keepLines ? KEEP_LINES : ALL;
  return text.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/* eslint-disable no-control-regex -- matching control characters is the point */
const ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const KEEP_LINES =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/**
 * `text` cut to at most `max` characters at a word boundary, with `…` when cut: a message is
 * never cut in the middle of a word (nor of a UTF-16 surrogate pair).
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(max - 1, 0));
  const space = room.search(/\s\S*$/);
  const cut = space > 0 ? room.slice(0, space) : room.replace(/[\ud800-\udbff]$/, "");
  return cut.trimEnd() + "…";
}
