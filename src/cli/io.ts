import { MAX_FILE_BYTES, UserError } from "../common";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  /** Working directory that relative paths in arguments are read against. */
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Reads all of standard input (for `-` arguments): its bytes, or text already decoded. */
  readStdin(): Promise<Uint8Array | string>;
}

/** A sub-command: gets the arguments after its own name, returns the exit code. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
    readStdin: () => readStreamBounded(process.stdin, "stdin"),
  };
}

/**
 * All bytes of `stream`, refused as one sentence naming it once it holds more than `limit`
 * bytes: standard input is bounded like every file avro-kong reads.
 */
export async function readStreamBounded(
  stream: AsyncIterable<Uint8Array | string>,
  name: string,
  limit = MAX_FILE_BYTES,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk, "utf8")
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk);
    total += bytes.length;
    if (total > limit) {
      throw new UserError(
        `${name}: is larger than ${limit / (1024 * 1024)} MB, more than any file avro-kong reads.`,
      );
    }
    chunks.push(bytes);
  }
  // Bytes, not text: the reader refuses broken UTF-8 rather than replace it with U+FFFD.
  return Buffer.concat(chunks);
}
