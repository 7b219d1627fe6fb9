import { spawnSync } from "child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");
/** What the app needs: its configuration, the schemas and pins, and the build's inputs. */
const BUILD_INPUTS: string[] = JSON.parse(
  readFileSync(join(ROOT, "tsconfig.build.json"), "utf8"),
).include;
const COPIED = [
  "cdktf.json",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "scripts",
  "schemas",
  ...BUILD_INPUTS,
];

/**
 * The real `npx cdktf synth` (slow: one run) on a copy of the project whose orders service lost
 * its rate limit, over a cdktf.out left by an earlier run.
 */
describe("npx cdktf synth with an enforced guardrail broken", () => {
  let project: string;
  let result: { code: number | null; output: string };
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "avro-kong-cli-synth-"));
    for (const entry of COPIED)
      cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
    const shop = join(project, "stacks", "shop.ts");
    const text = readFileSync(shop, "utf8");
    const limit = "    rateLimit: { perMinute: 1200 },\n";
    expect(text).toContain(limit);
    writeFileSync(shop, text.replace(limit, ""));
    for (const stack of ["dev", "staging", "prod", "prod-orders"]) {
      mkdirSync(join(project, "cdktf.out", "stacks", stack), { recursive: true });
      writeFileSync(join(project, "cdktf.out", "stacks", stack, "cdk.tf.json"), "{}");
    }
    writeFileSync(join(project, "cdktf.out", "manifest.json"), "{}");
    const run = spawnSync("npx", ["cdktf", "synth"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" },
      timeout: 280_000,
    });
    result = { code: run.status, output: run.stdout + run.stderr };
  }, 300_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const sentence =
    'ERROR [prod-orders/kong/orders/get-order]: Route get-order breaks guardrail "rate-limit" in prod: no rate limit on the route or its service.';

  it("exits non-zero and prints the error once, as one sentence, with no stack trace", () => {
    expect(result.code).not.toBe(0);
    expect(result.output.split(sentence)).toHaveLength(2);
    expect(result.output).not.toMatch(/Annotations\.addError|\n\s+at |synthesizer\.js/);
  });

  it("leaves no Terraform configuration in cdktf.out, not even a stale one", () => {
    const left = readdirSync(join(project, "cdktf.out"), { recursive: true, encoding: "utf8" });
    expect(left.filter((f) => /\.tf(\.json)?$/.test(f))).toEqual([]);
    // The manifest the CLI read names the failed stack and its error, nothing to deploy.
    const manifest = JSON.parse(readFileSync(join(project, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["prod-orders"]);
  });
});
