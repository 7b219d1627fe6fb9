import type {
  Disagreement,
  ScannedBody,
} from "../test/validators/lua/harness/scanner-differential";
import { disagreements } from "../test/validators/lua/harness/scanner-differential";

/** Bodies of one sort: how many, how many the reference calls valid, how many the scanner was certain of. */
export interface Count {
  cases: number;
  valid: number;
  certain: number;
}

/**
 * What a share of the scanner's differential check saw (plain data: workers send it to the
 * bench over IPC), so that a reader can see the mix of cases, not only their number.
 */
export interface Tally {
  suites: number;
  all: Count;
  /** Bodies the chunk with the scanner answered without decoding: its fast path. */
  fast: { request: number; response: number };
  /** By body text (support/body-text.ts), by mutation ("valid payload" for none), by scanner form, by schema shape. */
  kinds: Record<string, Count>;
  mutations: Record<string, Count>;
  forms: Record<string, Count>;
  shapes: Record<string, Count>;
  disagreements: number;
  examples: Disagreement[];
}

const EXAMPLES = 5;

export const emptyTally = (): Tally => ({
  suites: 0,
  all: { cases: 0, valid: 0, certain: 0 },
  fast: { request: 0, response: 0 },
  kinds: {},
  mutations: {},
  forms: {},
  shapes: {},
  disagreements: 0,
  examples: [],
});

function add(into: Count, from: Count): void {
  into.cases += from.cases;
  into.valid += from.valid;
  into.certain += from.certain;
}

function addTo(group: Record<string, Count>, key: string, from: Count): void {
  add((group[key] ??= { cases: 0, valid: 0, certain: 0 }), from);
}

/** The tally of `suites` suites' bodies. */
export function tallyBodies(suites: number, bodies: readonly ScannedBody[]): Tally {
  const tally = emptyTally();
  tally.suites = suites;
  for (const body of bodies) {
    const one = { cases: 1, valid: body.valid ? 1 : 0, certain: body.certain ? 1 : 0 };
    add(tally.all, one);
    if (body.fast.request) tally.fast.request++;
    if (body.fast.response) tally.fast.response++;
    addTo(tally.kinds, body.kind, one);
    addTo(tally.mutations, body.mutation ?? "valid payload", one);
    addTo(tally.forms, body.form, one);
    for (const shape of body.shapes) addTo(tally.shapes, shape, one);
    const wrong = disagreements(body);
    tally.disagreements += wrong.length;
    tally.examples.push(...wrong.slice(0, EXAMPLES - tally.examples.length));
  }
  return tally;
}

/** Adds `from` into `into`. */
export function mergeTally(into: Tally, from: Tally): void {
  into.suites += from.suites;
  add(into.all, from.all);
  into.fast.request += from.fast.request;
  into.fast.response += from.fast.response;
  for (const group of ["kinds", "mutations", "forms", "shapes"] as const)
    for (const [key, count] of Object.entries(from[group])) addTo(into[group], key, count);
  into.disagreements += from.disagreements;
  into.examples.push(...from.examples.slice(0, EXAMPLES - into.examples.length));
}

const n = (value: number): string => value.toLocaleString("en");
const share = (part: number, of: number): string =>
  `${((100 * part) / Math.max(of, 1)).toFixed(1)}%`;

const SHAPE_NAMES: Record<string, string> = {
  map: "maps",
  "object-union": "unions of several object branches",
};

/** The mix, one line per sort: cases, valid, certain. */
export function describeMix(tally: Tally): string {
  const { all, fast } = tally;
  const lines = [
    `  mix: ${n(all.valid)} valid (${share(all.valid, all.cases)}), ` +
      `${n(all.cases - all.valid)} invalid; fast path (answered without decoding): ` +
      `${n(fast.request)} requests (${share(fast.request, all.cases)}), ${n(fast.response)} responses; ` +
      `fell back to decode-and-validate: ${n(all.cases - fast.request)} requests, ` +
      `${n(all.cases - fast.response)} responses\n`,
  ];
  const group = (
    title: string,
    counts: Record<string, Count>,
    names: Record<string, string> = {},
  ) =>
    lines.push(
      `  by ${title}: ` +
        Object.entries(counts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(
            ([key, c]) =>
              `${names[key] ?? key} ${n(c.cases)} (${n(c.valid)} valid, ${n(c.certain)} certain)`,
          )
          .join("; ") +
        "\n",
    );
  group("body text", tally.kinds);
  group("payload", tally.mutations);
  group("scanner form the chunks take", tally.forms);
  group("schemas with", tally.shapes, SHAPE_NAMES);
  return lines.join("");
}
