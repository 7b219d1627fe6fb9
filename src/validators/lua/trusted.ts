import type { AvroSchema } from "../../avro";
import { UserError } from "../../common";
import type { WriterSchema } from "../binary/encodings";
import {
  compileLuaContractLogger,
  compileLuaResponseValidator,
  compileLuaValidator,
  LUA_ENABLE_BUFFERING_CHUNK,
} from "./chunks";
import { readChunkContract, type ChunkContract } from "./header";
import { DEFAULT_MAX_BODY_BYTES, MAX_BODY_BYTES_CEILING } from "./options";
import type { LuaCompileOptions, LuaResponseCompileOptions } from "./options";

/** A subject's version as an environment pins it: what that environment's chunks compile from. */
export interface PinnedContract {
  readonly subject: string;
  readonly version: number;
  /** CRC-64-AVRO fingerprint, lowercase hex. */
  readonly fingerprint: string;
  readonly schema: AvroSchema;
  /** Earlier versions a single-object body may be written with (transitive levels). @default none */
  readonly earlier?: readonly WriterSchema[];
}

/** An environment's pins, as synthesis and the review read them. */
export interface PinnedContracts {
  pinned(subject: string): PinnedContract | undefined;
}

/** What a request chunk is compiled with besides its pin: what its first line states. */
export type RequestChunkSettings = Omit<
  LuaCompileOptions,
  "subject" | "version" | "fingerprint" | "writers"
>;
/** What a response chunk is compiled with besides its pin. */
export type ResponseChunkSettings = Omit<
  LuaResponseCompileOptions,
  "subject" | "version" | "fingerprint"
>;

// Chunks by schema and settings: synthesis asks for one chunk per route and the trust check
// regenerates each chunk it meets, but a stack holds a few contracts on many routes. Keyed by
// the schema object (one per pinned version of a loaded registry) so that nothing outlives it.
const compiled = new WeakMap<AvroSchema, Map<string, string>>();

function once(pin: PinnedContract, settings: object, compile: () => string): string {
  let bySchema = compiled.get(pin.schema);
  if (!bySchema) compiled.set(pin.schema, (bySchema = new Map()));
  const key = JSON.stringify([
    pin.subject,
    pin.version,
    pin.fingerprint,
    (pin.earlier ?? []).map((w) => w.fingerprint),
    settings,
  ]);
  let chunk = bySchema.get(key);
  if (chunk === undefined) bySchema.set(key, (chunk = compile()));
  return chunk;
}

function identity(pin: PinnedContract) {
  return { subject: pin.subject, version: pin.version, fingerprint: pin.fingerprint };
}

/** The `access` chunk that validates requests against `pin`, compiled once per settings. */
export function requestChunkAtPin(pin: PinnedContract, settings: RequestChunkSettings): string {
  // Every setting spelled out, defaults included, so that equal chunks share one cache entry.
  const resolved = {
    dialect: settings.dialect ?? "plain",
    allowUnknownFields: settings.allowUnknownFields ?? false,
    maxBodyBytes: settings.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    encodings: settings.encodings ?? ["json"],
    bufferResponse: settings.bufferResponse ?? false,
  };
  return once(pin, ["request", resolved], () =>
    compileLuaValidator(pin.schema, {
      ...resolved,
      ...identity(pin),
      writers: [pin, ...(pin.earlier ?? [])].map((w) => ({
        fingerprint: w.fingerprint,
        schema: w.schema,
      })),
    }),
  );
}

/** The `header_filter` chunk that validates responses against `pin`, compiled once per settings. */
export function responseChunkAtPin(pin: PinnedContract, settings: ResponseChunkSettings): string {
  const resolved = {
    dialect: settings.dialect ?? "plain",
    allowUnknownFields: settings.allowUnknownFields ?? false,
    mode: settings.mode ?? "report",
  };
  return once(pin, ["response", resolved], () =>
    compileLuaResponseValidator(pin.schema, { ...resolved, ...identity(pin) }),
  );
}

/** The `log` chunk beside request-validator that records `pin` as the contract checked. */
export function logChunkAtPin(pin: PinnedContract): string {
  return once(pin, ["request-log"], () => compileLuaContractLogger(identity(pin)));
}

/** A chunk avro-kong wrote: the contract it checks, or the chunk that only buffers responses. */
export type TrustedChunk =
  { readonly kind: "contract"; readonly contract: ChunkContract } | { readonly kind: "buffering" };

function regenerate(pin: PinnedContract, contract: ChunkContract): string | undefined {
  switch (contract.checks) {
    case "request": {
      const limit = contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      if (limit < 1 || limit > MAX_BODY_BYTES_CEILING) return undefined;
      return requestChunkAtPin(pin, contract);
    }
    case "response":
      return responseChunkAtPin(pin, contract);
    case "request-log":
      return logChunkAtPin(pin);
  }
}

/**
 * Whether `chunk` is avro-kong's own, and what it checks: only when it is byte for byte what
 * the compiler writes for the contract its first line names, at the version and fingerprint
 * the environment pins (compiled again from `contracts` and compared). Anything else, a chunk
 * that claims a contract included, is custom Lua: undefined. The credential scan skips only
 * trusted chunks, and the review shows only them as the contract they check.
 */
export function trustedChunk(
  chunk: string,
  contracts: PinnedContracts | undefined,
): TrustedChunk | undefined {
  if (chunk === LUA_ENABLE_BUFFERING_CHUNK) return { kind: "buffering" };
  const contract = readChunkContract(chunk);
  if (!contract || !contracts) return undefined;
  const pin = contracts.pinned(contract.subject);
  if (
    !pin ||
    pin.subject !== contract.subject ||
    pin.version !== contract.version ||
    pin.fingerprint !== contract.fingerprint
  )
    return undefined;
  try {
    return regenerate(pin, contract) === chunk ? { kind: "contract", contract } : undefined;
  } catch (error) {
    // Settings the compiler refuses cannot be its output.
    if (error instanceof UserError) return undefined;
    throw error;
  }
}
