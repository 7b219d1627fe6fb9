import type { PluginScope } from "../plugins";

/**
 * The plugin configs already found valid, by content: a stack repeats a few configs on many
 * routes (one identity, one rate limit for a whole service, one validator per contract), and
 * recognising one costs far less than checking it again. Remembered only: a config of plain data
 * (no Secret, no token object, no number JSON cannot tell apart), that passed, with everything
 * else its verdict depends on: the plugin, its scope, the gateway's edition and the function that
 * tells avro-kong's own Lua (one per contract source). Anything else is checked every time.
 */
export class PassedConfigs {
  private readonly byTrust = new WeakMap<object, Set<string>>();
  private readonly texts = new LongTexts();

  /** The key of a check, or undefined when the config is not plain data. */
  keyOf(name: string, scope: PluginScope, edition: string, config: unknown): string | undefined {
    const content = plainKey(config, 0, this.texts);
    if (content === undefined) return undefined;
    const where = `${scope.route === true ? "r" : ""}${scope.service === true ? "s" : ""}${scope.consumer === true ? "c" : ""}`;
    return `${name}\u0000${where}\u0000${edition}\u0000${content}`;
  }

  has(trust: object, key: string): boolean {
    return this.byTrust.get(trust)?.has(key) === true;
  }

  add(trust: object, key: string): void {
    let keys = this.byTrust.get(trust);
    if (!keys) this.byTrust.set(trust, (keys = new Set()));
    if (keys.size >= MAX_REMEMBERED) keys.clear();
    keys.add(key);
  }
}

/**
 * Long strings (the Lua chunks of pre-function, a schema of request-validator) stand in a key as
 * `#n`, a number given to each distinct text: pasting a chunk of many kilobytes into every
 * route's key, escaped, cost more than the check it saves. A map looks a string up by its hash,
 * which V8 computes once per string object: the same chunk, handed to every route from the
 * compiler's cache, is found at once. Numbers are never reused, so a key written before the map
 * was cleared matches no text after it.
 */
class LongTexts {
  private readonly numbers = new Map<string, number>();
  private next = 0;
  private held = 0;

  numberOf(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      if (this.held + text.length > MAX_HELD_TEXT) {
        this.numbers.clear();
        this.held = 0;
      }
      number = this.next++;
      this.numbers.set(text, number);
      this.held += text.length;
    }
    return number;
  }
}

const LONGEST_TEXT = 512;
const MAX_REMEMBERED = 1_000;
const MAX_DEPTH = 32;
/** Characters of long text the keys refer to (most of them held by the constructs anyway). */
const MAX_HELD_TEXT = 64 * 1024 * 1024;

/** `value` written so that two values with the same text are the same plain data; else undefined. */
function plainKey(value: unknown, depth: number, texts: LongTexts): string | undefined {
  if (value === null) return "null";
  if (value === undefined) return "u";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : undefined;
    case "string":
      return value.length <= LONGEST_TEXT ? JSON.stringify(value) : `#${texts.numberOf(value)}`;
    case "object": {
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(value)) {
        let out = "[";
        for (const item of value) {
          const part = plainKey(item, depth + 1, texts);
          if (part === undefined) return undefined;
          out += `${part},`;
        }
        return `${out}]`;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
      let out = "{";
      for (const key of Object.keys(value)) {
        const part = plainKey((value as Record<string, unknown>)[key], depth + 1, texts);
        if (part === undefined) return undefined;
        out += `${JSON.stringify(key)}:${part},`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}
