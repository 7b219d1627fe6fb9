import {
  disagreements,
  scanSuites,
  type Disagreement,
} from "../test/validators/lua/harness/scanner-differential";

/**
 * `npm run bench -- scanner`: the scanner's differential check at scale. Suites of generated
 * schemas and bodies written many ways (test/validators/lua/harness/scanner-differential.ts)
 * until at least BENCH_SCANNER_CASES bodies (default: SCANNER_CASES_NAMED when the section is
 * named, SCANNER_CASES_ALL in a run of every section) have gone through every path in
 * LuaJIT: the request and response chunks with and without the scanner, and the bare scanner
 * against the TypeScript reference. Reports the cases, how many the scanner was certain of (on
 * schemas with maps and with unions of several object branches too) and the disagreements,
 * which must be 0. AVRO_KONG_SEED picks the seed (default: the suite's).
 */
/** `npm run bench -- scanner`: a million bodies, the scale (hours on a shared machine). */
export const SCANNER_CASES_NAMED = 1_000_000;
/** `npm run bench` with every section: a bounded share, a few minutes. */
export const SCANNER_CASES_ALL = 20_000;

export function scannerBench(write: (text: string) => void, defaultCases: number): number {
  const target = Number(process.env.BENCH_SCANNER_CASES ?? defaultCases);
  const seed = Number(process.env.AVRO_KONG_SEED ?? 20261205);
  // Small batches: one LuaJIT run each, well inside the harness's timeout on a loaded machine.
  const batch = 20;
  const started = Date.now();
  let cases = 0;
  let certain = 0;
  let suites = 0;
  let found = 0;
  const examples: Disagreement[] = [];
  const shapes = new Map<string, { valid: number; certain: number }>();
  let nextReport = 100_000;
  while (cases < target) {
    for (const body of scanSuites(seed, suites, batch)) {
      cases++;
      if (body.certain) certain++;
      for (const shape of body.shapes) {
        const count = shapes.get(shape) ?? { valid: 0, certain: 0 };
        if (body.valid) count.valid++;
        if (body.certain) count.certain++;
        shapes.set(shape, count);
      }
      const wrong = disagreements(body);
      found += wrong.length;
      if (examples.length < 5) examples.push(...wrong.slice(0, 5 - examples.length));
    }
    suites += batch;
    if (cases >= nextReport) {
      write(`  … ${cases.toLocaleString("en")} cases, ${found} disagreements\n`);
      nextReport += 100_000;
    }
  }
  const share = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;
  write(
    `Scanner differential (seed ${seed}, ${suites.toLocaleString("en")} generated schemas, ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s): ${cases.toLocaleString("en")} cases ` +
      `(bodies, each through the request and response chunks with and without the scanner, and ` +
      `the bare scanner against the reference); the scanner was certain of ` +
      `${certain.toLocaleString("en")} (${share(certain, cases)})\n`,
  );
  for (const [shape, count] of shapes)
    write(
      `  schemas with ${shape === "map" ? "maps" : "unions of several object branches"}: ` +
        `certain of ${count.certain.toLocaleString("en")} bodies, ` +
        `${share(count.certain, count.valid)} of the ${count.valid.toLocaleString("en")} valid ones\n`,
    );
  write(`Disagreements: ${found}\n`);
  for (const e of examples)
    write(`  ${e.what}: suite ${e.suite}, ${e.kind}: ${e.text.slice(0, 200)}\n`);
  return found === 0 ? 0 : 1;
}
