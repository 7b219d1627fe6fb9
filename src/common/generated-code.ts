import { createHash } from "crypto";

// The last line of code avro-kong generates: the SHA-256 of everything before it.
const SEAL = /-- avro-kong generated, sha256 ([0-9a-f]{64}) of the lines above\n$/;

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * `code` (Lua, ending in a newline) with a last comment line that tells it as avro-kong's own:
 * checks that read user text (such as the literal-credential scan) skip sealed code, and any
 * change to it, or a copy edited by hand, makes it user code again.
 */
export function sealGeneratedCode(code: string): string {
  return `${code}-- avro-kong generated, sha256 ${sha256(code)} of the lines above\n`;
}

// Sealed code seen lately: a stack holds the same few chunks on many routes, and comparing a
// string is cheaper than hashing it. Bounded, so a long-lived process keeps no more than this.
const recentlySealed = new Set<string>();
const RECENT_LIMIT = 64;

/** Whether `code` is exactly what `sealGeneratedCode` wrote: its seal matches the lines above it. */
export function isSealedGeneratedCode(code: string): boolean {
  if (recentlySealed.has(code)) return true;
  const seal = SEAL.exec(code);
  if (seal === null || sha256(code.slice(0, seal.index)) !== seal[1]) return false;
  if (recentlySealed.size >= RECENT_LIMIT) recentlySealed.clear();
  recentlySealed.add(code);
  return true;
}
