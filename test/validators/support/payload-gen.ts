import type { AvroSchema, RecordSchema } from "../../../src/avro";
import { branchName } from "../../../src/avro";
import type { Dialect } from "../../../src/validators";
import type { Rng } from "./prng";

/** Random payloads that are valid by construction under one dialect (docs/reference/json-dialects.md). */

export interface PayloadOptions {
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
}

/** Map keys, including ones that need escaping in JSON Pointers or mean something to JS/Lua. */
const MAP_KEYS = [
  "",
  "a",
  "key",
  "x y",
  "é",
  "0",
  "/",
  "~",
  "a/b~c",
  "constructor",
  "__proto__",
  "__index",
  "emoji😀",
  "toString",
];

/** Keys no generated record declares: used for unknown fields. */
export const EXTRA_KEYS = ["extra", "zzz", "x-y", "ünknown", "__metatable"];

const STRINGS = [
  "",
  "hello",
  "é",
  "😀",
  "a\u0000b",
  "\u00ff",
  "line\nbreak",
  "\u2028",
  "RED",
  "null",
];

const INTS = [0, 1, -1, 42, 2147483647, -2147483648, 65536];
const LONGS = [0, -1, 2 ** 31, 2 ** 53, -(2 ** 53), -(2 ** 63), 2 ** 63 - 1024, 1e15];
const DOUBLES = [0, 1.5, -2.75, 3, 0.1, 1e300, -1e-300, 2 ** 63, 1e20];
const FLOATS = [0, 1.5, -2.75, 3, 0.1, 3.4028234663852886e38, -1e-300, 2 ** 63, 1e20];

/** Beyond this depth, unions take their null branch and arrays and maps stay empty. */
const SOFT_DEPTH = 6;

/** Sets an own property even for `__proto__`, which plain assignment would swallow. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function latin1String(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++)
    s += String.fromCharCode(rng.chance(0.2) ? rng.pick([0, 0xff, 0x7f, 0x80]) : rng.int(0, 0xff));
  return s;
}

/** A random JSON value of any shape (for unknown fields). */
export function anyJson(rng: Rng): unknown {
  return rng.pick<unknown>([null, true, 12, "text", [1, "two"], { nested: { deep: [] } }]);
}

export function validPayload(
  schema: AvroSchema,
  rng: Rng,
  options: PayloadOptions,
  depth = 0,
): unknown {
  switch (schema.kind) {
    case "primitive":
      switch (schema.type) {
        case "null":
          return null;
        case "boolean":
          return rng.chance(0.5);
        case "int":
          return rng.chance(0.5) ? rng.pick(INTS) : rng.int(-1e6, 1e6);
        case "long":
          return rng.chance(0.5) ? rng.pick(LONGS) : rng.int(-1e9, 1e9) * 1000;
        case "float":
          return rng.chance(0.5) ? rng.pick(FLOATS) : (rng.next() - 0.5) * 1e6;
        case "double":
          return rng.chance(0.5) ? rng.pick(DOUBLES) : (rng.next() - 0.5) * 1e6;
        case "bytes":
          return latin1String(rng, rng.int(0, 6));
        case "string":
          return rng.pick(STRINGS);
      }
      break;
    case "enum":
      return rng.pick(schema.symbols);
    case "fixed":
      return latin1String(rng, schema.size);
    case "array": {
      const length = depth >= SOFT_DEPTH ? 0 : rng.int(0, 3);
      return Array.from({ length }, () => validPayload(schema.items, rng, options, depth + 1));
    }
    case "map": {
      const map: Record<string, unknown> = {};
      const keys = depth >= SOFT_DEPTH ? [] : rng.shuffle(MAP_KEYS).slice(0, rng.int(0, 3));
      for (const key of keys)
        setOwn(map, key, validPayload(schema.values, rng, options, depth + 1));
      return map;
    }
    case "record":
      return validRecord(schema, rng, options, depth);
    case "union": {
      const nullBranch = schema.branches.find((b) => b.kind === "primitive" && b.type === "null");
      const branch = depth >= SOFT_DEPTH && nullBranch ? nullBranch : rng.pick(schema.branches);
      const value = validPayload(branch, rng, options, depth + 1);
      if (options.dialect === "plain" || branch === nullBranch) return value;
      const wrapper: Record<string, unknown> = {};
      setOwn(wrapper, branchName(branch), value);
      return wrapper;
    }
  }
}

function validRecord(
  schema: RecordSchema,
  rng: Rng,
  options: PayloadOptions,
  depth: number,
): unknown {
  const record: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const present = options.dialect === "avro-json" || !field.hasDefault || rng.chance(0.6);
    if (present) setOwn(record, field.name, validPayload(field.type, rng, options, depth + 1));
  }
  if (options.allowUnknownFields && rng.chance(0.3)) {
    const declared = new Set(schema.fields.map((f) => f.name));
    const key = rng.pick(EXTRA_KEYS.filter((k) => !declared.has(k)));
    setOwn(record, key, anyJson(rng));
  }
  return record;
}
