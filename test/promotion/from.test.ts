import { applyPromotion, loadPromotionState, planPromotionFrom } from "../../src/promotion";
import { SmallRepo, SUBJECT, type Field } from "./fixture";

const OTHER = "shop.Other";
const a: Field = { name: "a", type: "string" };
const bDefault: Field = { name: "b", type: "string", default: "x" };
const b: Field = { name: "b", type: "string" };

describe("avro-kong promote --from ENV --env ENV", () => {
  let repo: SmallRepo;
  beforeEach(async () => {
    repo = new SmallRepo();
    repo.addVersion(a); // v1 {a}
    repo.addVersion(a, bDefault); // v2 {a, b = "x"}
    repo.write(
      `schemas/${OTHER}/v1.avsc`,
      JSON.stringify({ type: "record", name: OTHER, fields: [a] }),
    );
    await repo.promoteAll([1, "dev"], [1, "staging"], [2, "dev"]);
    const other = await repo.promote(OTHER, "1", "--env", "dev");
    expect(other.code).toBe(0);
  });
  afterEach(() => repo.dispose());

  it("promotes everything the environment before runs, as one change", async () => {
    expect(await repo.promote("--from", "dev", "--env", "staging")).toEqual({
      code: 0,
      out: [
        "staging: shop.Other first pinned at v1 (fingerprint f48b999067457eb6)",
        "staging: shop.Thing v1 → v2 (fingerprint 4a7a751abf00cee2 → 7a0126dc1982b951)",
        "Wrote stacks/pins/staging.json.",
      ].join("\n"),
      err: "",
    });
    expect(repo.pins("staging").subjects).toEqual(repo.pins("dev").subjects);
  });

  it("interrupted between writing and renaming, leaves the old pins file whole", () => {
    const before = repo.snapshot();
    const plan = planPromotionFrom(loadPromotionState(repo.root), "dev", "staging");
    expect(plan.changes.map((c) => c.subject)).toEqual([OTHER, SUBJECT]);
    expect(() =>
      applyPromotion(repo.root, plan, (step) => {
        if (step === "synced") throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(repo.snapshot()).toEqual(before);
    expect(applyPromotion(repo.root, plan)).toBe(true);
    expect(repo.read("stacks/pins/staging.json")).toBe(plan.text);
  });

  it("takes a rollback along", async () => {
    await repo.promoteAll([2, "staging"], [1, "dev"]);
    const run = await repo.promote("--from", "dev", "--env", "staging");
    expect(run.out).toContain(
      "staging: shop.Thing v2 → v1 (fingerprint 7a0126dc1982b951 → 4a7a751abf00cee2, a rollback)",
    );
  });

  it("writes nothing when any promotion is refused, and reports every refusal", async () => {
    // dev took v3 in steps it could read; staging, still at v1, cannot jump to it.
    repo.addVersion(b); // v3 {b}: reads v2's data, not v1's
    await repo.promoteAll([3, "dev"]);
    repo.write(
      `schemas/${OTHER}/v1.avsc`,
      JSON.stringify({ type: "record", name: OTHER, fields: [a], doc: "Edited after pinning." }),
    );
    const before = repo.snapshot();
    const run = await repo.promote("--from", "dev", "--env", "staging");
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    expect(run.err.split("\n")).toEqual([
      expect.stringMatching(
        /^Cannot promote shop\.Other v1 to staging: schemas\/shop\.Other\/v1\.avsc was edited after it was pinned in stacks\/pins\/dev\.json \(its sha256 is [0-9a-f]{64}, the pin says [0-9a-f]{64}\); add a new version instead\.$/,
      ),
      "Cannot promote shop.Thing v3 to staging: under BACKWARD, v3 must read data written with v1, which staging runs now, and cannot.",
      "  READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0 of v3: b",
    ]);
    expect(repo.snapshot()).toEqual(before);
  });

  it("says so when there is nothing to promote", async () => {
    await repo.promote("--from", "dev", "--env", "staging");
    const before = repo.snapshot();
    expect(await repo.promote("--from", "dev", "--env", "staging")).toEqual({
      code: 0,
      out: "staging runs every version dev runs already; stacks/pins/staging.json is unchanged.",
      err: "",
    });
    expect(repo.snapshot()).toEqual(before);
  });

  it.each([
    [
      ["--from", "dev", "--env", "prod"],
      "Cannot promote from dev to prod: that skips staging; promote --from staging --env prod.",
    ],
    [
      ["--from", "prod", "--env", "staging"],
      "Cannot promote from prod to staging: prod does not come before staging in stacks/promotion.json (dev, staging, prod).",
    ],
    [
      ["--from", "dev", "--env", "dev"],
      "Cannot promote from dev to dev: dev does not come before dev in stacks/promotion.json (dev, staging, prod).",
    ],
    [
      ["--from", "qa", "--env", "staging"],
      'Unknown environment "qa"; stacks/promotion.json lists dev, staging, prod.',
    ],
    [
      ["--from", "dev", "--env", "qa"],
      'Unknown environment "qa"; stacks/promotion.json lists dev, staging, prod.',
    ],
  ])("refuses %j: one sentence, exit 1, nothing written", async (args, err) => {
    const before = repo.snapshot();
    expect(await repo.promote(...args)).toEqual({ code: 1, out: "", err });
    expect(repo.snapshot()).toEqual(before);
  });
});
