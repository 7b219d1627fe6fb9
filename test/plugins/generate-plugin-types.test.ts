import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { uncheckedKongRules } from "../../src/plugins";

const root = join(__dirname, "..", "..");
const committed = join(root, "src/plugins/gen/plugin-configs.ts");

function generateInto(dir: string): string {
  execFileSync(process.execPath, [join(root, "scripts/generate-plugin-types.js"), dir], {
    cwd: root,
    stdio: "pipe",
  });
  return readFileSync(join(dir, "plugin-configs.ts"), "utf8");
}

describe("scripts/generate-plugin-types.js", () => {
  let fresh: string;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "plugin-types-"));
    fresh = generateInto(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("produces exactly the committed src/plugins/gen/plugin-configs.ts (run `npm run gen:plugins`)", () => {
    expect(fresh === readFileSync(committed, "utf8")).toBe(true);
  });

  it("types a credential as a Secret only, and a field Kong takes a vault reference in as string or Secret", () => {
    expect(fresh).toContain('import type { Secret } from "../../common";');
    expect(fresh).toContain("readonly password?: Secret;");
    expect(fresh).toContain("readonly client_secret?: readonly Secret[];");
    expect(fresh).toContain("readonly http_endpoint: string | Secret;");
    expect(fresh).toContain("readonly username?: string | Secret;");
  });

  it("is deterministic", () => {
    const again = mkdtempSync(join(tmpdir(), "plugin-types-"));
    try {
      expect(generateInto(again) === fresh).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it("makes a field optional when Kong has a default or does not require it, and keeps Kong's names", () => {
    expect(fresh).toContain("export interface FileLogPluginConfig {");
    expect(fresh).toMatch(/readonly path: string;/);
    expect(fresh).toMatch(/@default 0\n\s+\*\/\n\s+readonly maximum_expiration\?: number;/);
    expect(fresh).toContain("readonly issuer: string;");
  });

  it("types one_of as literal unions, records as interfaces and maps as index signatures", () => {
    expect(fresh).toContain('readonly claims_to_verify?: readonly ("exp" | "nbf")[];');
    expect(fresh).toContain('readonly policy?: "local" | "cluster" | "redis";');
    expect(fresh).toContain("readonly concurrency_limit?: -1 | 1;");
    expect(fresh).toContain("readonly redis?: RateLimitingPluginRedisConfig;");
    expect(fresh).toContain(
      "readonly parameter_schema?: readonly RequestValidatorPluginParameterSchemaConfig[];",
    );
    expect(fresh).toContain("readonly headers?: { readonly [key: string]: string | Secret };");
  });

  it("documents ranges, defaults and deprecations", () => {
    expect(fresh).toContain("Between 0 and 31536000.");
    expect(fresh).toContain("Greater than 0.");
    expect(fresh).toContain(
      "@deprecated http-log: config.retry_count no longer works, please use config.queue.max_retry_time instead",
    );
  });

  it("maps every plugin name to its config interface", () => {
    expect(fresh).toContain('readonly "rate-limiting": RateLimitingPluginConfig;');
    expect(fresh).toContain('readonly "openid-connect": OpenidConnectPluginConfig;');
    expect(fresh).toContain("export type PluginName = keyof PluginConfigs;");
  });
});

interface Generator {
  readonly docsFile: string;
  readonly readmeFile: string;
  readonly readCatalogs: () => { catalog: unknown; unchecked: unknown };
  readonly uncheckedPlaces: (
    catalog: unknown,
    unchecked: unknown,
  ) => { plugin: string; path: string; rule: string; reason: string }[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require("../../scripts/generate-plugin-types.js") as Generator;

describe("the plugin reference's generated sections", () => {
  const docs = readFileSync(generator.docsFile, "utf8");

  it("are the ones the catalogue gives (run `npm run gen:plugins`)", () => {
    const rendered = execFileSync(
      process.execPath,
      [join(root, "scripts/generate-plugin-types.js"), "--print-docs"],
      { cwd: root, encoding: "utf8" },
    );
    expect(rendered === docs).toBe(true);
  });

  it("list all 47 plugins with their edition and the places Kong lets them attach to", () => {
    const table = docs.slice(
      docs.indexOf("<!-- plugin-table"),
      docs.indexOf("<!-- end of plugin-table"),
    );
    const rows = table.split("\n").filter((line) => /^\| `[a-z0-9-]+` +\|/.test(line));
    expect(rows).toHaveLength(47);
    const row = (name: string): string[] =>
      rows
        .find((r) => r.startsWith(`| \`${name}\` `))!
        .split("|")
        .slice(1, 4)
        .map((c) => c.trim());
    expect(row("openid-connect")).toEqual([
      "`openid-connect`",
      "Enterprise",
      "global, service, route",
    ]);
    expect(row("acme")).toEqual(["`acme`", "OSS", "global"]);
    expect(row("rate-limiting")).toEqual([
      "`rate-limiting`",
      "OSS",
      "global, service, route, consumer",
    ]);
  });

  it("list the rules left to Kong exactly where the checker leaves them", () => {
    const { catalog, unchecked } = generator.readCatalogs();
    expect(generator.uncheckedPlaces(catalog, unchecked)).toEqual(
      uncheckedKongRules().map(({ plugin, path, rule, reason }) => ({
        plugin,
        path,
        rule,
        reason,
      })),
    );
  });
});

describe("the README's generated plugin table", () => {
  const readme = readFileSync(generator.readmeFile, "utf8");
  const { catalog } = generator.readCatalogs() as {
    catalog: {
      plugins: Record<string, { edition: string; scopes: Record<string, boolean> }>;
    };
  };

  it("is the one the catalogue gives (run `npm run gen:plugins`)", () => {
    const rendered = execFileSync(
      process.execPath,
      [join(root, "scripts/generate-plugin-types.js"), "--print-docs", "README.md"],
      { cwd: root, encoding: "utf8" },
    );
    expect(rendered === readme).toBe(true);
  });

  it("lists all 47 plugins once, each with its scopes and edition", () => {
    const table = readme.slice(
      readme.indexOf("<!-- plugin-scopes"),
      readme.indexOf("<!-- end of plugin-scopes"),
    );
    const listed = new Map<string, string>();
    for (const line of table.split("\n").filter((l) => /^\| global/.test(l))) {
      const [scopes, edition, plugins] = line
        .split("|")
        .slice(1, 4)
        .map((c) => c.trim());
      for (const name of plugins.split(", ").map((p) => p.replace(/`/g, ""))) {
        expect(listed.has(name)).toBe(false);
        listed.set(name, `${scopes} | ${edition}`);
      }
    }
    expect([...listed.keys()].sort()).toEqual(Object.keys(catalog.plugins).sort());
    expect(listed.size).toBe(47);
    for (const [name, { edition, scopes }] of Object.entries(catalog.plugins)) {
      const attach = ["global", ...["service", "route", "consumer"].filter((s) => scopes[s])];
      expect(`${name}: ${listed.get(name)}`).toBe(
        `${name}: ${attach.join(" · ")} | ${edition === "oss" ? "OSS" : "Enterprise"}`,
      );
    }
    expect(listed.get("openid-connect")).toBe("global · service · route | Enterprise");
    expect(listed.get("acme")).toBe("global | OSS");
  });
});
