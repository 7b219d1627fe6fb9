import { randomUUID } from "crypto";
import { existsSync, mkdirSync } from "fs";
import { dirname, join } from "path";
import { parseJsonText } from "../avro";
import { readFileBounded, UserError, writeFileAtomically } from "../common";
import { FRAMEWORKS, type Framework } from "./framework";
import { mergePackageJson, type PackageJson } from "./package-json";
import { projectFiles } from "./project";
import { workflows } from "./workflows";

export interface InitOptions {
  readonly framework: Framework["name"];
  /** Replace files that exist. @default false */
  readonly force?: boolean;
  /** avro-kong's own version, added as a dependency when the project lacks one. */
  readonly ownVersion: string;
}

/** What init will write: each file's path from the root and its text. */
export interface InitPlan {
  readonly root: string;
  readonly files: ReadonlyMap<string, string>;
}

/** Init would overwrite files and was not told to: nothing was written. */
class InitRefused extends UserError {}

/** The project's package.json, read bounded and only from inside the project; none yet is a new one. */
function readPackageJson(root: string): PackageJson {
  const read = readFileBounded(join(root, "package.json"), { within: root });
  if ("error" in read) {
    if (read.error === "no such file or directory") return { name: "kong", version: "0.1.0" };
    throw new UserError(`package.json: cannot be read: ${read.error}.`);
  }
  const json = parseJsonText(read.bytes, "package.json");
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new UserError("package.json is not a JSON object; expected the project's manifest.");
  }
  return json as PackageJson;
}

/**
 * Everything init writes in `root`, checked before anything is written: a file that exists
 * (package.json aside, which is merged) refuses the whole plan unless `force`.
 */
export function planInit(root: string, options: InitOptions): InitPlan {
  const framework = FRAMEWORKS[options.framework];
  let manifest: PackageJson;
  try {
    manifest = mergePackageJson(readPackageJson(root), framework, options.ownVersion);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new UserError(`package.json at /${error.message} is not an object; expected one.`);
  }
  const generated = { ...projectFiles(framework, randomUUID()), ...workflows(framework) };
  const existing = Object.keys(generated).filter((path) => existsSync(join(root, path)));
  if (existing.length > 0 && options.force !== true) {
    throw new InitRefused(
      `avro-kong init would overwrite ${existing.join(", ")}; nothing was written. Run it again with --force to replace them.`,
    );
  }
  const files = new Map<string, string>([
    ["package.json", `${JSON.stringify(manifest, null, 2)}\n`],
    ...Object.entries(generated),
  ]);
  return { root, files };
}

/** Writes the plan, each file atomically. */
export function writeInit(plan: InitPlan): void {
  for (const [path, text] of plan.files) {
    mkdirSync(dirname(join(plan.root, path)), { recursive: true });
    writeFileAtomically(join(plan.root, path), text);
  }
}
