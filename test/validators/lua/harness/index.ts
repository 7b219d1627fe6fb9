import { spawnSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import { KONG_SANDBOX_GLOBALS } from "../../../../src/validators/lua";

/**
 * Runs Lua chunks in real LuaJIT + lua-cjson through `driver.lua`: one process for a whole
 * batch of cases, one JSON verdict per case and chunk.
 */

export type LuaPhase = "access" | "header_filter" | "log" | "check" | "scan";

export interface LuaChunk {
  readonly source: string;
  /** `check`: the chunk returns `(value) -> ok, message, path` (compileLuaCheck). @default "access" */
  readonly phase?: LuaPhase;
  /** Raise on any global or shim field outside Kong's sandbox. @default true */
  readonly strict?: boolean;
  /** Globals the environment holds. @default Kong 3.9's sandbox allow list */
  readonly globals?: readonly string[];
}

export interface LuaCase {
  readonly chunk: LuaChunk;
  /** The raw body: text, or bytes for bodies that are not UTF-8. */
  readonly body: string | Uint8Array;
  /** The Content-Type header; null for none. @default "application/json" */
  readonly contentType?: string | null;
  /** header_filter and log: the response status. @default 200 */
  readonly status?: number;
  /** header_filter and log: `kong.response.get_source()`. @default "service" */
  readonly source?: string;
  /** header_filter: whether buffered proxying is on. @default true */
  readonly buffered?: boolean;
  /** cjson's decode_max_depth. @default 1000 (Kong's) */
  readonly maxDepth?: number;
  /** nginx's client_body_buffer_size: larger request bodies sit in a temp file. @default 8192 (Kong's) */
  readonly bufferSize?: number;
  /** The body came chunked: no Content-Length header. @default false */
  readonly chunked?: boolean;
  /** A Kong older than 3.9: get_body ignores its third argument (max_allowed_file_size). @default false */
  readonly noMaxFileSize?: boolean;
}

export interface LuaVerdict {
  /** A Lua error the chunk raised (or failed to load with). */
  readonly error?: string;
  /** `kong.response.exit(status, body)`, when called. */
  readonly exit?: { readonly status: number; readonly body?: Record<string, unknown> | string };
  /** `kong.log.set_serialize_value` calls, by key. */
  readonly serialize?: Record<string, Record<string, unknown>>;
  readonly logs?: ReadonlyArray<{ readonly level: string; readonly message: string }>;
  /** Whether `kong.service.request.enable_buffering()` was called. */
  readonly buffering?: boolean;
  /** How often the request's Content-Type was looked up (by the chunk or inside get_body). */
  readonly contentTypeLookups?: number;
  /** How often the chunk ran its JSON-text check (`text_problem`) over the body. */
  readonly textChecks?: number;
  /** How often the chunk called get_body (request or service response), which decodes the body. */
  readonly decodes?: number;
  /** Phase `scan`: the bare fast path's answer (compileLuaScan): certainly valid or not. */
  readonly scan?: boolean;
  /** Phase `check`: the bare function's answer. */
  readonly check?: { readonly ok: boolean; readonly message?: string; readonly path?: string };
}

/** Beside this file; compiled into dist/ for `npm run bench -- scanner`, in the sources it left. */
const DRIVER = [
  path.join(__dirname, "driver.lua"),
  path.resolve(__dirname, "../../../../../test/validators/lua/harness/driver.lua"),
].find((file) => existsSync(file))!;

const SANDBOX_GLOBAL_LIST: readonly string[] = Object.entries(KONG_SANDBOX_GLOBALS).flatMap(
  ([name, fields]) => (fields === null ? [name] : fields.map((f) => `${name}.${f}`)),
);

export function runLuaCases(cases: readonly LuaCase[]): LuaVerdict[] {
  return runLuaBodies(cases.map((c) => ({ ...c, chunks: [c.chunk] }))).map(([v]) => v);
}

/** One body (with its request or response) through several chunks, in order. */
export type LuaBody = Omit<LuaCase, "chunk"> & { readonly chunks: readonly LuaChunk[] };

/** Each body's verdicts, one per chunk: the body goes to LuaJIT once, however many chunks read it. */
export function runLuaBodies(bodies: readonly LuaBody[]): LuaVerdict[][] {
  const ids = new Map<LuaChunk, number>();
  const lines: string[] = [];
  const idOf = (chunk: LuaChunk): number => {
    let id = ids.get(chunk);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(chunk, id);
      lines.push(
        JSON.stringify({
          op: "chunk",
          id,
          source: chunk.source,
          phase: chunk.phase ?? "access",
          strict: chunk.strict ?? true,
          globals: chunk.globals ?? SANDBOX_GLOBAL_LIST,
        }),
      );
    }
    return id;
  };
  let expected = 0;
  bodies.forEach((c, index) => {
    const chunks = c.chunks.map(idOf);
    expected += chunks.length;
    const body =
      typeof c.body === "string"
        ? { body: c.body }
        : { bodyHex: Buffer.from(c.body).toString("hex") };
    lines.push(
      JSON.stringify({
        op: "case",
        id: index,
        chunks,
        ...body,
        contentType: c.contentType === undefined ? "application/json" : c.contentType,
        status: c.status ?? 200,
        source: c.source ?? "service",
        buffered: c.buffered ?? true,
        maxDepth: c.maxDepth ?? 1000,
        bufferSize: c.bufferSize ?? 8192,
        chunked: c.chunked ?? false,
        noMaxFileSize: c.noMaxFileSize ?? false,
      }),
    );
  });
  const run = spawnSync("luajit", [DRIVER], {
    input: lines.join("\n") + "\n",
    maxBuffer: 1 << 30,
    encoding: "utf8",
    // spawnSync blocks jest's own timeout: a runaway chunk must fail the test, not hang CI.
    timeout: 120_000,
    killSignal: "SIGKILL",
  });
  if (run.error) throw new Error(`luajit did not finish: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`luajit failed (${run.status}): ${run.stderr}`);
  const out = run.stdout.split("\n").filter((l) => l !== "");
  if (out.length !== expected)
    throw new Error(`expected ${expected} verdicts, got ${out.length}: ${run.stderr}`);
  // cjson writes an empty Lua table as {}: give logs back as the array they are.
  const verdicts = out.map((l) => {
    const verdict = JSON.parse(l) as LuaVerdict;
    return Array.isArray(verdict.logs) ? verdict : { ...verdict, logs: [] };
  });
  let next = 0;
  return bodies.map((c) => verdicts.slice(next, (next += c.chunks.length)));
}

/** Global names the bytecode of `source` reads (GGET) and writes (GSET), from `luajit -bl`. */
export function globalsOf(source: string): { reads: Set<string>; writes: Set<string> } {
  const listing = spawnSync("luajit", ["-bl", "-"], {
    input: source,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (listing.status !== 0) throw new Error(listing.stderr);
  const reads = new Set<string>();
  const writes = new Set<string>();
  for (const match of listing.stdout.matchAll(/\b(GGET|GSET)\b.*; "([^"]*)"/g))
    (match[1] === "GGET" ? reads : writes).add(match[2]);
  return { reads, writes };
}
