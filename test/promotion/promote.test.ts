import { SmallRepo, SUBJECT, type Field } from "./fixture";

const a = (type: unknown = "string"): Field => ({ name: "a", type });
const b = (withDefault: boolean): Field =>
  withDefault ? { name: "b", type: "string", default: "x" } : { name: "b", type: "string" };

describe("avro-kong promote SUBJECT VERSION --env ENV", () => {
  let repo: SmallRepo;
  beforeEach(() => {
    repo = new SmallRepo();
    repo.addVersion(a());
    repo.addVersion(a(), b(true));
  });
  afterEach(() => repo.dispose());

  it("pins a subject's first version in the first environment and prints what changed", async () => {
    expect(await repo.promote(SUBJECT, "1", "--env", "dev")).toEqual({
      code: 0,
      out: "dev: shop.Thing first pinned at v1 (fingerprint 4a7a751abf00cee2)\nWrote stacks/pins/dev.json.",
      err: "",
    });
    expect(repo.read("stacks/pins/dev.json")).toBe(`{
  "environment": "dev",
  "subjects": {
    "shop.Thing": {
      "version": 1,
      "fingerprint": "4a7a751abf00cee2",
      "sha256": "a76d8ce6109d7c5b9dc0788f092112f90771f937020bf7b8bc17a30006af2033",
      "history": []
    }
  }
}
`);
  });

  it("moves an environment to a compatible version and records the one it ran in its history", async () => {
    await repo.promoteAll([1, "dev"]);
    expect(await repo.promote(SUBJECT, "2", "--env", "dev")).toEqual({
      code: 0,
      out: "dev: shop.Thing v1 → v2 (fingerprint 4a7a751abf00cee2 → 7a0126dc1982b951)\nWrote stacks/pins/dev.json.",
      err: "",
    });
    expect(repo.pins("dev").subjects[SUBJECT]).toEqual({
      version: 2,
      fingerprint: "7a0126dc1982b951",
      sha256: "1554e9c7746a95bcc091f7740fa205215d18f0b80eb520adf244e947b8d56537",
      history: [
        {
          version: 1,
          fingerprint: "4a7a751abf00cee2",
          sha256: "a76d8ce6109d7c5b9dc0788f092112f90771f937020bf7b8bc17a30006af2033",
        },
      ],
    });
  });

  it("promotes to the next environment a version the one before it runs", async () => {
    await repo.promoteAll([1, "dev"], [1, "staging"], [2, "dev"]);
    const run = await repo.promote(SUBJECT, "2", "--env", "staging");
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      "staging: shop.Thing v1 → v2 (fingerprint 4a7a751abf00cee2 → 7a0126dc1982b951)\nWrote stacks/pins/staging.json.",
    );
  });

  it("says so and writes nothing when the environment runs that version already", async () => {
    await repo.promoteAll([1, "dev"]);
    const before = repo.snapshot();
    expect(await repo.promote(SUBJECT, "1", "--env", "dev")).toEqual({
      code: 0,
      out: "dev runs that version already; stacks/pins/dev.json is unchanged.",
      err: "",
    });
    expect(repo.snapshot()).toEqual(before);
  });

  it("rolls back: a promotion to an earlier version, checked the same way, kept in the history", async () => {
    await repo.promoteAll([1, "dev"], [2, "dev"]);
    expect(await repo.promote(SUBJECT, "1", "--env", "dev")).toEqual({
      code: 0,
      out: "dev: shop.Thing v2 → v1 (fingerprint 7a0126dc1982b951 → 4a7a751abf00cee2, a rollback)\nWrote stacks/pins/dev.json.",
      err: "",
    });
    const pin = repo.pins("dev").subjects[SUBJECT];
    expect([pin.version, pin.history.map((h) => h.version)]).toEqual([1, [1, 2]]);
  });

  it("refuses a rollback the data already written cannot take", async () => {
    // v3 lets a be null; v2 cannot read the nulls dev may have accepted since.
    repo.addVersion(a(["string", "null"]), b(true));
    await repo.promoteAll([1, "dev"], [2, "dev"], [3, "dev"]);
    const before = repo.snapshot();
    expect(await repo.promote(SUBJECT, "2", "--env", "dev")).toEqual({
      code: 1,
      out: "",
      err: [
        "Cannot promote shop.Thing v2 to dev: under BACKWARD, v2 must read data written with v3, which dev runs now, and cannot.",
        "  TYPE_MISMATCH at /fields/0/type/1 of v2: reader type: STRING not compatible with writer type: NULL",
      ].join("\n"),
    });
    expect(repo.snapshot()).toEqual(before);
  });

  describe("refuses, with one sentence, exit 1 and no file changed", () => {
    let before: Record<string, string>;
    beforeEach(async () => {
      repo.addVersion(a("int"), b(false), { name: "c", type: "int" });
      await repo.promoteAll([1, "dev"], [1, "staging"], [2, "dev"]);
      before = repo.snapshot();
    });
    afterEach(() => expect(repo.snapshot()).toEqual(before));

    it.each([
      [
        "an unknown subject",
        ["shop.Other", "1", "--env", "dev"],
        'No subject "shop.Other" in schemas/; known subjects: shop.Thing.',
      ],
      [
        "an unknown version",
        [SUBJECT, "9", "--env", "dev"],
        'Subject "shop.Thing" has no version 9; it has versions 1 to 3.',
      ],
      [
        "an unknown environment",
        [SUBJECT, "1", "--env", "qa"],
        'Unknown environment "qa"; stacks/promotion.json lists dev, staging, prod.',
      ],
      [
        "a promotion that skips an environment",
        [SUBJECT, "2", "--env", "prod"],
        "Cannot promote shop.Thing v2 to prod: staging comes before prod and runs v1 of it, not v2; promote it to staging first.",
      ],
      [
        "an incompatible version, with every error and its path",
        [SUBJECT, "3", "--env", "dev"],
        [
          "Cannot promote shop.Thing v3 to dev: under BACKWARD, v3 must read data written with v2, which dev runs now, and cannot.",
          "  TYPE_MISMATCH at /fields/0/type of v3: reader type: INT not compatible with writer type: STRING",
          "  READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2 of v3: c",
        ].join("\n"),
      ],
    ])("%s", async (_, args, err) => {
      expect(await repo.promote(...args)).toEqual({ code: 1, out: "", err });
    });

    it("a version the environment before runs at another version", async () => {
      await repo.promoteAll([1, "dev"]); // dev rolls back; staging must not take v2 now
      before = repo.snapshot();
      expect(await repo.promote(SUBJECT, "2", "--env", "staging")).toEqual({
        code: 1,
        out: "",
        err: "Cannot promote shop.Thing v2 to staging: dev comes before staging and runs v1 of it, not v2; promote it to dev first.",
      });
    });

    it("a version whose file was edited after it was pinned", async () => {
      repo.write(
        `schemas/${SUBJECT}/v2.avsc`,
        JSON.stringify({ type: "record", name: SUBJECT, fields: [a(), b(true)], doc: "Edited." }),
      );
      before = repo.snapshot();
      expect(await repo.promote(SUBJECT, "2", "--env", "staging")).toEqual({
        code: 1,
        out: "",
        err: "Cannot promote shop.Thing v2 to staging: schemas/shop.Thing/v2.avsc was edited after it was pinned in stacks/pins/dev.json (its sha256 is 3b400f4987435d97b63ea292db288ed8ca61456f271f1e95c64c683b4c93774f, the pin says 1554e9c7746a95bcc091f7740fa205215d18f0b80eb520adf244e947b8d56537); add a new version instead.",
      });
    });

    it("a version whose file does not load", async () => {
      repo.write(`schemas/${SUBJECT}/v4.avsc`, '{"type": "record", "name": "shop.Thing"}');
      expect(await repo.promote(SUBJECT, "4", "--env", "dev")).toEqual({
        code: 1,
        out: "",
        err: [
          "Cannot promote shop.Thing v4 to dev: schemas/shop.Thing/v4.avsc has problems; avro-kong schema check lists them.",
          '  schemas/shop.Thing/v4.avsc: missing "fields" of the record.',
        ].join("\n"),
      });
    });
  });

  it("refuses a first promotion the environment before has not made", async () => {
    const before = repo.snapshot();
    expect(await repo.promote(SUBJECT, "1", "--env", "staging")).toEqual({
      code: 1,
      out: "",
      err: "Cannot promote shop.Thing v1 to staging: dev comes before staging and does not run it; promote it to dev first.",
    });
    expect(repo.snapshot()).toEqual(before);
  });

  describe("usage mistakes: exit 2, one sentence, nothing written", () => {
    const usage =
      " (usage: avro-kong promote SUBJECT VERSION --env ENV | avro-kong promote --from ENV --env ENV [--subject SUBJECT] [--team TEAM]).";
    it.each([
      [[SUBJECT, "1"], "Missing --env ENV"],
      [[SUBJECT, "--env", "dev"], "Missing VERSION"],
      [[SUBJECT, "v1", "--env", "dev"], 'VERSION must be a version number such as 2, not "v1"'],
      [
        ["--from", "dev", "--env", "staging", SUBJECT],
        'promote --from takes no SUBJECT or VERSION, got "shop.Thing"',
      ],
      [
        [SUBJECT, "1", "--env", "dev", "--env", "prod"],
        "Option --env is given more than once; give it once",
      ],
      [
        [SUBJECT, "1", "--env", "dev", "--force"],
        "Unknown option --force; expected one of: --env, --from, --subject, --team, --help",
      ],
    ])("%j", async (args, err) => {
      const before = repo.snapshot();
      const run = await repo.promote(...args);
      expect(run).toEqual({ code: 2, out: "", err: err + usage });
      expect(repo.snapshot()).toEqual(before);
    });

    it("--help prints the usage, exit 0", async () => {
      const run = await repo.promote("--help");
      expect(run.code).toBe(0);
      expect(run.out).toMatch(
        /^Usage:\n {2}avro-kong promote SUBJECT VERSION --env ENV\n {2}avro-kong promote --from ENV --env ENV \[--subject SUBJECT\] \[--team TEAM\]\n/,
      );
    });
  });
});
