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
/** A copy of the project to synthesize, with the repository's node_modules. */
function copyProject(): string {
  const project = mkdtempSync(join(tmpdir(), "avro-kong-cli-synth-"));
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
  return project;
}

/** Runs the real `npx cdktf synth` in `project`. */
function cdktfSynth(project: string): { code: number | null; output: string } {
  const run = spawnSync("npx", ["cdktf", "synth"], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" },
    timeout: 280_000,
  });
  return { code: run.status, output: run.stdout + run.stderr };
}

/** Synthesized Terraform configurations left in the project's cdktf.out. */
function configurations(project: string): string[] {
  const left = readdirSync(join(project, "cdktf.out"), { recursive: true, encoding: "utf8" });
  return left.filter((f) => /\.tf(\.json)?$/.test(f)).sort();
}

describe("npx cdktf synth with an enforced guardrail broken", () => {
  let project: string;
  let result: { code: number | null; output: string };
  beforeAll(() => {
    project = copyProject();
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
    result = cdktfSynth(project);
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
    expect(configurations(project)).toEqual([]);
    // The manifest the CLI read names the failed stack and its error, nothing to deploy.
    const manifest = JSON.parse(readFileSync(join(project, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["prod-orders"]);
  });
});

/**
 * The real `npx cdktf synth` on a copy of the project whose dev pins file is broken, over a
 * cdktf.out left by an earlier run: dev fails alone, staging and prod are written.
 */
describe("npx cdktf synth with one environment's pins file broken", () => {
  let project: string;
  let result: { code: number | null; output: string };
  const sentence =
    "stacks/pins/dev.json line 1, column 2: malformed JSON: unexpected end of the text; expected a property name in double quotes.";
  beforeAll(() => {
    project = copyProject();
    cpSync(join(ROOT, "stacks"), join(project, "stacks"), { recursive: true });
    writeFileSync(join(project, "stacks", "pins", "dev.json"), "{");
    for (const stack of ["dev", "dev-orders"]) {
      mkdirSync(join(project, "cdktf.out", "stacks", stack), { recursive: true });
      writeFileSync(join(project, "cdktf.out", "stacks", stack, "cdk.tf.json"), "{}");
    }
    result = cdktfSynth(project);
  }, 300_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("exits non-zero, naming the broken file once and no other environment", () => {
    expect(result.code).not.toBe(0);
    expect(result.output.split(sentence)).toHaveLength(2);
    expect(result.output).not.toMatch(/staging|prod|\n\s+at /);
  });

  it("writes every stack of the other environments, and none of dev's, not even a stale one", () => {
    const teams = (env: string) =>
      [env, `${env}-catalog`, `${env}-customers`, `${env}-orders`].map(
        (stack) => `stacks/${stack}/cdk.tf.json`,
      );
    expect(configurations(project)).toEqual([...teams("prod"), ...teams("staging")].sort());
  });
});
