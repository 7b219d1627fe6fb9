import { runAvroKong } from "../support/cli";
import { SmallRepo, SUBJECT, type Field } from "./fixture";

const a: Field = { name: "a", type: "string" };
const bDefault: Field = { name: "b", type: "string", default: "x" };
const BROKEN =
  "stacks/pins/dev.json line 1, column 2: malformed JSON: unexpected end of the text; expected a property name in double quotes.";

/** dev's pins file broken after v1 went through every environment and v2 reached staging. */
describe("one environment's pins file broken", () => {
  let repo: SmallRepo;
  beforeEach(async () => {
    repo = new SmallRepo();
    repo.addVersion(a);
    repo.addVersion(a, bDefault);
    await repo.promoteAll([1, "dev"], [1, "staging"], [1, "prod"], [2, "dev"], [2, "staging"]);
    repo.write("stacks/pins/dev.json", "{");
  });
  afterEach(() => repo.dispose());

  it("does not stop a promotion between the others", async () => {
    const run = await repo.promote("--from", "staging", "--env", "prod");
    expect([run.err, run.code]).toEqual(["", 0]);
    expect(repo.pins("prod").subjects[SUBJECT].version).toBe(2);
  });

  it("refuses a promotion from it or into it, with its error once", async () => {
    const before = repo.snapshot();
    expect(await repo.promote("--from", "dev", "--env", "staging")).toEqual({
      code: 1,
      out: "",
      err: BROKEN,
    });
    expect((await repo.promote(SUBJECT, "2", "--env", "dev")).err).toBe(BROKEN);
    expect(repo.snapshot()).toEqual(before);
  });

  it("is reported once by schema check, not again as the next environment's pins", async () => {
    expect(await runAvroKong(repo.root, ["schema", "check"])).toEqual({
      code: 1,
      out: BROKEN,
      err: "1 problem found.",
    });
  });
});
