import { FRAMEWORK_NAMES, planInit, writeInit } from "../../init";
import { defineCommand } from "../args";
import { packageVersion } from "../version";

/**
 * `init`: a working project in the current folder (package.json merged, everything else new),
 * refused as a whole when it would overwrite a file, unless --force.
 */
export const command = defineCommand(
  {
    name: "init",
    summary: "write a new project here: stacks, schemas, pins, workflows, package.json scripts",
    options: {
      framework: {
        value: "FRAMEWORK",
        choices: FRAMEWORK_NAMES,
        default: "cdktf",
        description: "CDK for Terraform (cdktf) or CDK Terrain (cdktn)",
      },
      force: { description: "replace files that exist" },
    },
    details: [
      "Keeps what package.json has (its dependencies, avro-kong as it was installed, its scripts) and adds what the project needs. Refuses, naming the files and writing nothing, when a file it writes exists, unless --force.",
    ],
  },
  async (args, io) => {
    const framework = args.value("framework");
    const plan = planInit(io.cwd, {
      framework,
      force: args.flag("force"),
      ownVersion: packageVersion(),
    });
    writeInit(plan);
    const cli = framework === "cdktn" ? "cdktn" : "cdktf";
    io.out(
      [
        ...[...plan.files.keys()].map((path) => `Wrote ${path}.`),
        `Next: npm install && npx ${cli} synth`,
      ].join("\n"),
    );
    return 0;
  },
);
