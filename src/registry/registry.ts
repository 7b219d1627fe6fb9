import { UserError } from "../common";
import type { NamedSchema } from "../avro";
import type { CompatibilityLevel } from "../compat";

/** One numbered, immutable version of a subject. */
export interface SchemaVersion {
  readonly subject: string;
  readonly version: number;
  /** Repository-relative file, e.g. `schemas/shop.orders.OrderPlaced/v2.avsc`. */
  readonly file: string;
  readonly schema: NamedSchema;
  /** CRC-64-AVRO of the Parsing Canonical Form, little-endian hex. */
  readonly fingerprint: string;
  /** SHA-256 hex of `resolvedJson(schema)`: changes with any edit that matters to readers. */
  readonly sha256: string;
}

export interface Subject {
  /** The full name of its schemas, e.g. `shop.orders.OrderPlaced`. */
  readonly name: string;
  readonly compatibility: CompatibilityLevel;
  /** The team that owns it, as its `subject.json` says (`promote --team`). */
  readonly team?: string;
  /** Versions 1…n, oldest first. */
  readonly versions: readonly SchemaVersion[];
}

export interface Registry {
  /** The repository root the registry was loaded from. */
  readonly rootDir: string;
  /** Subjects by name, sorted by name. */
  readonly subjects: ReadonlyMap<string, Subject>;
  /** Shared named types of `schemas/_types`, by full name. */
  readonly sharedTypes: ReadonlyMap<string, NamedSchema>;
}

/** The subject of that name; a `UserError` naming the subjects there are otherwise. */
export function getSubject(registry: Registry, name: string): Subject {
  const subject = registry.subjects.get(name);
  if (subject) return subject;
  const known = [...registry.subjects.keys()];
  throw new UserError(
    `No subject "${name}" in schemas/; known subjects: ${known.length > 0 ? known.join(", ") : "none"}.`,
  );
}

/** One version of a subject; the latest when `version` is omitted. */
export function getVersion(registry: Registry, name: string, version?: number): SchemaVersion {
  const subject = getSubject(registry, name);
  const found =
    version === undefined
      ? subject.versions[subject.versions.length - 1]
      : subject.versions[version - 1];
  if (found) return found;
  throw new UserError(
    `Subject "${name}" has no version ${version}; it has versions 1 to ${subject.versions.length}.`,
  );
}
