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
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      // Bytes, not text: the reader refuses broken UTF-8 rather than replace it with U+FFFD.
      return Buffer.concat(chunks);
    },
  };
}
