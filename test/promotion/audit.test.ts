import { formatProblem } from "../../src/avro";
import { Environment } from "../../src/constructs";
import { auditPins, loadPromotionState } from "../../src/promotion";
import { fieldsOf, PROJECT_ROOT, RepoCopy } from "../registry/fixture";
import { runAvroKong } from "../support/cli";
import { SmallRepo, SUBJECT, type Field } from "./fixture";

const lines = (root: string): string[] => auditPins(loadPromotionState(root)).map(formatProblem);

describe("auditPins on the example domain", () => {
  it("finds every pin promote would have allowed", () => {
    expect(lines(PROJECT_ROOT)).toEqual([]);
  });
});

describe("auditPins: a pinned version must exist and be unchanged", () => {
  let repo: RepoCopy;
  beforeEach(() => (repo = new RepoCopy()));
  afterEach(() => repo.dispose());

  it("reports a pinned version whose schema was edited (fingerprint changed), once per environment", () => {
    // Adding a field with a default to v1 keeps the history compatible: only the pins catch it.
    repo.edit("schemas/shop.orders.OrderAccepted/v1.avsc", (json) =>
      fieldsOf(json).push({ name: "channel", type: "string", default: "web" }),
    );
    // prod runs v1; dev and staging ran it before (their history).
    expect(lines(repo.root)).toEqual(
      ["dev", "prod", "staging"].map((env) =>
        expect.stringMatching(
          new RegExp(
            `^schemas/shop\\.orders\\.OrderAccepted/v1\\.avsc: v1 of "shop\\.orders\\.OrderAccepted" was edited after it was pinned in stacks/pins/${env}\\.json: its fingerprint is [0-9a-f]{16}, the pin says 1595d88fa1f0dbc8; add a new version instead\\.$`,
          ),
        ),
      ),
    );
  });

  it("reports a pinned version edited outside its canonical form (sha256 changed)", () => {
    repo.edit("schemas/shop.orders.OrderAccepted/v2.avsc", (json) => (json.doc = "Edited."));
    const sha256Now = loadPromotionState(repo.root).scan.registry.subjects.get(
      "shop.orders.OrderAccepted",
    )?.versions[1].sha256;
    expect(lines(repo.root)).toEqual(
      ["dev", "staging"].map(
        (env) =>
          `schemas/shop.orders.OrderAccepted/v2.avsc: v2 of "shop.orders.OrderAccepted" was edited after it was pinned in stacks/pins/${env}.json: a default, doc, alias, order or logical type changed (here or in a shared type it uses): its sha256 is ${sha256Now}, the pin says eede52961d0f069c965bf00e7420f2dcdeb0aac35670bc3ca28359663fa8f26d; add a new version instead.`,
      ),
    );
  });

  it("reports every pinned version using an edited shared type", () => {
    repo.edit("schemas/_types/shop.common.Address.avsc", (json) => {
      fieldsOf(json)[4].doc = "Two letters.";
    });
    const problems = lines(repo.root);
    // Address is used by OrderPlaced v2 (dev, staging) and CustomerUpdated v1 (prod; dev and
    // staging ran it), v2 (staging; dev ran it) and v3 (dev only, so the pin may be the mistake).
    expect(problems).toEqual([
      expect.stringMatching(
        /^schemas\/shop\.customers\.CustomerUpdated\/v1\.avsc: .* in stacks\/pins\/dev\.json: /,
      ),
      expect.stringMatching(
        /^schemas\/shop\.customers\.CustomerUpdated\/v2\.avsc: .* in stacks\/pins\/dev\.json: /,
      ),
      expect.stringMatching(
        /^stacks\/pins\/dev\.json at \/subjects\/shop\.customers\.CustomerUpdated\/sha256: the pin of v3 of "shop\.customers\.CustomerUpdated" says sha256 6d8a4ff5adba972536ce4c0f0eb473087f87b324f8d0203ddadbf344fce3d4d2, but schemas\/shop\.customers\.CustomerUpdated\/v3\.avsc has [0-9a-f]{64}; expected [0-9a-f]{64} \(avro-kong promote writes pins\), unless the file was edited after it was pinned, which needs a new version instead\.$/,
      ),
      expect.stringMatching(
        /^schemas\/shop\.orders\.OrderPlaced\/v2\.avsc: .* in stacks\/pins\/dev\.json: /,
      ),
      expect.stringMatching(
        /^schemas\/shop\.customers\.CustomerUpdated\/v1\.avsc: .* in stacks\/pins\/prod\.json: /,
      ),
      expect.stringMatching(
        /^schemas\/shop\.customers\.CustomerUpdated\/v1\.avsc: .* in stacks\/pins\/staging\.json: /,
      ),
      expect.stringMatching(
        /^schemas\/shop\.customers\.CustomerUpdated\/v2\.avsc: .* in stacks\/pins\/staging\.json: /,
      ),
      expect.stringMatching(
        /^schemas\/shop\.orders\.OrderPlaced\/v2\.avsc: .* in stacks\/pins\/staging\.json: /,
      ),
    ]);
  });

  it("does not mind reformatting a pinned file", () => {
    const file = "schemas/shop.orders.OrderPlaced/v1.avsc";
    repo.write(file, JSON.stringify(repo.readJson(file)));
    expect(lines(repo.root)).toEqual([]);
  });

  it("names the pins file and the subject of a pin of a missing subject or version", () => {
    repo.edit("stacks/pins/staging.json", (json) => {
      const subjects = json.subjects as Record<string, Record<string, unknown>>;
      subjects["shop.orders.OrderShipped"] = { ...subjects["shop.orders.OrderPlaced"] };
      subjects["shop.orders.OrderPlaced"].version = 9;
    });
    expect(lines(repo.root)).toEqual([
      'stacks/pins/staging.json at /subjects/shop.orders.OrderPlaced/version: pins version 9 of "shop.orders.OrderPlaced", which does not exist.',
      'stacks/pins/staging.json at /subjects/shop.orders.OrderShipped: pins subject "shop.orders.OrderShipped", which has no directory in schemas/.',
    ]);
  });

  it("is content without a stacks/pins directory", () => {
    repo.remove("stacks");
    expect(lines(repo.root)).toEqual([]);
  });
});

const a: Field = { name: "a", type: "string" };
const bDefault: Field = { name: "b", type: "string", default: "x" };

/**
 * A pin edited by hand past the gate: `schema check` reports it (exit 1), and synthesizing that
 * environment fails with the very same sentence.
 */
describe("a hand edit that skips the gate", () => {
  let repo: SmallRepo;
  beforeEach(async () => {
    repo = new SmallRepo();
    repo.addVersion(a); // v1
    repo.addVersion(a, bDefault); // v2
    repo.addVersion({ name: "b", type: "string" }); // v3 {b}: reads v2's data, not v1's
    await repo.promoteAll([1, "dev"], [1, "staging"], [2, "dev"]);
  });
  afterEach(() => repo.dispose());

  const pinsOf = (env: string) => `stacks/pins/${env}.json`;
  /** Copies one environment's pin of the subject into another's file, as a hand edit would. */
  const copyPin = (from: string, to: string): void => {
    const pin = repo.pins(from).subjects[SUBJECT];
    repo.editPins(to, (json) => (json.subjects[SUBJECT] = pin));
  };

  async function expectCaught(env: string, sentence: string): Promise<void> {
    const check = await runAvroKong(repo.root, ["schema", "check"]);
    expect({ code: check.code, out: check.out }).toEqual({ code: 1, out: sentence });
    expect(() => Environment.load(env, { rootDir: repo.root })).toThrow(sentence);
  }

  it("is caught before: the example's schema check and synth pass", async () => {
    expect((await runAvroKong(repo.root, ["schema", "check"])).code).toBe(0);
    expect(Environment.load("staging", { rootDir: repo.root }).contracts?.subjects()).toEqual([
      SUBJECT,
    ]);
  });

  it("an environment skipped", async () => {
    repo.write(pinsOf("prod"), JSON.stringify({ environment: "prod", subjects: {} }));
    copyPin("dev", "prod");
    await expectCaught(
      "prod",
      'stacks/pins/prod.json at /subjects/shop.Thing/version: pins v2 of "shop.Thing", which promote would refuse: staging comes before prod in stacks/promotion.json and has never run v2; promote it to staging first.',
    );
  });

  it("a version incompatible with what the environment ran", async () => {
    // dev goes from v2 to v3 by hand, and the history still says it ran v1 before.
    const v3 = loadPromotionState(repo.root).scan.registry.subjects.get(SUBJECT)?.versions[2];
    repo.editPins("dev", (json) => {
      Object.assign(json.subjects[SUBJECT], {
        version: 3,
        fingerprint: v3?.fingerprint,
        sha256: v3?.sha256,
      });
    });
    await expectCaught(
      "dev",
      'stacks/pins/dev.json at /subjects/shop.Thing/version: pins v3 of "shop.Thing", which promote would refuse: under BACKWARD, v3 must read data written with v1, which dev ran before, and cannot: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0 of v3: b.',
    );
  });

  it("an unknown version", async () => {
    repo.editPins("dev", (json) => (json.subjects[SUBJECT].version = 7));
    await expectCaught(
      "dev",
      'stacks/pins/dev.json at /subjects/shop.Thing/version: pins version 7 of "shop.Thing", which does not exist.',
    );
  });

  it("an unknown version in the history", async () => {
    repo.editPins("dev", (json) => {
      const history = json.subjects[SUBJECT].history;
      history.push({ ...history[0], version: 7 });
    });
    await expectCaught(
      "dev",
      'stacks/pins/dev.json at /subjects/shop.Thing/history/1/version: records that dev ran version 7 of "shop.Thing", which does not exist.',
    );
  });

  it("a wrong hash in a new pin says what was expected", async () => {
    repo.editPins("dev", (json) => (json.subjects[SUBJECT].sha256 = "0".repeat(64)));
    await expectCaught(
      "dev",
      `stacks/pins/dev.json at /subjects/shop.Thing/sha256: the pin of v2 of "shop.Thing" says sha256 ${"0".repeat(64)}, but schemas/shop.Thing/v2.avsc has 1554e9c7746a95bcc091f7740fa205215d18f0b80eb520adf244e947b8d56537; expected 1554e9c7746a95bcc091f7740fa205215d18f0b80eb520adf244e947b8d56537 (avro-kong promote writes pins), unless the file was edited after it was pinned, which needs a new version instead.`,
    );
  });

  it("a wrong fingerprint in a new pin says what was expected", async () => {
    repo.editPins("dev", (json) => (json.subjects[SUBJECT].fingerprint = "0".repeat(16)));
    await expectCaught(
      "dev",
      `stacks/pins/dev.json at /subjects/shop.Thing/fingerprint: the pin of v2 of "shop.Thing" says fingerprint 0000000000000000, but schemas/shop.Thing/v2.avsc has 7a0126dc1982b951; expected 7a0126dc1982b951 (avro-kong promote writes pins), unless the file was edited after it was pinned, which needs a new version instead.`,
    );
  });

  it("an environment missing from stacks/promotion.json", async () => {
    repo.write("stacks/promotion.json", JSON.stringify({ order: ["dev", "prod"] }));
    repo.write(pinsOf("prod"), JSON.stringify({ environment: "prod", subjects: {} }));
    await expectCaught(
      "staging",
      'stacks/pins/staging.json: environment "staging" is not in stacks/promotion.json, which lists dev, prod; add it there, in promotion order.',
    );
  });

  it("no stacks/promotion.json beside the pins", async () => {
    repo.write("stacks/promotion.json", "");
    await expectCaught("dev", "stacks/promotion.json: the file is empty; expected JSON.");
  });
});
