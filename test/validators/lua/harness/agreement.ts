import type { AvroSchema } from "../../../../src/avro";
import type { PayloadError, ValidationOptions } from "../../../../src/validators";
import { isValidPayload, validatePayload } from "../../../../src/validators";

/**
 * The documented differences between the Lua chunk and the reference validator, as checkable
 * rules (see the codegen comment in src/validators/lua/codegen.ts):
 *
 * 1. Empty containers: cjson gives `[]` and `{}` the same empty table. Lua accepts a payload iff
 *    the reference accepts some payload obtained by writing each empty `[]`/`{}` as either.
 * 2. Key order: a Lua table has none. Where the reference's first error is one of several in
 *    one JSON object (unknown keys, map values), Lua may report another of them.
 */

/** Pointers (as token lists) of every empty array or object in the payload. */
export function emptyContainers(
  payload: unknown,
  at: Array<string | number> = [],
): Array<Array<string | number>> {
  if (typeof payload !== "object" || payload === null) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(payload)
    ? payload.map((v, i) => [i, v])
    : Object.entries(payload);
  if (entries.length === 0) return [at];
  return entries.flatMap(([k, v]) => emptyContainers(v, [...at, k]));
}

function replaceAt(payload: unknown, at: ReadonlyArray<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  if (Array.isArray(payload)) {
    const copy = [...payload];
    copy[head as number] = replaceAt(copy[head as number], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload as Record<string, unknown>))
    Object.defineProperty(copy, k, {
      value: k === head ? replaceAt(v, rest, value) : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/**
 * What the Lua chunk must answer for `payload` under rule 1, or undefined when the payload has
 * too many empty containers to enumerate their readings.
 */
export function luaExpectedValidity(
  schema: AvroSchema,
  payload: unknown,
  options: ValidationOptions,
  maxEmpties = 8,
): boolean | undefined {
  const empties = emptyContainers(payload);
  if (empties.length > maxEmpties) return undefined;
  for (let mask = 0; mask < 1 << empties.length; mask++) {
    let variant = payload;
    empties.forEach((at, i) => {
      variant = replaceAt(variant, at, mask & (1 << i) ? {} : []);
    });
    if (isValidPayload(schema, variant, options)) return true;
  }
  return false;
}

/**
 * For payloads with too many empty containers to try every reading: repeatedly rewrite the
 * empty container the reference's first error points at ([] ↔ {}). A valid result is a witness
 * that the reference accepts some reading, i.e. that Lua is right to accept.
 */
export function repairedReading(
  schema: AvroSchema,
  payload: unknown,
  options: ValidationOptions,
): unknown | undefined {
  let variant = payload;
  const pointer = (at: ReadonlyArray<string | number>): string =>
    at.map((t) => "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
  for (let step = 0; step < 64; step++) {
    const [first] = validatePayload(schema, variant, options);
    if (first === undefined) return variant;
    const empty = emptyContainers(variant).find((at) => pointer(at) === first.path);
    if (empty === undefined) return undefined;
    const current = empty.reduce<unknown>(
      (v, t) => (v as Record<string | number, unknown>)[t],
      variant,
    );
    variant = replaceAt(variant, empty, Array.isArray(current) ? {} : []);
  }
  return undefined;
}

const isUnknownField = (error: PayloadError | undefined): boolean =>
  error !== undefined && error.message.startsWith("unknown field");

/**
 * Rule 2, as the differential test applies it: Lua's path is the reference's first, or both
 * are unknown-field errors of the same object (which a Lua table cannot order). Several invalid
 * values of one map are the other unordered case; the generator never makes them, so a
 * hand-written test covers it instead of loosening this rule.
 */
export function pathAgrees(errors: readonly PayloadError[], luaPath: string): boolean {
  const first = errors[0];
  if (first === undefined) return false;
  if (luaPath === first.path) return true;
  const lua = errors.find((e) => e.path === luaPath);
  const parent = (p: string): string => p.slice(0, p.lastIndexOf("/"));
  return isUnknownField(first) && isUnknownField(lua) && parent(first.path) === parent(luaPath);
}
