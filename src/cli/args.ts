import { UserError } from "../common";
import type { CliIo, Command } from "./io";

/**
 * A command's options and arguments, declared once: the parser, the usage line and `--help`
 * all come from it.
 *
 * ```ts
 * const spec = {
 *   name: "schema fingerprint",
 *   summary: "print the fingerprint of a schema",
 *   positionals: [{ name: "FILE", description: "the schema file" }],
 *   options: {
 *     algorithm: { value: "ALG", choices: ["crc64", "sha256"], default: "crc64", description: "…" },
 *     pin: { description: "print the pin entry instead" },
 *   },
 * } as const satisfies CommandSpec;
 * export const command = defineCommand(spec, async (args, io) => { args.value("algorithm"); … });
 * ```
 */
export interface CommandSpec {
  /** The words after `avro-kong`, e.g. `"schema fingerprint"`. */
  readonly name: string;
  /** One line for the command list and the top of `--help`. */
  readonly summary: string;
  /** Arguments that are not options, in order; a trailing `optional` one may be left out. */
  readonly positionals?: readonly PositionalSpec[];
  /** Options by long name (`--name`). */
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** Usage lines, when the one generated from the spec does not say it (several forms). */
  readonly synopsis?: readonly string[];
  /** Paragraphs printed after the options in `--help`. */
  readonly details?: readonly string[];
}

export interface PositionalSpec {
  /** Upper-case placeholder shown in the usage, e.g. `FILE`. */
  readonly name: string;
  readonly description: string;
  /** @default false */
  readonly optional?: boolean;
}

export interface OptionSpec {
  readonly description: string;
  /** Placeholder of the value (`--schema FILE`); an option without one is a switch. */
  readonly value?: string;
  /** The only values allowed. */
  readonly choices?: readonly string[];
  /** The value when the option is not given (shown in `--help`). */
  readonly default?: string;
  /** @default false */
  readonly required?: boolean;
  /** One letter for `-x`. */
  readonly short?: string;
}

/** What the parser found; only declared names can be asked for. */
export interface ParsedArgs<S extends CommandSpec = CommandSpec> {
  readonly positionals: readonly string[];
  /** The value of a valued option, or its default; undefined only for an optional one. */
  value<K extends ValuedOptionName<S>>(name: K): OptionValue<Options<S>[K]>;
  /** Whether a switch was given. */
  flag(name: SwitchName<S>): boolean;
  /** Whether the option was given on the command line (not defaulted). */
  given(name: OptionName<S>): boolean;
}

type Options<S extends CommandSpec> = NonNullable<S["options"]>;
type OptionName<S extends CommandSpec> = keyof Options<S> & string;
type ValuedOptionName<S extends CommandSpec> = {
  [K in OptionName<S>]: Options<S>[K] extends { value: string } ? K : never;
}[OptionName<S>];
type SwitchName<S extends CommandSpec> = Exclude<OptionName<S>, ValuedOptionName<S>>;
/** One of the choices when there are some; never undefined when required or defaulted. */
type OptionValue<O> =
  | (O extends { choices: readonly (infer T extends string)[] } ? T : string)
  | (O extends { required: true } | { default: string } ? never : undefined);

const HELP = new Set(["--help", "-h"]);

/** The one-line usage of a command: `avro-kong NAME POSITIONALS [options]`. */
export function usageLine(spec: CommandSpec): string {
  if (spec.synopsis) return spec.synopsis.map((s) => `avro-kong ${s}`).join(" | ");
  const words = [`avro-kong ${spec.name}`];
  for (const p of spec.positionals ?? []) words.push(p.optional ? `[${p.name}]` : p.name);
  for (const [name, option] of Object.entries(spec.options ?? {})) {
    const text = `--${name}${option.value ? ` ${valueShape(option)}` : ""}`;
    words.push(option.required ? text : `[${text}]`);
  }
  return words.join(" ");
}

/** The full `--help` text of a command. */
export function helpText(spec: CommandSpec): string {
  const rows: Array<[string, string]> = (spec.positionals ?? []).map((p) => [
    p.name,
    p.description,
  ]);
  for (const [name, option] of Object.entries(spec.options ?? {})) {
    const flags = `${option.short ? `-${option.short}, ` : ""}--${name}`;
    const suffix = option.default === undefined ? "" : ` (default: ${option.default})`;
    rows.push([
      option.value ? `${flags} ${valueShape(option)}` : flags,
      option.description + suffix,
    ]);
  }
  rows.push(["-h, --help", "print this help and exit"]);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = spec.synopsis
    ? ["Usage:", ...spec.synopsis.map((s) => `  avro-kong ${s}`)]
    : [`Usage: ${usageLine(spec)}`];
  lines.push("", sentence(spec.summary), "");
  lines.push(...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  for (const paragraph of spec.details ?? []) lines.push("", paragraph);
  return lines.join("\n");
}

/**
 * Parses `args` strictly against `spec`: an undeclared option (long or short), a repeated
 * option, a missing value, a value not among the choices, a missing required option or a wrong
 * number of positionals is a `UserError` whose one sentence ends with the usage line.
 * `--` ends the options; `-` alone is a positional (standard input).
 */
export function parseArgs<const S extends CommandSpec>(
  spec: S,
  args: readonly string[],
): ParsedArgs<S> {
  const declared = spec.options ?? {};
  const fail = (message: string): never => {
    throw new UserError(`${message} (usage: ${usageLine(spec)}).`);
  };
  const byShort = new Map(
    Object.entries(declared).flatMap(([name, o]) => (o.short ? [[o.short, name]] : [])),
  );
  const known = (): string =>
    Object.keys(declared)
      .map((n) => `--${n}`)
      .concat("--help")
      .join(", ");
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const written = eq < 0 ? arg : arg.slice(0, eq);
    const name = written.startsWith("--") ? written.slice(2) : byShort.get(written.slice(1));
    const option = name === undefined ? undefined : declared[name];
    if (name === undefined || option === undefined) {
      return fail(`Unknown option ${written}; expected one of: ${known()}`);
    }
    if (values.has(name) || switches.has(name)) {
      return fail(`Option --${name} is given more than once; give it once`);
    }
    if (!option.value) {
      if (eq >= 0) return fail(`Option --${name} takes no value`);
      switches.add(name);
      continue;
    }
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") {
      return fail(`Option --${name} needs a value ${option.value}`);
    }
    if (option.choices && !option.choices.includes(value)) {
      return fail(`Option --${name} is "${value}"; expected one of: ${option.choices.join(", ")}`);
    }
    values.set(name, value);
  }
  for (const [name, option] of Object.entries(declared)) {
    if (option.required && !values.has(name)) {
      fail(`Missing --${name}${option.value ? ` ${valueShape(option)}` : ""}`);
    }
  }
  checkPositionals(spec.positionals ?? [], positionals, fail);
  return {
    positionals,
    // The spec's types promise what the checks above ensured: required values are present.
    value: (name) => (values.get(name) ?? declared[name]?.default) as never,
    flag: (name) => switches.has(name),
    given: (name) => values.has(name) || switches.has(name),
  };
}

function checkPositionals(
  declared: readonly PositionalSpec[],
  given: readonly string[],
  fail: (message: string) => never,
): void {
  const required = declared.filter((p) => !p.optional);
  if (given.length < required.length) fail(`Missing ${required[given.length].name}`);
  if (given.length > declared.length) {
    if (declared.length === 0) fail(`Unexpected argument "${given[0]}"`);
    const names = declared.map((p) => p.name).join(" ");
    fail(`Unexpected argument "${given[declared.length]}" after ${names}`);
  }
}

/**
 * A command from its spec: `--help` or `-h` anywhere before `--` prints the help to stdout
 * (exit 0); otherwise the arguments are parsed and handed to `run`.
 */
export function defineCommand<const S extends CommandSpec>(
  spec: S,
  run: (args: ParsedArgs<S>, io: CliIo) => Promise<number>,
): Command & { readonly spec: S } {
  const command = async (args: readonly string[], io: CliIo): Promise<number> => {
    if (wantsHelp(args)) {
      io.out(helpText(spec));
      return 0;
    }
    return run(parseArgs(spec, args), io);
  };
  return Object.assign(command, { spec });
}

/** A command that only dispatches to subcommands, each loaded on demand. */
export interface CommandGroup {
  /** The words after `avro-kong`; empty for the top level. */
  readonly name: string;
  readonly summary: string;
  readonly subcommands: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>>;
}

/** The help of a group: its usage and one line per subcommand. */
export function groupHelp(group: CommandGroup): string {
  const prefix = group.name ? `avro-kong ${group.name}` : "avro-kong";
  const names = Object.keys(group.subcommands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    `Usage: ${prefix} <${group.name ? "subcommand" : "command"}> [options]`,
    "",
    sentence(group.summary),
    "",
    `${group.name ? "Subcommands" : "Commands"}:`,
    ...names.map((n) => `  ${n.padEnd(width)}  ${group.subcommands[n].summary}`),
    "",
    `Run \`${prefix} <${group.name ? "subcommand" : "command"}> --help\` for its options.`,
  ].join("\n");
}

/**
 * Dispatches to a subcommand. `--help`, `-h` or `help` prints the group's help to stdout
 * (exit 0); a missing or unknown subcommand is a `UserError`.
 */
export function defineGroup(group: CommandGroup): Command {
  return async (args, io) => {
    const [sub, ...rest] = args;
    const names = Object.keys(group.subcommands);
    const word = group.name ? "subcommand" : "command";
    if (sub !== undefined && (HELP.has(sub) || sub === "help")) {
      io.out(groupHelp(group));
      return 0;
    }
    const usage = `usage: avro-kong ${group.name ? group.name + " " : ""}<${word}>, one of: ${names.join(", ")}`;
    if (sub === undefined) throw new UserError(`Missing ${word} (${usage}).`);
    const entry = Object.hasOwn(group.subcommands, sub) ? group.subcommands[sub] : undefined;
    if (entry === undefined) {
      throw new UserError(
        sub.startsWith("-")
          ? `Unknown option ${sub} (${usage}).`
          : `Unknown ${word} "${sub}" (${usage}).`,
      );
    }
    return (await entry.load())(rest, io);
  };
}

function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (HELP.has(arg)) return true;
  }
  return false;
}

function valueShape(option: OptionSpec): string {
  return option.choices ? option.choices.join("|") : (option.value as string);
}

/** A summary line as a sentence: capital first letter, a full stop unless it asks. */
function sentence(text: string): string {
  const capitalized = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!]$/.test(capitalized) ? capitalized : capitalized + ".";
}
