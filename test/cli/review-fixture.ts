import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { formatPins, getVersion, loadRegistry, pinOf } from "../../src/registry";
import { compileLuaValidator } from "../../src/validators";
import { orderV1, orderV2, orderV3 } from "../review/fixture";
import { commitAll, gitIn } from "../support/git";

/**
 * A small cdktf-shaped project in a real git repository: its app (`node app.js`, run as
 * `cdktf synth` would, with CDKTF_OUTDIR) writes one stack per environment from `kong.json`,
 * so that a review runs in well under a second per revision. `kong.json` may say
 * `"fail": "…"` (the app exits 1 saying it), `"failed": {"<env>": "…"}` (that environment failed
 * alone, the others synthesized, as `runApp` reports it under the cdktf CLI) or `"hang": true`
 * (it touches $STARTED_FILE and waits to be interrupted).
 */
const APP = `
const fs = require("fs");
const path = require("path");
const spec = JSON.parse(fs.readFileSync("kong.json", "utf8"));
const out = process.env.CDKTF_OUTDIR;
if (spec.fail) { process.stderr.write(spec.fail + "\\n"); process.exit(1); }
if (spec.hang) { fs.writeFileSync(process.env.STARTED_FILE, ""); setInterval(() => {}, 1000); return; }
const stacks = {};
// An environment that failed alone, written as avro-kong's runApp writes it for the cdktf CLI.
for (const [env, message] of Object.entries(spec.failed || {})) {
  fs.mkdirSync(path.join(out, "stacks", env), { recursive: true });
  fs.writeFileSync(path.join(out, "stacks", env, "errors.json"), "{}");
  stacks[env] = { name: env, synthesizedStackPath: "stacks/" + env + "/not-synthesized",
    stackMetadataPath: "stacks/" + env + "/errors.json",
    annotations: [{ constructPath: env, level: "@cdktf/error", message }] };
}
for (const [env, resource] of Object.entries(spec.environments)) {
  fs.mkdirSync(path.join(out, "stacks", env), { recursive: true });
  const config = { "//": { metadata: { avroKong: { environment: env, team: null, stacks: [env] } } }, resource };
  fs.writeFileSync(path.join(out, "stacks", env, "cdk.tf.json"), JSON.stringify(config));
  stacks[env] = { name: env, synthesizedStackPath: "stacks/" + env + "/cdk.tf.json",
    annotations: (spec.warnings || []).map((message) => ({ constructPath: env, level: "@cdktf/warn", message })) };
}
fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks, version: "0.21.0" }));
`;

export const SUBJECT = "shop.orders.OrderPlaced";

export function route(
  paths: string[],
  validates?: { version: number; fingerprint: string; chunk: string },
): Record<string, unknown> {
  return {
    kong_route: {
      create: {
        name: "create-order",
        paths,
        protocols: ["https"],
        tags: ["service:orders", "route:create-order"],
      },
    },
    ...(validates
      ? {
          kong_plugin: {
            validate: {
              name: "pre-function",
              route_id: "${kong_route.create.id}",
              config_json: JSON.stringify({
                access: [validates.chunk],
              }),
            },
          },
        }
      : {}),
  };
}

export class ReviewProject {
  readonly root: string;
  /** The temporary directory the review under test uses (TMPDIR), to prove it is left empty. */
  readonly tmp: string;
  private readonly scratch: string;

  constructor() {
    this.scratch = mkdtempSync(join(tmpdir(), "avro-kong-review-project-"));
    this.root = join(this.scratch, "repo");
    this.tmp = join(this.scratch, "tmp");
    mkdirSync(this.tmp);
    this.write("cdktf.json", JSON.stringify({ app: "node app.js" }));
    this.write("app.js", APP);
    this.write(".gitignore", "node_modules/\n");
    [orderV1, orderV2, orderV3].forEach((schema, i) =>
      this.write(`schemas/${SUBJECT}/v${i + 1}.avsc`, JSON.stringify(schema, null, 2)),
    );
    this.write(`schemas/${SUBJECT}/subject.json`, JSON.stringify({ compatibility: "BACKWARD" }));
    this.pin(1);
    this.kong({ dev: route(["/orders", "/v1/orders"], this.version(1)) });
    this.git("init", "--quiet", "-b", "main");
    this.commit("base");
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), text);
  }

  /** Version `n` of the subject, with the request chunk avro-kong compiles for it. */
  version(n: number): { version: number; fingerprint: string; chunk: string } {
    const { fingerprint, schema } = getVersion(loadRegistry(this.root), SUBJECT, n);
    const chunk = compileLuaValidator(schema, { subject: SUBJECT, version: n, fingerprint });
    return { version: n, fingerprint, chunk };
  }

  /** Pins dev to version `n` of the subject, as promoting 1, 2, … n in turn would write it. */
  pin(n: number): void {
    const registry = loadRegistry(this.root);
    const versions = [...Array(n).keys()].map((i) => pinOf(getVersion(registry, SUBJECT, i + 1)));
    const current = versions.pop()!;
    this.write(
      "stacks/pins/dev.json",
      formatPins("dev", { [SUBJECT]: { ...current, history: versions } }),
    );
  }

  kong(environments: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
    this.write("kong.json", JSON.stringify({ environments, ...extra }));
  }

  git(...args: string[]): string {
    return gitIn(this.root, ...args);
  }

  commit(message: string): void {
    commitAll(this.root, message);
  }

  /** The repository's worktrees (the main one only, when a review cleaned up after itself). */
  worktrees(): string[] {
    return this.git("worktree", "list", "--porcelain")
      .split("\n")
      .filter((l) => l.startsWith("worktree "));
  }

  leftInTmp(): string[] {
    return readdirSync(this.tmp);
  }

  dispose(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
