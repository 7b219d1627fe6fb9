import { runCli, type CliIo } from "../../src/cli";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `avro-kong …` in `cwd` with a fake terminal whose stdin holds `stdin`. */
export async function runAvroKong(
  cwd: string,
  argv: readonly string[],
  stdin: string | Uint8Array = "",
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => stdin,
  };
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
