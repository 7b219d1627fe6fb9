import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatSeconds, median, runNode, table } from "./measure";

/**
 * The schema-check rows of `npm run bench` (issue #11): `avro-kong schema check` of a generated
 * repository of 500 and 2,000 versions (10 per subject, each adding an optional field; half the
 * subjects BACKWARD, half FULL_TRANSITIVE), against a baseline measured in the same run: a
 * process that reads the same files and parses each with avsc. Linear cost shows as a constant
 * ratio, and as 2,000 versions taking about 4 × 500's time.
 */

const VERSIONS_PER_SUBJECT = 10;
const RUNS = Number(process.env.BENCH_SCHEMA_RUNS ?? 5);

function version(subject: number, v: number): unknown {
  const fields: unknown[] = [
    { name: "id", type: "string" },
    { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 12, scale: 2 } },
    {
      name: "status",
      type: { type: "enum", name: "Status", symbols: ["NEW", "DONE"], default: "NEW" },
    },
  ];
  for (let k = 2; k <= v; k++)
    fields.push({ name: `f${k}`, type: ["null", "long"], default: null });
  return { type: "record", name: `Subject${subject}`, namespace: "bench.registry", fields };
}

/** A repository with `versions` versions under a new temporary directory. */
function generateRepository(versions: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-bench-registry-"));
  for (let s = 0; s < versions / VERSIONS_PER_SUBJECT; s++) {
    const dir = path.join(root, "schemas", `bench.registry.Subject${s}`);
    fs.mkdirSync(dir, { recursive: true });
    if (s % 2 === 1)
      fs.writeFileSync(path.join(dir, "subject.json"), '{"compatibility": "FULL_TRANSITIVE"}\n');
    for (let v = 1; v <= VERSIONS_PER_SUBJECT; v++)
      fs.writeFileSync(path.join(dir, `v${v}.avsc`), JSON.stringify(version(s, v), null, 2));
  }
  return root;
}

/** Prints the schema-check table. */
export function schemaCheckBench(out: (text: string) => void): void {
  const cli = path.join(__dirname, "..", "..", "bin", "avro-kong.js");
  const baseline = path.join(__dirname, "schema-parse-child.js");
  const rows = [
    ["versions", "schema check (median)", "avsc parse (median)", "ratio", "× 500's time"],
  ];
  let first: number | undefined;
  for (const versions of [500, 2000]) {
    const root = generateRepository(versions);
    try {
      const check: number[] = [];
      const parse: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = runNode(cli, ["schema", "check", root]);
        if (!run.stdout.includes(`${versions} versions`))
          throw new Error(`schema check did not see ${versions} versions: ${run.stdout}`);
        check.push(run.seconds);
        parse.push(runNode(baseline, [root]).seconds);
      }
      const ours = median(check);
      first ??= ours;
      rows.push([
        versions.toLocaleString("en-US"),
        formatSeconds(ours),
        formatSeconds(median(parse)),
        (ours / median(parse)).toFixed(2),
        (ours / first).toFixed(2),
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  out(
    `Schema check: ${VERSIONS_PER_SUBJECT} versions per subject, ${RUNS} interleaved runs each, ` +
      `fresh processes.\n\n${table(rows)}\n\n`,
  );
}
