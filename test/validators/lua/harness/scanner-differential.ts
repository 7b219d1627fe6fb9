import { parseSchema, readJsonText, type AvroSchema } from "../../../../src/avro";
import { isValidPayload } from "../../../../src/validators";
import {
  compileLuaScan,
  compileRequestChunk,
  compileResponseChunk,
} from "../../../../src/validators/lua/chunks";
import { BODY_TEXT_KINDS, bodyText, generateSuite, Rng, schemaFeatures } from "../../support";
import type { SuiteOptions } from "../../support/cases";
import { runLuaBodies, type LuaBody, type LuaChunk, type LuaVerdict } from "./index";

/**
 * The scanner's differential check (test/validators/lua/scanner.test.ts runs a fixed-seed share,
 * `npm run bench -- scanner` a million bodies): over generated schemas and bodies written many
 * ways (support/body-text.ts), in real LuaJIT,
 * - the request chunk with the scanner answers every body as the chunk without it (status,
 *   message, path, log entry), and so does the response chunk;
 * - whenever the bare scanner is certain, the TypeScript reference reads the text as JSON and
 *   calls the payload valid;
 * - the scanner's two forms (one loop with its own stack, one function per container) are
 *   certain of the same bodies.
 */

/** One body judged by every path. */
export interface ScannedBody {
  readonly suite: string;
  readonly text: string | Uint8Array;
  readonly kind: string;
  /** How the payload was made invalid (support/mutate.ts); none for a valid payload. */
  readonly mutation?: string;
  /** What of the schema the scanner must handle: maps, unions of several object branches. */
  readonly shapes: ReadonlySet<string>;
  /** The form the chunks' scanner takes for this schema ("auto": stack for recursive records). */
  readonly form: "stack" | "functions";
  /** The reference's verdict: JSON text whose payload is valid. */
  readonly valid: boolean;
  readonly request: { readonly scanner: string; readonly fallback: string };
  readonly response: { readonly scanner: string; readonly fallback: string };
  /** Whether the chunk with the scanner answered without decoding the body: its fast path. */
  readonly fast: { readonly request: boolean; readonly response: boolean };
  /** The bare scanner: certain, not certain, or the error it raised. */
  readonly certain: boolean;
  /** The bare scanner in each of its forms (src/validators/lua/scanner.ts, `ScannerForm`). */
  readonly forms: { readonly stack: boolean; readonly functions: boolean };
  readonly error?: string;
}

/** A body where the paths disagree, and how. */
export interface Disagreement {
  readonly suite: string;
  readonly kind: string;
  readonly text: string;
  readonly what:
    | "request"
    | "response"
    | "certain of an invalid body"
    | "the scanner's two forms differ"
    | "scanner raised";
}

/** Whether some union of `schema` has several branches that take a JSON object. */
function hasObjectUnion(schema: AvroSchema): boolean {
  const seen = new Set<AvroSchema>();
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (s.kind === "union") {
      if (s.branches.filter((b) => b.kind === "record" || b.kind === "map").length > 1) return true;
      stack.push(...s.branches);
    } else if (s.kind === "record") stack.push(...s.fields.map((f) => f.type));
    else if (s.kind === "array") stack.push(s.items);
    else if (s.kind === "map") stack.push(s.values);
  }
  return false;
}

/** What two verdicts are compared on: everything the client and the log see. */
const seen = (v: LuaVerdict): string =>
  JSON.stringify({ ...v, id: undefined, textChecks: undefined, decodes: undefined });

/**
 * Suites `first` to `first + count - 1` of `seed` (with `options`' payloads per schema), every
 * body through every path: the request chunk with and without the scanner, the bare scanner,
 * the response chunk with and without, the bare scanner in its one-loop form (where the schema
 * allows it) and in its function-per-container form.
 */
export function scanSuites(
  seed: number,
  first: number,
  count: number,
  options: SuiteOptions = {},
): ScannedBody[] {
  const rng = new Rng(seed * 7919 + first);
  const bodies: LuaBody[] = [];
  const pending: Array<
    Omit<ScannedBody, "request" | "response" | "fast" | "certain" | "forms" | "error">
  > = [];
  for (let index = first; index < first + count; index++) {
    const suite = generateSuite(seed, index, options);
    const schema = parseSchema(suite.schemaJson);
    const validation = {
      subject: "s",
      version: 1,
      fingerprint: "0000000000000000",
      dialect: suite.dialect,
      allowUnknownFields: suite.allowUnknownFields,
    };
    const responseOptions = { ...validation, mode: "enforce" as const };
    const scan = compileLuaScan(schema, validation);
    const stack = compileLuaScan(schema, validation, "stack");
    const chunks: LuaChunk[] = [
      { source: compileRequestChunk(schema, validation, true) },
      { source: compileRequestChunk(schema, validation, false) },
      { source: scan, phase: "scan" },
      { source: compileResponseChunk(schema, responseOptions, true), phase: "header_filter" },
      { source: compileResponseChunk(schema, responseOptions, false), phase: "header_filter" },
      { source: stack, phase: "scan" },
      { source: compileLuaScan(schema, validation, "functions"), phase: "scan" },
    ];
    const form = scan === stack ? "stack" : "functions";
    const shapes = new Set<string>();
    if (schemaFeatures(schema).has("map")) shapes.add("map");
    if (suite.dialect === "plain" && hasObjectUnion(schema)) shapes.add("object-union");
    for (const p of suite.payloads) {
      for (const kind of BODY_TEXT_KINDS) {
        if (kind !== "compact" && !rng.chance(0.5)) continue;
        const text = bodyText(p.payload, kind, rng);
        const read = readJsonText(text);
        const valid = "value" in read && isValidPayload(schema, read.value, validation);
        pending.push({ suite: suite.id, text, kind, mutation: p.mutation, shapes, form, valid });
        bodies.push({ body: text, chunks });
      }
    }
  }
  const verdicts = runLuaBodies(bodies);
  return pending.map((body, n) => {
    const v = verdicts[n];
    return {
      ...body,
      request: { scanner: seen(v[0]), fallback: seen(v[1]) },
      response: { scanner: seen(v[3]), fallback: seen(v[4]) },
      fast: { request: v[0].decodes === 0, response: v[3].decodes === 0 },
      certain: v[2].scan === true,
      forms: { stack: v[5].scan === true, functions: v[6].scan === true },
      ...(v[2].error === undefined ? {} : { error: v[2].error }),
      ...(v[5].error === undefined ? {} : { error: v[5].error }),
      ...(v[6].error === undefined ? {} : { error: v[6].error }),
    };
  });
}

/** Every way in which `body`'s paths disagree. */
export function disagreements(body: ScannedBody): Disagreement[] {
  const out: Disagreement[] = [];
  const text = typeof body.text === "string" ? body.text : Buffer.from(body.text).toString("hex");
  const add = (what: Disagreement["what"]) =>
    out.push({ suite: body.suite, kind: body.kind, text, what });
  if (body.request.scanner !== body.request.fallback) add("request");
  if (body.response.scanner !== body.response.fallback) add("response");
  if (body.certain && !body.valid) add("certain of an invalid body");
  if (body.forms.stack !== body.forms.functions) add("the scanner's two forms differ");
  if (body.error !== undefined) add("scanner raised");
  return out;
}
