import { readFileSync } from "fs";
import { join } from "path";
import {
  readAllPinsCollecting,
  scanRepository,
  type Pins,
  type RepositoryProblem,
  type RepositoryScan,
} from "../registry";
import { parsePromotionOrder, PROMOTION_FILE } from "./order";

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
  const problems = [...read.problems];
  let order: readonly string[] | undefined;
  let text: string | undefined;
  try {
    text = readFileSync(join(scan.registry.rootDir, PROMOTION_FILE), "utf8");
  } catch {
    // A repository without pins needs no order; one with pins does.
    if (pins.size > 0 || read.problems.length > 0) {
      problems.push({
        file: PROMOTION_FILE,
        pointer: "",
        message: `cannot be read; it lists the environments in promotion order, as in {"order": ["dev", "staging", "prod"]}.`,
      });
    }
  }
  if (text !== undefined) {
    const parsed = parsePromotionOrder(text);
    problems.push(...parsed.problems);
    order = parsed.order;
  }
  return { scan, order, pins, problems };
}
