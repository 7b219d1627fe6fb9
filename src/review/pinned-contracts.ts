import { earlierWriterVersions } from "../registry";
import type { PinnedContract, PinnedContracts } from "../validators";
import type { RevisionInput } from "./model";

/**
 * An environment's pins in one revision, as the contracts its chunks are compiled from: a pin
 * counts only when the revision's schema file still has the pinned hashes (as synthesis
 * demands), with the earlier writers synthesis gives it.
 */
export function pinnedContracts(revision: RevisionInput, environment: string): PinnedContracts {
  const pins = revision.pins.get(environment);
  const found = new Map<string, PinnedContract | undefined>();
  const read = (subject: string): PinnedContract | undefined => {
    const pin = pins?.get(subject);
    const version = pin && revision.schema(subject, pin.version);
    const level = revision.level(subject);
    if (!pin || !version || !level) return undefined;
    if (version.fingerprint !== pin.fingerprint || version.sha256 !== pin.sha256) return undefined;
    const earlier = earlierWriterVersions(level, pin.version, pin.history ?? []).map((v) =>
      revision.schema(subject, v),
    );
    if (earlier.some((v) => v === undefined)) return undefined;
    return {
      subject,
      version: pin.version,
      fingerprint: pin.fingerprint,
      schema: version.schema,
      earlier: earlier.map((v) => ({ fingerprint: v!.fingerprint, schema: v!.schema })),
    };
  };
  return {
    pinned: (subject) => {
      if (!found.has(subject)) found.set(subject, read(subject));
      return found.get(subject);
    },
  };
}
