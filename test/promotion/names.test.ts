import { runAvroKong } from "../support/cli";
import { SmallRepo } from "./fixture";

// Subject names that are also members of every JavaScript object.
const NAMES = ["__proto__", "constructor", "hasOwnProperty", "toString"];

describe("subjects named like Object.prototype's members", () => {
  let repo: SmallRepo;
  beforeEach(() => {
    repo = new SmallRepo();
    for (const name of NAMES) {
      repo.write(`schemas/${name}/v1.avsc`, JSON.stringify({ type: "record", name, fields: [] }));
    }
  });
  afterEach(() => repo.dispose());

  it("are promoted, pinned, checked and promoted on like any other", async () => {
    for (const name of NAMES) {
      const run = await repo.promote(name, "1", "--env", "dev");
      expect(run).toMatchObject({ code: 0, err: "" });
      expect(run.out).toMatch(new RegExp(`^dev: ${name} first pinned at v1 `));
    }
    expect(Object.keys(repo.pins("dev").subjects)).toEqual([...NAMES].sort());
    expect(await runAvroKong(repo.root, ["schema", "check"])).toMatchObject({ code: 0, err: "" });

    const from = await repo.promote("--from", "dev", "--env", "staging");
    expect(from).toMatchObject({ code: 0, err: "" });
    expect(Object.keys(repo.pins("staging").subjects)).toEqual([...NAMES].sort());
    expect((await repo.promote("--from", "dev", "--env", "staging")).out).toBe(
      "staging runs every version dev runs already; stacks/pins/staging.json is unchanged.",
    );
  });
});
