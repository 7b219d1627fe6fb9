import type { Incompatibility } from "./types";

/** One line for people: `TYPE at PATH: message`. */
export function formatIncompatibility(incompatibility: Incompatibility): string {
  return `${incompatibility.type} at ${incompatibility.path}: ${incompatibility.message}`;
}
