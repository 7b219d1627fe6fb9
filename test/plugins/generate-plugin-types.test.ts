import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

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
