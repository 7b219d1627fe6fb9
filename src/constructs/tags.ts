/** The tag every entity avro-kong manages carries, as decK's select tags do. */
export const MANAGED_BY_TAG = "managed-by:avro-kong";

/** Tags that tell our entities from hand-made ones, and one environment's from another's. */
export function ownershipTags(environment: string, extra: readonly string[] = []): string[] {
  const tags = [MANAGED_BY_TAG, `environment:${environment}`, ...extra];
  return [...new Set(tags)];
}
