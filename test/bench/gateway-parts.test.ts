import { measureParts, PARTS, profilingChunk } from "../../bench/gateway-parts";

/**
 * The gateway bench's profile of the access chunk (`npm run bench -- gateway-parts`): a tiny run
 * in the test bed times every part on each order body of the bench, and the chunk it times is the
 * validator with its fast path.
 */
describe("the access chunk's profile in the gateway", () => {
  it("times the order's request chunk, fast path included", () => {
    const chunk = profilingChunk(10);
    expect(chunk).toContain("local function scan_body(s)");
    expect(chunk).toContain("local whole = function()");
  });

  it("gives every part a time on the 1 KB and 10 KB order bodies", async () => {
    const rows = await measureParts(20);
    expect(rows.map((r) => r.label)).toEqual(["1 KB", "10 KB"]);
    for (const row of rows)
      for (const part of PARTS) {
        expect([part, Number.isFinite(row.us[part])]).toEqual([part, true]);
        expect(row.us[part]).toBeGreaterThanOrEqual(0);
      }
    // The whole chunk reads and scans the body: it cannot take less than the scan alone, by much.
    for (const row of rows) expect(row.us.whole).toBeGreaterThan(row.us.scan / 2);
  }, 60_000);
});
