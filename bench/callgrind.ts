import * as fs from "fs";

/**
 * Reading callgrind's output files (format: valgrind's callgrind/docs "Callgrind Format"): the
 * instructions each function ran itself (not in its callees), by object file and name, and
 * with its callees (inclusive), by name.
 */

/** Instructions (Ir), keyed `object\tfunction` (self cost) or by function name (inclusive). */
export type SelfCost = Map<string, number>;

export interface Costs {
  readonly self: SelfCost;
  /** Self cost plus the calls made from the function (recursive functions count twice). */
  readonly inclusive: Map<string, number>;
}

/** `(12) name` defines id 12; `(12)` alone refers to it; a bare name has no id. */
function resolve(value: string, names: Map<string, string>): string {
  const match = /^\((\d+)\)(?: (.*))?$/.exec(value);
  if (!match) return value;
  if (match[2] !== undefined) names.set(match[1], match[2]);
  return names.get(match[1]) ?? value;
}

/** The costs of every function in one callgrind output file (event Ir, the first). */
export function readCosts(file: string): Costs {
  const cost: SelfCost = new Map();
  const inclusive = new Map<string, number>();
  const objects = new Map<string, string>();
  const functions = new Map<string, string>();
  let object = "???";
  let fn = "???";
  let afterCalls = false;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const spec = /^(ob|fn|cob|cfn|cfi|cfl|fl|fi|fe)=(.*)$/.exec(line);
    if (spec) {
      const [, key, value] = spec;
      // Called objects and functions are named here too: their ids must be learnt.
      if (key === "ob" || key === "cob") {
        const name = resolve(value, objects);
        if (key === "ob") object = name;
      } else if (key === "fn" || key === "cfn") {
        const name = resolve(value, functions);
        if (key === "fn") fn = name;
      }
      continue;
    }
    if (line.startsWith("calls=")) {
      afterCalls = true;
      continue;
    }
    const numbers = /^(?:[+-]?\d+|\*) (\d+)/.exec(line);
    if (!numbers) continue;
    const value = Number(numbers[1]);
    inclusive.set(fn, (inclusive.get(fn) ?? 0) + value);
    // The line after calls= is the callee's inclusive cost, not this function's own.
    if (afterCalls) {
      afterCalls = false;
      continue;
    }
    const key = `${object}\t${fn}`;
    cost.set(key, (cost.get(key) ?? 0) + value);
  }
  return { self: cost, inclusive };
}

export function total(cost: SelfCost): number {
  let sum = 0;
  for (const value of cost.values()) sum += value;
  return sum;
}
