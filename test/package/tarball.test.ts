import { spawnSync, type SpawnSyncReturns } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/**
 * The package as a user gets it, end to end: the tarball `npm pack` makes (its `prepare` builds
 * it), installed into an empty folder, then `avro-kong init`, `npm install`, `cdktf synth`,
 * `schema check`, `promote` and `review` on a two-commit history, all through the installed
 * package's own bin. npm installs from its cache where it can; the registry is asked only for
 * what the cache lacks.
 */

const ROOT = join(__dirname, "..", "..");
const SUBJECT = "example.orders.OrderPlaced";
const env = { ...process.env, CHECKPOINT_DISABLE: "1", npm_config_update_notifier: "false" };
const quiet = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

const options = (cwd: string) => ({ cwd, env, encoding: "utf8" as const, timeout: 300_000 });

function ran(result: SpawnSyncReturns<string>): Run {
  if (result.error) throw result.error;
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function ok(what: string, result: Run): string {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${result.err}`);
  return result.out;
}

const npm = (cwd: string, ...args: string[]) =>
  ok(`npm ${args[0]}`, ran(spawnSync("npm", args, options(cwd))));
const npx = (cwd: string, ...args: string[]) =>
  ok(`npx ${args[0]}`, ran(spawnSync("npx", args, options(cwd))));

describe("the packed package, installed in an empty folder", () => {
  let base: string;
  let project: string;
  let tarball: string;
  /** The installed package's own bin, as `npx avro-kong` runs it. */
  const avroKong = (args: readonly string[], cwd = project) =>
    ran(
      spawnSync(
        process.execPath,
        [join(project, "node_modules", ".bin", "avro-kong"), ...args],
        options(cwd),
      ),
    );
  const git = (...args: string[]) =>
    ok(
      `git ${args[0]}`,
      ran(
        spawnSync(
          "git",
          ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args],
          options(project),
        ),
      ),
    );

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), "avro-kong-tarball-"));
    const name = npm(ROOT, "pack", "--pack-destination", base, "--loglevel=error");
    tarball = join(base, name.trim().split("\n").at(-1) ?? "");
    project = join(base, "gateway");
    mkdirSync(project);
    npm(project, "init", "-y");
    npm(project, "install", ...quiet, tarball);
  }, 600_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("writes a project with init, keeping the tarball as the dependency", () => {
    const init = avroKong(["init"]);
    expect(init).toMatchObject({ code: 0, err: "" });
    expect(init.out).toContain("Wrote stacks/main.ts.");
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    expect(manifest.dependencies["avro-kong"]).toMatch(/^file:.*avro-kong-\d+\.\d+\.\d+\.tgz$/);
    expect(avroKong(["init"])).toMatchObject({ code: 2, err: expect.stringMatching(/overwrite/) });
  });

  it("installs and synthesizes dev, staging and prod with the package's cdktf", () => {
    npm(project, "install", ...quiet);
    npx(project, "cdktf", "synth");
    expect(readdirSync(join(project, "cdktf.out", "stacks")).sort()).toEqual([
      "dev",
      "dev-orders",
      "prod",
      "prod-orders",
      "staging",
      "staging-orders",
    ]);
    const stack = readFileSync(join(project, "cdktf.out", "stacks", "dev-orders", "cdk.tf.json"));
    expect(JSON.parse(stack.toString()).resource.kong_route).toBeDefined();
  }, 600_000);

  it("checks, promotes from a folder inside the project, and reviews a two-commit history", () => {
    expect(avroKong(["schema", "check"])).toMatchObject({ code: 0, out: /No problems/ });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "A new project");
    const v1 = JSON.parse(readFileSync(join(project, "schemas", SUBJECT, "v1.avsc"), "utf8"));
    v1.fields.push({ name: "giftWrap", type: "boolean", default: false });
    writeFileSync(join(project, "schemas", SUBJECT, "v2.avsc"), JSON.stringify(v1, null, 2));
    const promote = avroKong(["promote", SUBJECT, "2", "--env", "dev"], join(project, "stacks"));
    expect(promote).toMatchObject({ code: 0, out: /Wrote stacks\/pins\/dev\.json\./ });
    git("add", "-A");
    git("commit", "-qm", "v2 in dev");
    const review = avroKong(["review", "--base", "HEAD~1", "--format", "json"]);
    expect(review).toMatchObject({ code: 0 });
    const { contractChanges } = JSON.parse(review.out);
    expect(contractChanges).toEqual([
      expect.objectContaining({
        subject: SUBJECT,
        environment: "dev",
        from: expect.objectContaining({ version: 1 }),
        to: expect.objectContaining({ version: 2 }),
        compatible: true,
      }),
    ]);
  }, 600_000);
});
