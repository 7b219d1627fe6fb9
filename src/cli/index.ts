export { runCli } from "./main";
export { processIo } from "./io";
export type { CliIo, Command } from "./io";
export { defineCommand, defineGroup, parseArgs, helpText, usageLine } from "./args";
export type { CommandGroup, CommandSpec, OptionSpec, ParsedArgs, PositionalSpec } from "./args";
