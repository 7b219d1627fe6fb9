import { join } from "path";
import { formatProblem, parseJsonText } from "../avro";
import { escapePointerToken, readFileBounded, UserError } from "../common";
import { readPromotionOrderFile } from "../promotion";
import {
  PINS_DIR,
  pinsFile,
  readAllPinsCollecting,
  scanRepository,
  type Registry,
} from "../registry";
import { isObject, strings } from "./entities";
import type {
  Annotation,
  FailedPart,
  RanBefore,
  Json,
  JsonObject,
  PinnedVersion,
  RevisionInput,
  SynthesizedStack,
} from "./model";

const WARNING = "@cdktf/warn";
const ERROR = "@cdktf/error";

/** The error annotations of a manifest entry: a stack (or part) that did not synthesize. */
function errorsOf(entry: JsonObject): string[] {
  return (Array.isArray(entry.annotations) ? entry.annotations : [])
    .filter((a): a is JsonObject => isObject(a) && a.level === ERROR)
    .map((a) => String(a.message ?? ""));
}

/** The manifest's stacks, as entries. */
function manifestEntries(outdir: string): Array<[string, Json]> {
  const manifest = readJson(outdir, "manifest.json");
  return Object.entries(isObject(manifest) && isObject(manifest.stacks) ? manifest.stacks : {});
}

/**
 * The stacks of a `cdktf.out` directory that did not synthesize: those its `manifest.json`
 * lists with error annotations (what `runApp` writes for the cdktf CLI), by name.
 */
export function readSynthFailures(outdir: string): FailedPart[] {
  return manifestEntries(outdir)
    .map(([name, entry]) => ({ name, error: (isObject(entry) ? errorsOf(entry) : []).join("\n") }))
    .filter((f) => f.error !== "")
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The environment a stack deploys: as the stack names it (`"//".metadata.avroKong.environment`,
 * see docs/guides/stacks-per-team.md), else the one `environment:` tag its resources share, else
 * the stack's name (stacks of other tools, or of older revisions).
 */
export function environmentOf(name: string, config: JsonObject): string {
  const comment = config["//"];
  const metadata = isObject(comment) ? comment.metadata : undefined;
  const identity = isObject(metadata) ? metadata.avroKong : undefined;
  if (isObject(identity) && typeof identity.environment === "string") return identity.environment;
  const tags = new Set<string>();
  const resources = isObject(config.resource) ? config.resource : {};
  for (const instances of Object.values(resources))
    for (const body of Object.values(isObject(instances) ? instances : {}))
      if (isObject(body))
        for (const tag of strings(body.tags))
          if (tag.startsWith("environment:")) tags.add(tag.slice("environment:".length));
  return tags.size === 1 ? [...tags][0] : name;
}

/** A JSON file of a synthesized output, read strictly and named by its place in `outdir`. */
function readJson(outdir: string, file: string): Json {
  const read = readFileBounded(join(outdir, file), { within: outdir });
  if ("error" in read) throw new UserError(`${file}: cannot be read: ${read.error}.`);
  return parseJsonText(read.bytes, file) as Json;
}

/** The synthesized stacks of a `cdktf.out` directory, as its `manifest.json` lists them. */
export function readSynthOutput(outdir: string): SynthesizedStack[] {
  return manifestEntries(outdir)
    .filter(([, entry]) => !isObject(entry) || errorsOf(entry).length === 0)
    .map(([name, entry]) => {
      if (!isObject(entry) || typeof entry.synthesizedStackPath !== "string")
        throw new UserError(
          `manifest.json at /stacks/${escapePointerToken(name)}: stack ${name} has no synthesizedStackPath.`,
        );
      const config = readJson(outdir, entry.synthesizedStackPath);
      const warnings: Annotation[] = (Array.isArray(entry.annotations) ? entry.annotations : [])
        .filter((a): a is JsonObject => isObject(a) && a.level === WARNING)
        .map((a) => ({
          constructPath: String(a.constructPath ?? ""),
          message: String(a.message ?? ""),
        }));
      const body = isObject(config) ? config : {};
      return { name, environment: environmentOf(name, body), config: body, warnings };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The registry and pins of a checked-out revision at `rootDir`, collecting problems instead of
 * failing: a review reports on a broken revision too.
 */
export function readRevision(
  rootDir: string,
  label: string,
  synth: RevisionInput["synth"],
): RevisionInput {
  const problems: string[] = [];
  // The order is only for showing environments; its problems are `schema check`'s to report.
  const { order } = readPromotionOrderFile(rootDir);
  let registry: Registry | undefined;
  try {
    const scan = scanRepository(rootDir, false);
    registry = scan.registry;
    problems.push(...scan.problems.map(formatProblem));
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const read = readAllPinsCollecting(rootDir);
  problems.push(...read.problems.map(formatProblem));
  const unreadablePins = [
    ...new Set(
      read.problems.flatMap((p) => {
        const env = p.file.startsWith(`${PINS_DIR}/`) ? p.file.slice(PINS_DIR.length + 1) : "";
        return env.endsWith(".json") && p.file === pinsFile(env.slice(0, -5))
          ? [env.slice(0, -5)]
          : [];
      }),
    ),
  ];
  const pins = new Map<string, ReadonlyMap<string, PinnedVersion & RanBefore>>();
  for (const environment of read.pins) {
    const subjects = new Map<string, PinnedVersion & RanBefore>();
    for (const [subject, pin] of Object.entries(environment.subjects)) {
      // Only what identifies the version; the history (where the pins file keeps one) as numbers.
      const history: unknown = (pin as { history?: unknown }).history;
      subjects.set(subject, {
        version: pin.version,
        fingerprint: pin.fingerprint,
        sha256: pin.sha256,
        ...(Array.isArray(history)
          ? { history: history.map((h: { version: number }) => h.version) }
          : {}),
      });
    }
    pins.set(environment.environment, subjects);
  }
  return {
    label,
    synth,
    pins,
    problems,
    ...(unreadablePins.length > 0 ? { unreadablePins } : {}),
    ...(order ? { promotionOrder: order } : {}),
    schema: (subject, version) =>
      registry?.subjects.get(subject)?.versions.find((v) => v.version === version),
    level: (subject) => registry?.subjects.get(subject)?.compatibility,
  };
}
