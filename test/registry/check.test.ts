import { formatProblem } from "../../src/avro";
import { checkRepository } from "../../src/registry";
import { fieldsOf, PROJECT_ROOT, RepoCopy } from "./fixture";

describe("checkRepository on the example domain", () => {
  it("finds no problem", () => {
    expect(checkRepository(PROJECT_ROOT)).toEqual([]);
  });
});

describe("checkRepository fails with the right message when a rule is broken", () => {
  let repo: RepoCopy;
  beforeEach(() => (repo = new RepoCopy()));
  afterEach(() => repo.dispose());
  const lines = (): string[] => checkRepository(repo.root).map(formatProblem);

  /** Adds a version to a subject: its latest version, changed. */
  const addVersion = (
    subject: string,
    n: number,
    change: (json: Record<string, unknown>) => void,
  ) => {
    const json = repo.readJson(`schemas/${subject}/v${n - 1}.avsc`);
    change(json);
    repo.writeJson(`schemas/${subject}/v${n}.avsc`, json);
  };

  it("reports every lint problem in a new version, each with file and pointer", () => {
    addVersion("shop.orders.OrderPlaced", 3, (json) => {
      fieldsOf(json).push(
        { name: "orderId", type: "string" },
        { name: "status", type: { type: "enum", name: "Status", symbols: ["NEW", "NEW"] } },
        { name: "rebate", type: "shop.common.Rebate", default: null },
      );
    });
    expect(lines()).toEqual([
      'schemas/shop.orders.OrderPlaced/v3.avsc at /fields/8/name: duplicate field name "orderId".',
      'schemas/shop.orders.OrderPlaced/v3.avsc at /fields/9/type/symbols/1: duplicate enum symbol "NEW".',
      'schemas/shop.orders.OrderPlaced/v3.avsc at /fields/10/type: unknown type "shop.common.Rebate".',
    ]);
  });

  it("reports malformed JSON with line and column", () => {
    repo.write(
      "schemas/shop.orders.OrderPlaced/v3.avsc",
      '{\n  "type": "record",\n  "name": "OrderPlaced"\n  "fields": []\n}\n',
    );
    expect(lines()).toEqual([
      "schemas/shop.orders.OrderPlaced/v3.avsc line 4, column 3: malformed JSON: unexpected \"\\\"\"; expected ',' or '}' after a property value.",
    ]);
  });

  it("reports a version whose full name is not its subject's", () => {
    addVersion("shop.orders.OrderAccepted", 3, (json) => (json.name = "OrderConfirmed"));
    expect(lines()).toEqual([
      'schemas/shop.orders.OrderAccepted/v3.avsc at /name: the schema is named "shop.orders.OrderConfirmed", but its directory is "shop.orders.OrderAccepted"; each version\'s full name is its subject\'s name.',
    ]);
  });

  it("reports a version that is not a named type", () => {
    repo.write("schemas/shop.orders.OrderAccepted/v3.avsc", '["null", "string"]');
    expect(lines()).toEqual([
      'schemas/shop.orders.OrderAccepted/v3.avsc: a version of "shop.orders.OrderAccepted" must be the named type "shop.orders.OrderAccepted", not a union.',
    ]);
  });

  it("reports a gap in the version numbers", () => {
    addVersion("shop.customers.CustomerUpdated", 4, () => undefined);
    repo.write(
      "schemas/shop.customers.CustomerUpdated/v6.avsc",
      repo.read("schemas/shop.customers.CustomerUpdated/v4.avsc"),
    );
    repo.remove("schemas/shop.customers.CustomerUpdated/v4.avsc");
    expect(lines()).toEqual([
      'schemas/shop.customers.CustomerUpdated/v4.avsc: version 4 of "shop.customers.CustomerUpdated" is missing; versions are numbered 1, 2, 3, … without gaps.',
      'schemas/shop.customers.CustomerUpdated/v5.avsc: version 5 of "shop.customers.CustomerUpdated" is missing; versions are numbered 1, 2, 3, … without gaps.',
    ]);
  });

  it("reports a subject without versions, a bad subject directory and stray files", () => {
    repo.write("schemas/shop.orders.OrderShipped/README.md", "coming soon\n");
    repo.write("schemas/shop.orders.order-returned/v1.avsc", "{}");
    repo.write("schemas/shop.orders.OrderPlaced/v03.avsc", "{}");
    repo.write("schemas/shop.orders.OrderPlaced/notes.txt", "");
    repo.write("schemas/Loose.avsc", '"int"');
    expect(lines()).toEqual([
      "schemas/Loose.avsc: unexpected file; schemas live in schemas/<subject>/v<N>.avsc and schemas/_types/<full name>.avsc.",
      "schemas/shop.orders.OrderPlaced/notes.txt: unexpected file; a subject holds v<N>.avsc versions (v1.avsc, v2.avsc, …) and an optional subject.json.",
      "schemas/shop.orders.OrderPlaced/v03.avsc: unexpected file; a subject holds v<N>.avsc versions (v1.avsc, v2.avsc, …) and an optional subject.json.",
      'schemas/shop.orders.OrderShipped: subject "shop.orders.OrderShipped" has no versions; add v1.avsc.',
      'schemas/shop.orders.order-returned: "shop.orders.order-returned" is not a valid subject name; a subject\'s directory is named after the full name of its schemas.',
    ]);
  });

  it("reports a bad subject.json", () => {
    repo.writeJson("schemas/shop.orders.OrderPlaced/subject.json", {
      compatibility: "STRICT",
      owner: "team-orders",
      team: "Orders Team",
    });
    repo.write("schemas/shop.orders.OrderAccepted/subject.json", "{compatibility: FULL}");
    expect(lines()).toEqual([
      'schemas/shop.orders.OrderAccepted/subject.json line 1, column 2: malformed JSON: unexpected "c"; expected a property name in double quotes.',
      'schemas/shop.orders.OrderPlaced/subject.json at /compatibility: compatibility "STRICT" is not one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE.',
      'schemas/shop.orders.OrderPlaced/subject.json at /owner: unknown key "owner"; the keys are "compatibility" and "team".',
      'schemas/shop.orders.OrderPlaced/subject.json at /team: team "Orders Team" is not a team name; expected lower-case letters, digits and single "-", starting with a letter, as KongStack\'s team.',
    ]);
  });

  it("reports a backward-incompatible version at the subject's level", () => {
    addVersion("shop.orders.OrderPlaced", 3, (json) =>
      fieldsOf(json).push({ name: "giftWrap", type: "boolean" }),
    );
    expect(lines()).toEqual([
      "schemas/shop.orders.OrderPlaced/v3.avsc at /fields/8: v3 cannot read data written with v2, which BACKWARD requires: READER_FIELD_MISSING_DEFAULT_VALUE (giftWrap).",
    ]);
  });

  it("reports both directions under FULL, and accepts the change under NONE", () => {
    addVersion("shop.orders.OrderCancelled", 3, (json) => (fieldsOf(json)[0].type = "int"));
    expect(lines()).toEqual([
      "schemas/shop.orders.OrderCancelled/v3.avsc at /fields/0/type: v3 cannot read data written with v2, which FULL requires: TYPE_MISMATCH (reader type: INT not compatible with writer type: STRING).",
      "schemas/shop.orders.OrderCancelled/v3.avsc: v2 cannot read data written with v3, which FULL requires: TYPE_MISMATCH at /fields/0/type of v2 (reader type: STRING not compatible with writer type: INT).",
    ]);
    repo.writeJson("schemas/shop.orders.OrderCancelled/subject.json", { compatibility: "NONE" });
    expect(lines()).toEqual([]);
  });

  it("checks every earlier version under a transitive level", () => {
    // v4 makes "preferences" required: v3 wrote it, so only v1 and v2 break — which only a
    // transitive level sees.
    addVersion("shop.customers.CustomerUpdated", 4, (json) => {
      const prefs = fieldsOf(json).find((f) => f.name === "preferences");
      if (prefs) delete prefs.default;
    });
    expect(lines()).toEqual(
      [1, 2].map(
        (n) =>
          `schemas/shop.customers.CustomerUpdated/v4.avsc at /fields/6: v4 cannot read data written with v${n}, which FULL_TRANSITIVE requires: READER_FIELD_MISSING_DEFAULT_VALUE (preferences).`,
      ),
    );
    repo.writeJson("schemas/shop.customers.CustomerUpdated/subject.json", {
      compatibility: "FULL",
    });
    expect(lines()).toEqual([]);
  });

  it("reports a shared type whose file name is not its full name, and every user of it", () => {
    repo.edit("schemas/_types/shop.common.Address.avsc", (json) => (json.name = "PostalAddress"));
    const problems = lines();
    expect(problems[0]).toBe(
      'schemas/_types/shop.common.Address.avsc at /name: the file defines "shop.common.PostalAddress", but is named shop.common.Address.avsc; a shared type\'s file is named after its full name.',
    );
    expect(problems).toContain(
      'schemas/shop.orders.OrderPlaced/v2.avsc at /fields/6/type/1: shared type "shop.common.Address" cannot be used: schemas/_types/shop.common.Address.avsc has problems.',
    );
    expect(problems).toHaveLength(1 + 4); // OrderPlaced v2 and CustomerUpdated v1–v3
  });

  it("reports a shared type that is not a named type, or not valid", () => {
    repo.write("schemas/_types/shop.common.Sku.avsc", '"string"');
    repo.write(
      "schemas/_types/shop.common.Weight.avsc",
      '{"type": "fixed", "name": "shop.common.Weight", "size": -4}',
    );
    repo.write("schemas/_types/shop-common.avsc", '"int"');
    expect(lines()).toEqual([
      'schemas/_types/shop-common.avsc: "shop-common" is not a valid Avro full name; a shared type\'s file is named after its full name.',
      'schemas/_types/shop.common.Sku.avsc: a shared type must be a record, enum or fixed, not "string".',
      "schemas/_types/shop.common.Weight.avsc at /size: fixed size must be a non-negative integer, not -4.",
    ]);
  });

  it("reports a subject that defines a shared type again instead of referring to it", () => {
    addVersion("shop.orders.OrderAccepted", 3, (json) =>
      fieldsOf(json).push({
        name: "fee",
        type: ["null", { type: "record", name: "Money", namespace: "shop.common", fields: [] }],
        default: null,
      }),
    );
    expect(lines()).toEqual([
      'schemas/shop.orders.OrderAccepted/v3.avsc at /fields/4/type/1/name: type "shop.common.Money" is already defined in schemas/_types/shop.common.Money.avsc; refer to it by name.',
    ]);
  });

  it("reports shared types that refer to each other in a cycle", () => {
    repo.writeJson("schemas/_types/shop.common.A.avsc", {
      type: "record",
      name: "shop.common.A",
      fields: [{ name: "b", type: ["null", "shop.common.B"], default: null }],
    });
    repo.writeJson("schemas/_types/shop.common.B.avsc", {
      type: "record",
      name: "shop.common.B",
      fields: [{ name: "a", type: ["null", "shop.common.A"], default: null }],
    });
    expect(lines()).toEqual([
      'schemas/_types/shop.common.B.avsc at /fields/0/type/1: shared type "shop.common.A" refers back to this file\'s type in a cycle; define mutually recursive types in one file.',
      'schemas/_types/shop.common.A.avsc at /fields/0/type/1: shared type "shop.common.B" cannot be used: schemas/_types/shop.common.B.avsc has problems.',
    ]);
  });

  it("reports malformed pins files; what pins say is the promotion audit's", () => {
    repo.edit("stacks/pins/staging.json", (json) => {
      const subjects = json.subjects as Record<string, Record<string, unknown>>;
      subjects["shop.orders.OrderPlaced"].version = 9;
    });
    repo.writeJson("stacks/pins/qa.json", {
      environment: "prod",
      subjects: { "shop.orders.OrderPlaced": { version: 0, fingerprint: "ABC", sha256: "" } },
      owner: 1,
    });
    repo.write("stacks/pins/Bad Name.json", "{}");
    repo.write("stacks/pins/.dev.json.4242.tmp", "{");
    repo.write("stacks/pins/test.json", "[");
    expect(lines()).toEqual([
      "stacks/pins/.dev.json.4242.tmp: a temporary file left by an interrupted write; the pins file beside it is whole, delete this one.",
      "stacks/pins/Bad Name.json: unexpected entry; stacks/pins holds <environment>.json files.",
      'stacks/pins/qa.json at /owner: unknown key "owner"; pins have "environment" and "subjects".',
      'stacks/pins/qa.json at /environment: environment is "prod", but the file is qa.json; they must agree.',
      "stacks/pins/qa.json at /subjects/shop.orders.OrderPlaced/version: version must be a positive integer, not 0.",
      'stacks/pins/qa.json at /subjects/shop.orders.OrderPlaced/fingerprint: fingerprint must be 16 lowercase hex digits (CRC-64-AVRO), not "ABC".',
      'stacks/pins/qa.json at /subjects/shop.orders.OrderPlaced/sha256: sha256 must be 64 lowercase hex digits, not "".',
      "stacks/pins/test.json line 1, column 2: malformed JSON: unexpected end of the text; expected a value.",
    ]);
  });

  it("is content without a stacks/pins directory", () => {
    repo.remove("stacks");
    expect(lines()).toEqual([]);
  });

  it("names the directory when there is no schemas directory at all", () => {
    repo.remove("schemas");
    expect(() => checkRepository(repo.root)).toThrow(
      `${repo.path("schemas")}: no such file or directory; expected the schemas directory of a repository.`,
    );
  });
});

describe("a problem in the example's own copy proves the fixture is live", () => {
  it("the copy of the example is clean before it is broken", () => {
    const repo = new RepoCopy();
    try {
      expect(checkRepository(repo.root)).toEqual([]);
      expect(repo.read("schemas/shop.orders.OrderPlaced/v2.avsc")).toContain('"couponCode"');
    } finally {
      repo.dispose();
    }
  });
});
