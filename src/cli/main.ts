import { UserError } from "../common";
import { commands } from "./commands";
import type { CliIo } from "./io";

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ["Usage: avro-kong <command> [options]", "", "Commands:", ...lines].join("\n");
}

/** Runs one invocation and returns the exit code; user mistakes become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${name}"; expected one of: ${Object.keys(commands).join(", ")}.`);
    return 2;
  }
  try {
    return await command.load()(rest, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
