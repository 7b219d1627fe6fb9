import type { Framework } from "./framework";

/** A package.json as JSON: only the fields init reads or adds are typed. */
export type PackageJson = Record<string, unknown>;

const SCRIPTS = (framework: Framework): Record<string, string> => ({
  synth: `${framework.cli} synth`,
  "schema:check": "avro-kong schema check",
  review: "avro-kong review",
});

/** The version range init adds avro-kong with when the project does not depend on it yet. */
function ownRange(version: string): string {
  return `^${version}`;
}

function record(value: unknown, field: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(field);
  }
  return value as Record<string, string>;
}

/**
 * The project's package.json with what a project needs added: scripts and development
 * dependencies it lacks, avro-kong itself when it is not a dependency yet. Nothing it has is
 * changed: an existing script or dependency keeps its value, and avro-kong stays as it was
 * installed (a version, a tarball, a git URL). Throws TypeError(field) for a field of the
 * wrong shape.
 */
export function mergePackageJson(
  existing: PackageJson,
  framework: Framework,
  ownVersion: string,
): PackageJson {
  const dependencies = record(existing.dependencies, "dependencies");
  const devDependencies = record(existing.devDependencies, "devDependencies");
  const scripts = record(existing.scripts, "scripts");
  const has = (name: string) => name in dependencies || name in devDependencies;
  const added: Record<string, string> = {
    ...framework.devDependencies,
    typescript: "5.9.3",
    "@types/node": framework.nodeVersion >= 22 ? "^22" : "^20",
  };
  const merged: PackageJson = {
    ...existing,
    private: existing.private ?? true,
    scripts: { ...SCRIPTS(framework), ...scripts },
    dependencies: has("avro-kong")
      ? dependencies
      : { ...dependencies, "avro-kong": ownRange(ownVersion) },
    devDependencies: {
      ...Object.fromEntries(Object.entries(added).filter(([name]) => !has(name))),
      ...devDependencies,
    },
  };
  if (framework.engines !== undefined && existing.engines === undefined) {
    merged.engines = { node: framework.engines };
  }
  return merged;
}
