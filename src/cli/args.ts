import { UserError } from "../common";

/** Parsed command-line arguments: `--flag value` options, `--switch` booleans, positionals. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/**
 * Parses `args` strictly: an option not listed is a user error, so a typo never passes silently.
 * `valued` lists options that take a value, `booleans` those that do not.
 */
export function parseArgs(
  args: readonly string[],
  spec: { valued?: readonly string[]; booleans?: readonly string[] },
): ParsedArgs {
  const valued = new Set(spec.valued ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (valued.has(name)) {
        const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
        if (value === undefined) throw new UserError(`Option --${name} needs a value.`);
        options.set(name, value);
      } else if (booleans.has(name) && eq < 0) {
        switches.add(name);
      } else {
        const known = [...valued, ...booleans].map((o) => `--${o}`).join(", ") || "none";
        throw new UserError(`Unknown option --${name}; expected one of: ${known}.`);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options, switches };
}

/** Checks an option's value against the allowed ones. */
export function oneOf<T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`Option --${option} is "${value}"; expected one of: ${allowed.join(", ")}.`);
}
