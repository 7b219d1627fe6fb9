import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { packageVersion } from "../../src/cli/version";

describe("avro-kong's own version", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-version-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is read from the nearest package.json of avro-kong above the module", () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("passes over a package.json that is too large, a device or not JSON, reading each bounded", () => {
    writeFileSync(join(dir, "package.json"), '{"name": "avro-kong", "version": "9.8.7"}');
    const inner = join(dir, "a", "b", "c");
    mkdirSync(inner, { recursive: true });
    writeFileSync(join(dir, "a", "b", "c", "package.json"), "");
    truncateSync(join(dir, "a", "b", "c", "package.json"), 65 * 1024 * 1024);
    symlinkSync("/dev/null", join(dir, "a", "b", "package.json"));
    writeFileSync(join(dir, "a", "package.json"), "not json");
    expect(packageVersion(inner)).toBe("9.8.7");
  });
});
