import { UserError } from "../common";
import {
  earlierWriterVersions,
  getSubject,
  getVersion,
  type Pin,
  type Pins,
  type Registry,
} from "../registry";
import type { ContractSource, ContractVersion } from "./contracts";

/**
 * The contracts an environment runs: each pinned version from the registry in Git, refused
 * when its file no longer has the fingerprint it was pinned with (pinned versions are immutable).
 */
export function contractsFromRegistry(registry: Registry, pins: Pins): ContractSource {
  const resolved = new Map<string, ContractVersion>();
  for (const [subject, pin] of Object.entries(pins.subjects)) {
    const version = getVersion(registry, subject, pin.version);
    if (version.fingerprint !== pin.fingerprint || version.sha256 !== pin.sha256) {
      throw new UserError(
        `${pins.file} pins ${subject} version ${pin.version}, but ${version.file} was edited after it was pinned (fingerprint ${version.fingerprint}, pinned ${pin.fingerprint}); expected pinned versions to stay unchanged.`,
      );
    }
    resolved.set(subject, {
      subject,
      version: pin.version,
      schema: version.schema,
      fingerprint: version.fingerprint,
      earlier: earlierWriters(registry, subject, pin),
    });
  }
  return {
    pinned: (subject) => resolved.get(subject),
    subjects: () => [...resolved.keys()],
  };
}

/** The earlier versions a single-object body may be written with (`earlierWriterVersions`). */
function earlierWriters(registry: Registry, subject: string, pin: Pin): ContractVersion["earlier"] {
  const level = getSubject(registry, subject).compatibility;
  return earlierWriterVersions(
    level,
    pin.version,
    pin.history.map((h) => h.version),
  ).map((v) => {
    const { fingerprint, schema } = getVersion(registry, subject, v);
    return { fingerprint, schema };
  });
}
