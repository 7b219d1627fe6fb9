import type { Parameters } from "fast-check";

/**
 * Settings for the property tests. Each run draws a fresh seed (fast-check prints it, with the
 * path of the shrunk counterexample, when a property fails); `AVRO_KONG_FC_SEED` replays one,
 * and `AVRO_KONG_FC_RUNS` multiplies every property's number of runs for a longer search.
 */
export function propertyRuns<T>(numRuns: number): Parameters<T> {
  const seed = process.env.AVRO_KONG_FC_SEED;
  const factor = Number(process.env.AVRO_KONG_FC_RUNS ?? 1);
  return {
    numRuns: Math.max(1, Math.round(numRuns * factor)),
    ...(seed === undefined ? {} : { seed: Number(seed) }),
  };
}
