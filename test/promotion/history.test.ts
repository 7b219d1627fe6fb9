import { SmallRepo, SUBJECT, type Field } from "./fixture";

const a: Field = { name: "a", type: "string" };
const bDefault: Field = { name: "b", type: "string", default: "x" };
const b: Field = { name: "b", type: "string" };

describe("compatibility with what the environment ran, under the subject's level", () => {
  let repo: SmallRepo | undefined;
  afterEach(() => repo?.dispose());

  /** v1 {a}, v2 {a, b = "x"}, v3 {a, b}: v3 reads v2's data, not v1's (no b there). */
  const threeVersions = (level: string): SmallRepo => {
    repo = new SmallRepo({ level });
    repo.addVersion(a);
    repo.addVersion(a, bDefault);
    repo.addVersion(a, b);
    return repo;
  };

  it("BACKWARD_TRANSITIVE: refuses a version that cannot read what an earlier version wrote there", async () => {
    const r = threeVersions("BACKWARD_TRANSITIVE");
    await r.promoteAll([1, "dev"], [2, "dev"]);
    const before = r.snapshot();
    expect(await r.promote(SUBJECT, "3", "--env", "dev")).toEqual({
      code: 1,
      out: "",
      err: [
        "Cannot promote shop.Thing v3 to dev: under BACKWARD_TRANSITIVE, v3 must read data written with v1, which dev ran before, and cannot.",
        "  READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1 of v3: b",
      ].join("\n"),
    });
    expect(r.snapshot()).toEqual(before);
  });

  it("BACKWARD_TRANSITIVE: only the versions this environment ran count", async () => {
    const r = threeVersions("BACKWARD_TRANSITIVE");
    await r.promoteAll([2, "dev"]); // dev never ran v1
    expect((await r.promote(SUBJECT, "3", "--env", "dev")).code).toBe(0);
    expect(r.pins("dev").subjects[SUBJECT].history.map((h) => h.version)).toEqual([2]);
  });

  it("BACKWARD: only the version the environment runs now counts", async () => {
    const r = threeVersions("BACKWARD");
    await r.promoteAll([1, "dev"], [2, "dev"]);
    const run = await r.promote(SUBJECT, "3", "--env", "dev");
    expect(run).toEqual({
      code: 0,
      out: "dev: shop.Thing v2 → v3 (fingerprint 7a0126dc1982b951 → 7a0126dc1982b951)\nWrote stacks/pins/dev.json.",
      err: "",
    });
    expect(r.pins("dev").subjects[SUBJECT].history.map((h) => h.version)).toEqual([1, 2]);
  });

  it("FORWARD: the version running now must read what the new one writes", async () => {
    repo = new SmallRepo({ level: "FORWARD" });
    repo.addVersion(a, bDefault);
    repo.addVersion(bDefault); // drops a, which v1 needs
    await repo.promoteAll([1, "dev"]);
    expect(await repo.promote(SUBJECT, "2", "--env", "dev")).toEqual({
      code: 1,
      out: "",
      err: [
        "Cannot promote shop.Thing v2 to dev: under FORWARD, v1, which dev runs now, must read data written with v2, and cannot.",
        "  READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0 of v1: a",
      ].join("\n"),
    });
  });

  it("NONE: anything goes", async () => {
    repo = new SmallRepo({ level: "NONE" });
    repo.addVersion(a);
    repo.addVersion({ name: "a", type: "int" });
    await repo.promoteAll([1, "dev"], [2, "dev"], [1, "dev"]);
    expect(repo.pins("dev").subjects[SUBJECT].history.map((h) => h.version)).toEqual([1, 2]);
  });

  it("follows the order of stacks/promotion.json", async () => {
    repo = new SmallRepo({ order: ["qa", "live"] });
    repo.addVersion(a);
    expect((await repo.promote(SUBJECT, "1", "--env", "live")).err).toBe(
      "Cannot promote shop.Thing v1 to live: qa comes before live and does not run it; promote it to qa first.",
    );
    await repo.promoteAll([1, "qa"], [1, "live"]);
    expect((await repo.promote(SUBJECT, "1", "--env", "dev")).err).toBe(
      'Unknown environment "dev"; stacks/promotion.json lists qa, live.',
    );
  });
});
