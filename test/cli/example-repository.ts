import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { runAvroKong, type CliRun } from "../support/cli";
import { commitAll, gitIn } from "../support/git";

const ROOT = join(__dirname, "..", "..");

/** `avro-kong` for the copied example: the package's entry points, served from the sources. */
function linkPackage(modules: string): void {
  const pkg = join(modules, "avro-kong");
  mkdirSync(pkg, { recursive: true });
  const entries = { ".": "constructs", "./registry": "registry", "./contracts": "contracts" };
  writeFileSync(
    join(pkg, "package.json"),
    JSON.stringify({
      name: "avro-kong",
      exports: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, `./${v}.js`])),
    }),
  );
  for (const folder of Object.values(entries))
    writeFileSync(
      join(pkg, `${folder}.js`),
      `module.exports = require(${JSON.stringify(join(ROOT, "src", folder, "index.ts"))});\n`,
    );
  for (const dependency of ["cdktf", "constructs"])
    symlinkSync(join(ROOT, "node_modules", dependency), join(modules, dependency), "dir");
}

/**
 * The project's own example (`stacks/`, `schemas/`) in a real git repository of its own, on
 * `main`, synthesized by its real app (`stacks/main.ts`, the TypeScript compiled on load) on
 * the package's sources. `node_modules` is git-ignored, so that a review's base worktree
 * borrows it as a user's would. Branches are made with `branch`, edits with `edit`.
 */
export class ExampleRepository {
  readonly root: string;
  /** The review's temporary directory (TMPDIR), to prove it is left empty. */
  readonly tmp: string;
  private readonly scratch: string;

  constructor() {
    this.scratch = mkdtempSync(join(tmpdir(), "avro-kong-example-repo-"));
    this.root = join(this.scratch, "repo");
    this.tmp = join(this.scratch, "tmp");
    mkdirSync(this.tmp);
    for (const folder of ["stacks", "schemas"])
      cpSync(join(ROOT, folder), join(this.root, folder), { recursive: true });
    const register = join(ROOT, "test", "support", "register-ts.js");
    this.write(
      "cdktf.json",
      JSON.stringify({ language: "typescript", app: `node -r ${register} stacks/main.ts` }),
    );
    this.write(".gitignore", "node_modules/\ncdktf.out/\n");
    linkPackage(join(this.root, "node_modules"));
    this.git("init", "--quiet", "-b", "main");
    this.commit("the example");
  }

  read(file: string): string {
    return readFileSync(join(this.root, file), "utf8");
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), text);
  }

  /** Replaces `from` (which must occur once) by `to` in `file`. */
  edit(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (text.split(from).length !== 2) throw new Error(`${file} does not hold ${from} once`);
    this.write(file, text.replace(from, to));
  }

  git(...args: string[]): string {
    return gitIn(this.root, ...args);
  }

  commit(message: string): void {
    commitAll(this.root, message);
  }

  /** A new branch from main holding `change`, committed: the working tree is that branch. */
  branch(name: string, change: () => void): void {
    this.git("checkout", "--quiet", "main");
    this.git("checkout", "--quiet", "-b", name);
    change();
    this.commit(name);
  }

  /** `avro-kong review …` in the repository, on its current branch. */
  async review(...argv: string[]): Promise<CliRun> {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = this.tmp;
    try {
      return await runAvroKong(this.root, ["review", ...argv]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }

  dispose(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
