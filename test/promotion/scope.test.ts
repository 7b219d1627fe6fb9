import { SmallRepo, SUBJECT, type Field } from "./fixture";

// Three subjects of two teams, each pending in dev (dev runs a version staging does not).
const PAYMENT = "shop.Payment";
const CUSTOMER = "shop.Customer";
const a: Field = { name: "a", type: "string" };

describe("avro-kong promote --from ENV --env ENV, scoped to a subject or a team", () => {
  let repo: SmallRepo;
  beforeEach(async () => {
    repo = new SmallRepo();
    repo.addVersion(a);
    repo.write(`schemas/${SUBJECT}/subject.json`, JSON.stringify({ team: "orders" }));
    for (const [subject, team] of [
      [PAYMENT, "orders"],
      [CUSTOMER, "customers"],
    ]) {
      repo.write(
        `schemas/${subject}/v1.avsc`,
        JSON.stringify({ type: "record", name: subject, fields: [a] }),
      );
      repo.write(`schemas/${subject}/subject.json`, JSON.stringify({ team }));
    }
    for (const subject of [SUBJECT, PAYMENT, CUSTOMER]) {
      expect((await repo.promote(subject, "1", "--env", "dev")).code).toBe(0);
    }
  });
  afterEach(() => repo.dispose());

  const staged = () => Object.keys(repo.pins("staging").subjects);

  it("--subject moves that subject only", async () => {
    const run = await repo.promote("--from", "dev", "--env", "staging", "--subject", PAYMENT);
    expect([run.code, run.err]).toEqual([0, ""]);
    expect(run.out.split("\n")).toEqual([
      expect.stringMatching(
        /^staging: shop\.Payment first pinned at v1 \(fingerprint [0-9a-f]{16}\)$/,
      ),
      "Wrote stacks/pins/staging.json.",
    ]);
    expect(staged()).toEqual([PAYMENT]);
    expect(await repo.promote("--from", "dev", "--env", "staging", "--subject", PAYMENT)).toEqual({
      code: 0,
      out: `staging runs the version dev runs of ${PAYMENT} already; stacks/pins/staging.json is unchanged.`,
      err: "",
    });
  });

  it("--team moves the subjects whose subject.json names that team, and no other team's", async () => {
    const run = await repo.promote("--from", "dev", "--env", "staging", "--team", "orders");
    expect([run.code, run.err]).toEqual([0, ""]);
    expect(staged()).toEqual([PAYMENT, SUBJECT]);
    expect((await repo.promote("--from", "dev", "--env", "staging", "--team", "orders")).out).toBe(
      "staging runs every version dev runs of team orders already; stacks/pins/staging.json is unchanged.",
    );
    expect((await repo.promote("--from", "dev", "--env", "staging")).out).toMatch(
      /^staging: shop\.Customer first pinned at v1 /,
    );
  });

  it("--subject with --team: that subject, when it is the team's", async () => {
    const run = await repo.promote(
      "--from",
      "dev",
      "--env",
      "staging",
      "--team",
      "orders",
      "--subject",
      SUBJECT,
    );
    expect(run.code).toBe(0);
    expect(staged()).toEqual([SUBJECT]);
    const before = repo.snapshot();
    expect(
      await repo.promote(
        "--from",
        "dev",
        "--env",
        "staging",
        "--team",
        "orders",
        "--subject",
        CUSTOMER,
      ),
    ).toEqual({
      code: 2,
      out: "",
      err: `Subject "${CUSTOMER}" does not belong to team "orders"; it belongs to team "customers".`,
    });
    expect(repo.snapshot()).toEqual(before);
  });

  it("an unknown subject or team: one sentence, exit 2, nothing written", async () => {
    const before = repo.snapshot();
    expect(
      await repo.promote("--from", "dev", "--env", "staging", "--subject", "shop.Nope"),
    ).toEqual({
      code: 2,
      out: "",
      err: `No subject "shop.Nope" in schemas/; known subjects: ${CUSTOMER}, ${PAYMENT}, ${SUBJECT}.`,
    });
    expect(await repo.promote("--from", "dev", "--env", "staging", "--team", "billing")).toEqual({
      code: 2,
      out: "",
      err: 'No subject in schemas/ belongs to team "billing" (a subject\'s team is the "team" of its subject.json); teams named there: customers, orders.',
    });
    // A hostile name is echoed with its control characters shown escaped.
    const hostile = await repo.promote("--from", "dev", "--env", "staging", "--team", "x\u001b[2J");
    expect([
      hostile.code,
      hostile.err.startsWith('No subject in schemas/ belongs to team "x\\u001b[2J"'),
    ]).toEqual([2, true]);
    expect(repo.snapshot()).toEqual(before);
  });

  it("a subject the source does not run is refused (exit 1), naming it", async () => {
    repo.write(
      "schemas/shop.Later/v1.avsc",
      JSON.stringify({ type: "record", name: "shop.Later", fields: [a] }),
    );
    const before = repo.snapshot();
    expect(
      await repo.promote("--from", "dev", "--env", "staging", "--subject", "shop.Later"),
    ).toEqual({
      code: 1,
      out: "",
      err: "Cannot promote shop.Later from dev to staging: dev does not run it; promote it to dev first.",
    });
    expect(repo.snapshot()).toEqual(before);
  });

  it("--subject or --team without --from is a usage mistake (exit 2)", async () => {
    const run = await repo.promote(SUBJECT, "1", "--env", "staging", "--team", "orders");
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^--team goes with --from \(usage: /);
  });
});
