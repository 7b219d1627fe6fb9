import { existsSync } from "fs";
import { dirname, join } from "path";
import { withFileLock } from "../common";

/** The lock `promote` holds while it reads every environment's pins and writes one. */
export const PINS_LOCK = "stacks/.pins.lock";

/**
 * Runs `work` (reading the pins, planning, writing) while no other `promote` in the repository
 * does, so that two promotions at once cannot lose one's update. A lock left by a process that
 * is gone is taken over; `notice` hears it.
 */
export function withPinsLock<T>(
  rootDir: string,
  notice: (sentence: string) => void,
  work: () => T,
): T {
  const path = join(rootDir, PINS_LOCK);
  // No stacks/ folder: no pins to protect, and nothing to create here.
  if (!existsSync(dirname(path))) return work();
  return withFileLock(path, { name: PINS_LOCK, notice }, work);
}
