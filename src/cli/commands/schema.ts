import { join, relative, resolve } from "path";
import { canonicalForm, fingerprint, formatProblem, FINGERPRINT_ALGORITHMS } from "../../avro";
import { UserError } from "../../common";
import { checkRepository, loadRegistry, readAllPins, readSchemaFile } from "../../registry";
import { oneOf, parseArgs } from "../args";
import type { CliIo, Command } from "../io";
import { compatCommand } from "./schema-compat";

const USAGE = [
  "Usage: avro-kong schema <subcommand>",
  "  canonical FILE                                  print the Parsing Canonical Form",
  "  fingerprint FILE [--algorithm crc64|sha256|md5] print the fingerprint (lowercase hex)",
  "  compat --reader FILE --writer FILE [--json]     can the reader read the writer's data?",
  "  check [DIR]                                     every problem in DIR's schemas and pins",
].join("\n");

/** `schema canonical|fingerprint|compat|check …`, as DESIGN.md's "The command line" says. */
export const command: Command = async (args, io) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case "canonical":
      return canonical(rest, io);
    case "fingerprint":
      return printFingerprint(rest, io);
    case "compat":
      return compatCommand(rest, io);
    case "check":
      return check(rest, io);
    case "--help":
    case "-h":
    case "help":
      io.out(USAGE);
      return 0;
    default:
      throw new UserError(
        sub === undefined
          ? `Missing subcommand; expected one of: canonical, fingerprint, compat, check.`
          : `Unknown subcommand "${sub}"; expected one of: canonical, fingerprint, compat, check.`,
      );
  }
};

function oneFile(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1) {
    throw new UserError(
      positionals.length === 0
        ? `Missing FILE. Usage: ${usage}.`
        : `Expected one FILE, got ${positionals.length}. Usage: ${usage}.`,
    );
  }
  return positionals[0];
}

async function canonical(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {});
  const file = oneFile(parsed.positionals, "avro-kong schema canonical FILE");
  io.out(canonicalForm(readSchemaFile(file, { cwd: io.cwd })));
  return 0;
}

async function printFingerprint(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { valued: ["algorithm"] });
  const file = oneFile(
    parsed.positionals,
    "avro-kong schema fingerprint FILE [--algorithm crc64|sha256|md5]",
  );
  const algorithm = oneOf(
    "algorithm",
    parsed.options.get("algorithm"),
    FINGERPRINT_ALGORITHMS,
    "crc64",
  );
  io.out(fingerprint(readSchemaFile(file, { cwd: io.cwd }), algorithm));
  return 0;
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {});
  if (parsed.positionals.length > 1) {
    throw new UserError(`Expected at most one DIR. Usage: avro-kong schema check [DIR].`);
  }
  const root = resolve(io.cwd, parsed.positionals[0] ?? ".");
  const problems = checkRepository(root);
  // Files are shown relative to where the command runs, so that they can be opened as printed.
  const shown = (file: string): string => relative(io.cwd, join(root, file)) || file;
  if (problems.length > 0) {
    io.out(problems.map((p) => formatProblem({ ...p, file: shown(p.file) })).join("\n"));
    io.err(`${problems.length} problem${problems.length === 1 ? "" : "s"} found.`);
    return 1;
  }
  const registry = loadRegistry(root);
  const versions = [...registry.subjects.values()].reduce((n, s) => n + s.versions.length, 0);
  const environments = readAllPins(root).length;
  io.out(
    `No problems: ${registry.subjects.size} subjects, ${versions} versions, ` +
      `${registry.sharedTypes.size} shared types, ${environments} pinned environments.`,
  );
  return 0;
}
