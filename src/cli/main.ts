import { escapeControl, UserError } from "../common";
import { defineGroup, groupHelp } from "./args";
import { commands } from "./commands";
import type { CliIo } from "./io";
import { packageVersion } from "./version";

const dispatch = defineGroup(commands);

/**
 * Runs one invocation and returns the exit code. Help asked for goes to stdout (exit 0); a
 * mistake is one sentence on stderr (exit 2), and no command at all prints the usage there.
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Every sentence on stderr may echo input (a file's bytes, a name): no control character
  // of it reaches the terminal as itself.
  const io: CliIo = {
    cwd: given.cwd,
    out: (text) => given.out(text),
    err: (text) => given.err(escapeControl(text, { keepLines: true })),
    readStdin: () => given.readStdin(),
  };
  if (argv.length === 0) {
    io.err(groupHelp(commands));
    return 2;
  }
  if (argv.length === 1 && argv[0] === "--version") {
    io.out(packageVersion());
    return 0;
  }
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
