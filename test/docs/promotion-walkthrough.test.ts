import { readFileSync } from "fs";
import { join } from "path";
import { fieldsOf, PROJECT_ROOT, RepoCopy } from "../registry/fixture";
import { runAvroKong } from "../support/cli";

/**
 * The promotion walk-through of docs/guides/ci-and-promotion.md shows real output: each `$ npx avro-kong …` line of its
 * code blocks runs, in a copy of the example set up as the prose says, and prints what follows.
 */

const GUIDE = "docs/guides/ci-and-promotion.md";
const TEXT = readFileSync(join(PROJECT_ROOT, GUIDE), "utf8");
const SUBJECT = "shop.orders.OrderPlaced";

/** The code blocks of the section, each as its commands and their expected output. */
function transcripts(): Array<Array<{ argv: string[]; expected: string }>> {
  const section = TEXT.split(/^## /m).find((s) => s.startsWith("Promoting a contract"));
  if (section === undefined) throw new Error(`${GUIDE} has no section “Promoting a contract”`);
  return [...section.matchAll(/^```\n([\s\S]*?)^```$/gm)].map((block) =>
    block[1]
      .trimEnd()
      .split(/^\$ npx avro-kong /m)
      .slice(1)
      .map((step) => {
        const [command, ...output] = step.split("\n");
        return { argv: command.split(" "), expected: output.join("\n").trimEnd() };
      }),
  );
}

/** What a terminal shows: stdout, then stderr. */
async function run(repo: RepoCopy, argv: string[]): Promise<string> {
  const { out, err } = await runAvroKong(repo.root, argv);
  return [out, err].filter((text) => text !== "").join("\n");
}

describe("the promotion walk-through of the CI and promotion guide", () => {
  let repo: RepoCopy;
  beforeAll(() => {
    repo = new RepoCopy();
    // "Add a version": v2 with one more field, as v3.
    const v3 = repo.readJson(`schemas/${SUBJECT}/v2.avsc`);
    fieldsOf(v3).push({ name: "giftMessage", type: ["null", "string"], default: null });
    repo.writeJson(`schemas/${SUBJECT}/v3.avsc`, v3);
  });
  afterAll(() => repo.dispose());

  const blocks = transcripts();

  it("has the four transcripts it describes", () => {
    expect(blocks.map((b) => b.length)).toEqual([3, 3, 1, 1]);
  });

  it.each([0, 1])("prints what transcript %i shows", async (index) => {
    for (const step of blocks[index]) expect(await run(repo, step.argv)).toBe(step.expected);
  });

  it("refuses the v4 it describes as it shows", async () => {
    const v4 = repo.readJson(`schemas/${SUBJECT}/v3.avsc`);
    fieldsOf(v4).push({ name: "loyaltyTier", type: "string" });
    repo.writeJson(`schemas/${SUBJECT}/v4.avsc`, v4);
    try {
      const [step] = blocks[2];
      expect(await run(repo, step.argv)).toBe(step.expected);
    } finally {
      repo.remove(`schemas/${SUBJECT}/v4.avsc`);
    }
  });

  it("reports the hand edit it describes as it shows", async () => {
    const fresh = new RepoCopy();
    try {
      fresh.write(`schemas/${SUBJECT}/v3.avsc`, repo.read(`schemas/${SUBJECT}/v3.avsc`));
      expect((await runAvroKong(fresh.root, ["promote", SUBJECT, "3", "--env", "dev"])).code).toBe(
        0,
      );
      // prod set to v3 by hand, with what `schema fingerprint --pin` prints, while staging runs v2.
      const pin = await runAvroKong(fresh.root, [
        "schema",
        "fingerprint",
        `schemas/${SUBJECT}/v3.avsc`,
        "--pin",
      ]);
      fresh.edit("stacks/pins/prod.json", (json) => {
        const subjects = json.subjects as Record<string, Record<string, unknown>>;
        Object.assign(subjects[SUBJECT], JSON.parse(pin.out)[SUBJECT]);
      });
      const [step] = blocks[3];
      expect(await run(fresh, step.argv)).toBe(step.expected);
    } finally {
      fresh.dispose();
    }
  });
});
