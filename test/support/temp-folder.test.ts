import { tmpdir } from "os";
import { sep } from "path";
import { Testing } from "cdktf";

describe("the test run's temp folder", () => {
  it("is the system temp folder for the tests, so what they leave goes when the run ends", () => {
    const root = process.env.AVRO_KONG_TEST_TMPDIR;
    expect(root).toMatch(/avro-kong-test-run-[^/]+$/);
    expect(tmpdir()).toBe(root);
    // cdktf's Testing helpers make a folder per app and never remove it.
    expect(Testing.app().outdir.startsWith(`${root}${sep}cdktf.outdir.`)).toBe(true);
  });
});
