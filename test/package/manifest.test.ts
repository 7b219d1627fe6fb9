import { execFileSync } from "child_process";
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";

/**
 * What the package ships and promises: its entry points, its dependencies, its files. The
 * tarball test (test/package/tarball.test.ts) installs the real artifact; this one checks the
 * manifest against the sources, fast.
 */

const ROOT = join(__dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  private?: boolean;
  version: string;
  license: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("the package", () => {
  it("is published, under semantic versioning from 0.x, with its licence", () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.version).toMatch(/^0\.\d+\.\d+$/);
    expect(manifest.license).toBe("Apache-2.0");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toContain("Apache License");
    expect(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8")).toMatch(/^## 0\.1\.0$/m);
  });

  it("takes cdktf and constructs from the project that uses it, and only a YAML reader of its own", () => {
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
    // decK files are YAML; the reader has no dependencies of its own and only the import loads it.
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(["yaml"]);
    const importsYaml = sourcesUnder(join(ROOT, "src")).filter((file) =>
      /from "yaml"|require\("yaml"\)/.test(readFileSync(file, "utf8")),
    );
    expect(importsYaml.map((file) => file.slice(ROOT.length + 1))).toEqual(["src/import/deck.ts"]);
    const importsAvsc = sourcesUnder(join(ROOT, "src")).filter((file) =>
      /from "avsc"|require\("avsc"\)/.test(readFileSync(file, "utf8")),
    );
    expect(importsAvsc).toEqual([]);
  });

  it("resolves its own name as its users do, in the type checker and in jest", () => {
    const tsconfig = readFileSync(join(ROOT, "tsconfig.json"), "utf8");
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === "string") continue;
      const name = subpath === "." ? "avro-kong" : `avro-kong${subpath.slice(1)}`;
      const source = target.types.replace(/^\.\/dist\//, "./").replace(/\.d\.ts$/, ".ts");
      expect(target.default).toBe(target.types.replace(/\.d\.ts$/, ".js"));
      expect(tsconfig).toContain(`"${name}": ["${source}"]`);
      expect(require.resolve(name)).toBe(join(ROOT, source));
    }
  });

  it("ships the compiled library, its declarations and the command, not tests, benches or the example", () => {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    ) as [{ files: { path: string }[] }];
    const files = packed[0].files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        manifest.bin["avro-kong"],
        "dist/src/constructs/index.js",
        "dist/src/constructs/index.d.ts",
        "dist/src/cli/index.js",
        "dist/src/catalog/schema/kong-plugins-3.9.json",
      ]),
    );
    const unwanted = files.filter((f) =>
      /^(test|bench|stacks|schemas|scripts|src|api-report)\/|^dist\/(test|bench|stacks)\/|\.map$/.test(
        f,
      ),
    );
    expect(unwanted).toEqual([]);
  });
});
