export { runCli } from "./main";
export { processIo } from "./io";
export type { CliIo, Command } from "./io";
export { parseArgs, oneOf } from "./args";
export type { ParsedArgs } from "./args";
