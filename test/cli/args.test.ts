import { UserError } from "../../src/common";
import { defineCommand, helpText, parseArgs, usageLine, type CliIo } from "../../src/cli";

const spec = {
  name: "demo run",
  summary: "run the demo",
  positionals: [
    { name: "SUBJECT", description: "what to run" },
    { name: "VERSION", optional: true, description: "which version" },
  ],
  options: {
    env: { value: "ENV", required: true, short: "e", description: "the environment" },
    format: {
      value: "FORMAT",
      choices: ["text", "json"],
      default: "text",
      description: "how to print",
    },
    dry: { description: "change nothing" },
  },
} as const;

const USAGE =
  "(usage: avro-kong demo run SUBJECT [VERSION] --env ENV [--format text|json] [--dry])";

function failure(args: string[]): string {
  try {
    parseArgs(spec, args);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`parsed ${JSON.stringify(args)} without complaint`);
}

describe("parseArgs", () => {
  it("reads positionals, valued options (both spellings, short too), defaults and switches", () => {
    const a = parseArgs(spec, ["orders", "--env", "prod", "--dry"]);
    expect(a.positionals).toEqual(["orders"]);
    expect([a.value("env"), a.value("format"), a.flag("dry"), a.given("format")]).toEqual([
      "prod",
      "text",
      true,
      false,
    ]);
    const b = parseArgs(spec, ["-e", "dev", "--format=json", "orders", "3"]);
    expect([b.positionals, b.value("env"), b.value("format"), b.flag("dry")]).toEqual([
      ["orders", "3"],
      "dev",
      "json",
      false,
    ]);
  });

  it("takes - as a positional and everything after -- as positionals", () => {
    expect(parseArgs(spec, ["-", "--env", "x"]).positionals).toEqual(["-"]);
    expect(parseArgs(spec, ["--env", "x", "--", "--dry"]).positionals).toEqual(["--dry"]);
  });

  it.each([
    [
      ["a", "--env", "x", "--verbose"],
      "Unknown option --verbose; expected one of: --env, --format, --dry, --help",
    ],
    [
      ["a", "--env", "x", "-v"],
      "Unknown option -v; expected one of: --env, --format, --dry, --help",
    ],
    [["-x", "--env", "x"], "Unknown option -x; expected one of: --env, --format, --dry, --help"],
    [["a", "--env", "x", "--env", "y"], "Option --env is given more than once; give it once"],
    [["a", "-e", "x", "--env=y"], "Option --env is given more than once; give it once"],
    [["a", "--env", "x", "--dry", "--dry"], "Option --dry is given more than once; give it once"],
    [["a", "--env"], "Option --env needs a value ENV"],
    [["a", "--env="], "Option --env needs a value ENV"],
    [["a", "--env", "x", "--dry=yes"], "Option --dry takes no value"],
    [
      ["a", "--env", "x", "--format", "xml"],
      'Option --format is "xml"; expected one of: text, json',
    ],
    [["a"], "Missing --env ENV"],
    [["--env", "x"], "Missing SUBJECT"],
    [["a", "1", "b", "--env", "x"], 'Unexpected argument "b" after SUBJECT VERSION'],
  ])("refuses %j: one sentence ending with the usage", (args, message) => {
    expect(failure(args)).toBe(`${message} ${USAGE}.`);
  });
});

describe("help from the spec", () => {
  it("has a usage line and one row per argument and option", () => {
    expect(usageLine(spec)).toBe(
      "avro-kong demo run SUBJECT [VERSION] --env ENV [--format text|json] [--dry]",
    );
    expect(helpText(spec).split("\n")).toEqual([
      "Usage: avro-kong demo run SUBJECT [VERSION] --env ENV [--format text|json] [--dry]",
      "",
      "Run the demo.",
      "",
      "  SUBJECT             what to run",
      "  VERSION             which version",
      "  -e, --env ENV       the environment",
      "  --format text|json  how to print (default: text)",
      "  --dry               change nothing",
      "  -h, --help          print this help and exit",
    ]);
  });

  it("is printed by a defined command for --help or -h anywhere, before any check", async () => {
    let ran = 0;
    const command = defineCommand(spec, async () => ++ran);
    for (const args of [["--help"], ["a", "-h"], ["--bogus", "--help"]]) {
      const out: string[] = [];
      const io: CliIo = {
        cwd: "/",
        out: (t) => out.push(t),
        err: () => {},
        readStdin: async () => "",
      };
      expect(await command(args, io)).toBe(0);
      expect(out).toEqual([helpText(spec)]);
    }
    expect(ran).toBe(0);
  });
});
