import { existsSync, mkdirSync } from "fs";
import { basename, dirname, join, relative, resolve } from "path";
import { readFileBounded, UserError, writeFileAtomically } from "../../common";
import { formatReport, importDeck } from "../../import";
import { defineCommand, defineGroup } from "../args";
import { findProjectRoot } from "../root";

const deckCommand = defineCommand(
  {
    name: "import deck",
    summary: "turn a decK file (deck gateway dump --with-id) into constructs and Terraform imports",
    positionals: [
      { name: "FILE", description: "the decK state file, YAML or JSON, _format_version 3.0" },
    ],
    options: {
      out: {
        value: "FILE.ts",
        description: "the module to write (default: stacks/<FILE's name>.ts in the project)",
      },
      name: {
        value: "NAME",
        description: "the <Name> of declare<Name> (default: from FILE's name)",
      },
      force: { description: "replace the module if it exists" },
    },
    details: [
      "Prints the Terraform imports, the entities the first plan creates (no id in the file), the variables to set for the file's secrets (names, never values), what was not imported, what differs, the names mapped and the guardrails the estate breaks. Bad input: one sentence naming the file and the entity, exit 2, nothing written.",
    ],
  },
  async (args, io) => {
    const file = args.positionals[0];
    const absolute = resolve(io.cwd, file);
    const read = readFileBounded(absolute);
    if ("error" in read) {
      throw new UserError(`${file}: cannot be read: ${read.error}; expected a decK file.`, {
        file,
      });
    }
    const text = read.bytes.toString("utf8");
    const report = importDeck(text, file, { name: args.value("name") });
    const root = findProjectRoot(io.cwd);
    const outOption = args.value("out");
    const out = outOption
      ? resolve(io.cwd, outOption)
      : join(root, "stacks", `${basename(file).replace(/\.(ya?ml|json)$/i, "")}.ts`);
    if (!out.endsWith(".ts"))
      throw new UserError(
        `--out ${JSON.stringify(outOption)} is not a .ts file; expected e.g. stacks/kong.ts.`,
      );
    if (existsSync(out) && !args.flag("force"))
      throw new UserError(
        `${relative(io.cwd, out)} exists; expected a new file, or --force to replace it.`,
      );
    mkdirSync(dirname(out), { recursive: true });
    writeFileAtomically(out, report.module);
    io.out(formatReport(report, relative(io.cwd, out) || out));
    return 0;
  },
);

/** `import`: adopting what already runs. */
export const command = defineGroup({
  name: "import",
  summary: "adopt a running Kong: a decK file into constructs and Terraform imports",
  subcommands: { deck: { summary: deckCommand.spec.summary, load: async () => deckCommand } },
});
