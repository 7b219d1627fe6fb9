import type { Parameters } from "fast-check";

/** The seed every property starts from, so that the suite gives the same verdict on every run. */
const DEFAULT_SEED = 20261201;

/**
 * Settings for the property tests: a bounded number of runs from a fixed seed, like the
 * differential test, so that a run of the suite is reproducible. fast-check prints the seed and
 * the path of the shrunk counterexample of a failure. To search further, set
 * `AVRO_KONG_FC_SEED` to another seed (or `random`) and `AVRO_KONG_FC_RUNS` to a factor on
 * every property's number of runs.
 */
export function propertyRuns<T>(numRuns: number): Parameters<T> & { seed: number } {
  const chosen = process.env.AVRO_KONG_FC_SEED;
  const seed =
    chosen === undefined
      ? DEFAULT_SEED
      : chosen === "random"
        ? Math.floor(Math.random() * 0x7fffffff)
        : Number(chosen);
  const factor = Number(process.env.AVRO_KONG_FC_RUNS ?? 1);
  return { numRuns: Math.max(1, Math.round(numRuns * factor)), seed };
}
