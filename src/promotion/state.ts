import {
  readAllPinsCollecting,
  scanRepository,
  type Pins,
  type RepositoryProblem,
  type RepositoryScan,
} from "../registry";
import { readPromotionOrderFile } from "./order";

/** Everything promotion rules look at: the schemas, every environment's pins, and their order. */
export interface PromotionState {
  readonly scan: RepositoryScan;
  /** Environments in promotion order; undefined when `stacks/promotion.json` is unusable. */
  readonly order?: readonly string[];
  /** Pins by environment. */
  readonly pins: ReadonlyMap<string, Pins>;
  /** Problems of `stacks/promotion.json` and of pins files that could not be read. */
  readonly problems: readonly RepositoryProblem[];
}

/** Reads the repository under `rootDir`, collecting problems instead of throwing on them. */
export function loadPromotionState(rootDir: string): PromotionState {
  const scan = scanRepository(rootDir, false);
  const read = readAllPinsCollecting(scan.registry.rootDir);
  const pins = new Map(read.pins.map((p) => [p.environment, p]));
  const order = readPromotionOrderFile(scan.registry.rootDir);
  // A repository without pins needs no order; one with pins does.
  const needed = !order.missing || pins.size > 0 || read.problems.length > 0;
  return {
    scan,
    order: order.order,
    pins,
    problems: [...read.problems, ...(needed ? order.problems : [])],
  };
}
