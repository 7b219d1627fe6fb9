import { basename, dirname, join, relative, resolve } from "path";
import type { AvroSchema } from "../../avro";
import {
  canonicalForm,
  fingerprint,
  formatProblem,
  isNamed,
  FINGERPRINT_ALGORITHMS,
} from "../../avro";
import { UserError } from "../../common";
import { auditPins, loadPromotionState } from "../../promotion";
import {
  checkRepository,
  loadRegistry,
  parseVersionFileName,
  pinHashes,
  readAllPins,
  readSchemaFile,
  type PinnedVersion,
} from "../../registry";
import { defineCommand, defineGroup } from "../args";
import { findProjectRoot } from "../root";
import { compatCommand } from "./schema-compat";

const FILE = { name: "FILE", description: "the Avro schema file" } as const;

const canonicalCommand = defineCommand(
  {
    name: "schema canonical",
    summary: "print the Parsing Canonical Form of a schema, on one line",
    positionals: [FILE],
  },
  async (args, io) => {
    io.out(canonicalForm(readSchemaFile(args.positionals[0], { cwd: io.cwd })));
    return 0;
  },
);

const fingerprintCommand = defineCommand(
  {
    name: "schema fingerprint",
    summary: "print the fingerprint of a schema, in lowercase hex",
    positionals: [FILE],
    options: {
      algorithm: {
        value: "ALGORITHM",
        choices: FINGERPRINT_ALGORITHMS,
        default: "crc64",
        description: "crc64 is CRC-64-AVRO, its 8 bytes little-endian",
      },
      pin: {
        description:
          "print what a pin of this version records (version, crc64 fingerprint, sha256 of the resolved schema), as pins files write it",
      },
    },
    details: [
      "With --pin, FILE is a version file schemas/<subject>/v<N>.avsc, and the entry is what a pin of it in stacks/pins/<env>.json records; avro-kong promote writes pins, through the promotion gate and with their history.",
    ],
  },
  async (args, io) => {
    const file = args.positionals[0];
    const schema = readSchemaFile(file, { cwd: io.cwd });
    if (!args.flag("pin")) {
      io.out(fingerprint(schema, args.value("algorithm")));
      return 0;
    }
    if (args.given("algorithm")) {
      throw new UserError(
        "Options --pin and --algorithm exclude each other: a pin records both crc64 and sha256.",
      );
    }
    const [subject, pin] = pinEntry(schema, file, io.cwd);
    io.out(JSON.stringify({ [subject]: pin }, null, 2));
    return 0;
  },
);

/** The subject and pin of a version file, which must sit where the registry expects it. */
function pinEntry(schema: AvroSchema, file: string, cwd: string): [string, PinnedVersion] {
  const version = parseVersionFileName(basename(file));
  const folder = basename(dirname(resolve(cwd, file)));
  if (version === undefined || !isNamed(schema) || schema.name !== folder) {
    throw new UserError(
      `${file}: --pin needs a version file schemas/<subject>/v<N>.avsc holding the named type <subject>, since pins record versions of subjects.`,
      { file },
    );
  }
  return [schema.name, { version, ...pinHashes(schema) }];
}

const checkCommand = defineCommand(
  {
    name: "schema check",
    summary: "report every problem in a repository's schemas and pins; exit 1 when there is one",
    positionals: [
      {
        name: "DIR",
        optional: true,
        description: "the repository (default: the project the current folder is in)",
      },
    ],
  },
  async (args, io) => {
    const dir = args.positionals[0];
    const root = dir === undefined ? findProjectRoot(io.cwd) : resolve(io.cwd, dir);
    // The schemas first, then every pin that `promote` would have refused.
    const problems = [...checkRepository(root), ...auditPins(loadPromotionState(root))];
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
  },
);

/** `schema canonical|fingerprint|compat|check …`, as docs/reference/cli.md says. */
export const command = defineGroup({
  name: "schema",
  summary: "canonical form, fingerprints, compatibility and checks of Avro schemas",
  subcommands: Object.fromEntries(
    [canonicalCommand, fingerprintCommand, compatCommand, checkCommand].map((c) => [
      c.spec.name.split(" ")[1],
      { summary: c.spec.summary, load: async () => c },
    ]),
  ),
});
