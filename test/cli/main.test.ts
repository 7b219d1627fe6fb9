import { readFileSync } from "fs";
import { join } from "path";
import { runAvroKong } from "../support/cli";
import { PROJECT_ROOT } from "../registry/fixture";

const run = (...argv: string[]) => runAvroKong(PROJECT_ROOT, argv);

/** Every command path, found by following the command lists that `--help` prints. */
async function commandPaths(prefix: string[] = []): Promise<string[][]> {
  const { out } = await run(...prefix, "--help");
  const listed = out.split(/\n(?:Commands|Subcommands):\n/)[1];
  if (listed === undefined) return [prefix];
  const names = listed
    .split("\n\n")[0]
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0]);
  const nested = await Promise.all(names.map((name) => commandPaths([...prefix, name])));
  return [prefix, ...nested.flat()];
}

describe("avro-kong's command line", () => {
  it("prints usage to stdout with exit 0 for --help, -h and help on every command and subcommand", async () => {
    const paths = await commandPaths();
    expect(paths.map((p) => p.join(" "))).toEqual(
      expect.arrayContaining([
        "",
        "compile",
        "payload",
        "payload validate",
        "schema",
        "schema canonical",
        "schema fingerprint",
        "schema compat",
        "schema check",
      ]),
    );
    for (const path of paths) {
      const help = await run(...path, "--help");
      expect({ path, code: help.code, err: help.err }).toEqual({ path, code: 0, err: "" });
      expect(help.out).toMatch(/^Usage:/);
      expect(help.out).toContain(["avro-kong", ...path].join(" "));
      expect(await run(...path, "-h")).toEqual(help);
    }
  });

  it("prints the package's version for --version", async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(await run("--version")).toEqual({ code: 0, out: version, err: "" });
  });

  it("prints its usage to stderr with exit 2 when no command is given", async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toBe((await run("--help")).out);
  });

  it.each([
    [
      ["deploy"],
      'Unknown command "deploy" (usage: avro-kong <command>, one of: compile, import, init, payload, promote, review, schema).',
    ],
    [
      ["-x"],
      "Unknown option -x (usage: avro-kong <command>, one of: compile, import, init, payload, promote, review, schema).",
    ],
    [
      ["schema", "canonical", "-p", "x.avsc"],
      "Unknown option -p; expected one of: --help (usage: avro-kong schema canonical FILE).",
    ],
    [
      ["payload", "validate", "--schema", "a.avsc", "--schema", "b.avsc"],
      "Option --schema is given more than once; give it once (usage: avro-kong payload validate [PAYLOAD] --schema FILE [--dialect plain|avro-json] [--allow-unknown-fields] [--encoding json|avro-binary|avro-single-object]).",
    ],
  ])("refuses %j with one sentence on stderr and exit 2", async (args, message) => {
    expect(await run(...args)).toEqual({ code: 2, out: "", err: message });
  });
});

describe("avro-kong's error sentences", () => {
  it("show control characters from the input escaped, never as themselves", async () => {
    const { code, err } = await run("schema", "fingerprint", "no-such-\u001b[31m-file\u0000.avsc");
    expect(code).toBeGreaterThan(0);
    expect(err).toContain("no-such-\\u001b[31m-file\\u0000.avsc");
    // eslint-disable-next-line no-control-regex
    expect(err).not.toMatch(/[\u0000\u001b]/);
  });
});
