import { writeFileSync } from "fs";
import { UserError } from "../../src/common";
import { execFileSync } from "child_process";
import {
  formatPins,
  getVersion,
  loadRegistry,
  parsePins,
  pinOf,
  readAllPins,
  readPins,
} from "../../src/registry";
import { PROJECT_ROOT, RepoCopy } from "./fixture";

describe("the example pins", () => {
  const registry = loadRegistry(PROJECT_ROOT);
  const [dev, prod, staging] = readAllPins(PROJECT_ROOT);

  it("are one file per environment, sorted by environment", () => {
    expect([dev.environment, prod.environment, staging.environment]).toEqual([
      "dev",
      "prod",
      "staging",
    ]);
    expect(prod.file).toBe("stacks/pins/prod.json");
  });

  it("pin every subject; dev the newest versions, prod older ones", () => {
    for (const pins of [dev, staging, prod]) {
      expect(Object.keys(pins.subjects)).toEqual([...registry.subjects.keys()]);
    }
    for (const subject of registry.subjects.values()) {
      expect(dev.subjects[subject.name].version).toBe(subject.versions.length);
      expect(prod.subjects[subject.name].version).toBeLessThan(subject.versions.length);
    }
  });

  it("record the fingerprint and sha256 of the pinned version", () => {
    for (const pins of [dev, staging, prod]) {
      for (const [name, pin] of Object.entries(pins.subjects)) {
        expect(pin).toMatchObject(pinOf(getVersion(registry, name, pin.version)));
      }
    }
  });

  it("are written exactly as formatPins writes them", () => {
    const repo = new RepoCopy();
    try {
      for (const pins of [dev, staging, prod]) {
        expect(repo.read(pins.file)).toBe(formatPins(pins.environment, pins.subjects));
      }
    } finally {
      repo.dispose();
    }
  });
});

describe("readPins", () => {
  let repo: RepoCopy;
  beforeEach(() => (repo = new RepoCopy()));
  afterEach(() => repo.dispose());

  it("reads one environment", () => {
    const prod = readPins(repo.root, "prod");
    expect(prod.subjects["shop.orders.OrderPlaced"]).toEqual({
      version: 1,
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      history: [],
    });
  });

  it("throws for a missing file unless missingOk", () => {
    expect(() => readPins(repo.root, "qa")).toThrow(
      new UserError("stacks/pins/qa.json: cannot be read: no such file or directory."),
    );
    expect(readPins(repo.root, "qa", { missingOk: true })).toEqual({
      environment: "qa",
      file: "stacks/pins/qa.json",
      subjects: {},
    });
  });

  it("throws the first problem of a malformed file", () => {
    repo.writeJson("stacks/pins/qa.json", {
      environment: "qa",
      subjects: { "shop.X": { version: 1 } },
    });
    expect(() => readPins(repo.root, "qa")).toThrow(
      "stacks/pins/qa.json at /subjects/shop.X/fingerprint: fingerprint must be 16 lowercase hex digits (CRC-64-AVRO), not missing.",
    );
  });

  it("refuses deep nesting, a repeated key and bytes that are not UTF-8, at their place", () => {
    repo.write("stacks/pins/qa.json", "[".repeat(100_000));
    expect(() => readPins(repo.root, "qa")).toThrow(
      new UserError(
        "stacks/pins/qa.json line 1, column 1001: JSON nested deeper than 1000 levels of arrays and objects.",
      ),
    );
    repo.write(
      "stacks/pins/qa.json",
      '{"environment": "qa", "subjects": {}, "environment": "prod"}',
    );
    expect(() => readPins(repo.root, "qa")).toThrow(
      'stacks/pins/qa.json line 1, column 39: duplicate key "environment" (first at line 1, column 2); a JSON object must not repeat a key.',
    );
    writeFileSync(
      repo.path("stacks/pins/qa.json"),
      Buffer.from('{"environment": "q\xe1"}', "latin1"),
    );
    expect(() => readPins(repo.root, "qa")).toThrow(
      "stacks/pins/qa.json line 1, column 19: invalid UTF-8 (byte 0xe1 at byte offset 18); the text must be UTF-8.",
    );
  });

  it("rejects an environment name that cannot be a file name", () => {
    expect(() => readPins(repo.root, "../prod")).toThrow(
      'stacks/pins: "../prod" is not a valid environment name (lowercase letters, digits, "-" and "_").',
    );
  });

  it("readAllPins throws the first problem of any file, and is empty without the directory", () => {
    repo.write("stacks/pins/qa.json", "");
    expect(() => readAllPins(repo.root)).toThrow(
      "stacks/pins/qa.json: the file is empty; expected JSON.",
    );
    repo.remove("stacks/pins");
    expect(readAllPins(repo.root)).toEqual([]);
  });
});

describe("a pin's history", () => {
  const record = { version: 1, fingerprint: "a".repeat(16), sha256: "b".repeat(64) };
  const parse = (history: unknown) =>
    parsePins(
      JSON.stringify({
        environment: "dev",
        subjects: { "a.A": { ...record, version: 2, history } },
      }),
      "stacks/pins/dev.json",
      "dev",
    );

  it("lists what the environment ran before, oldest first; none when absent", () => {
    expect(parse([record]).pins?.subjects["a.A"].history).toEqual([record]);
    expect(parse(undefined).pins?.subjects["a.A"].history).toEqual([]);
  });

  it.each([
    [
      {},
      '/subjects/a.A/history: history must be an array of {"version", "fingerprint", "sha256"}, oldest first.',
    ],
    [
      [1],
      '/subjects/a.A/history/0: a history entry must be an object {"version", "fingerprint", "sha256"}.',
    ],
    [
      [{ ...record, at: "x" }],
      '/subjects/a.A/history/0/at: unknown key "at"; a history entry has "version", "fingerprint" and "sha256".',
    ],
    [
      [{ ...record, version: 0 }],
      "/subjects/a.A/history/0/version: version must be a positive integer, not 0.",
    ],
  ])("refuses %j with its place", (history, message) => {
    const { pins, problems } = parse(history);
    expect(pins).toBeUndefined();
    expect(problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual([message]);
  });
});

describe("formatPins", () => {
  it("writes what Prettier would leave as it is, history included", () => {
    const record = { version: 1, fingerprint: "a".repeat(16), sha256: "b".repeat(64) };
    const text = formatPins("dev", {
      "a.A": { ...record, version: 3, history: [record, { ...record, version: 2 }] },
      "b.B": { ...record, history: [] },
    });
    // The project's Prettier, as `npm run lint` runs it over stacks/pins.
    const formatted = execFileSync(
      process.execPath,
      [require.resolve("prettier/bin/prettier.cjs"), "--stdin-filepath", "stacks/pins/dev.json"],
      { cwd: PROJECT_ROOT, input: text, encoding: "utf8" },
    );
    expect(formatted).toBe(text);
  });

  it("sorts subjects and fixes key order", () => {
    const pin = { sha256: "b".repeat(64), version: 3, fingerprint: "a".repeat(16), history: [] };
    expect(formatPins("dev", { "z.Z": pin, "a.A": pin })).toBe(
      `{
  "environment": "dev",
  "subjects": {
    "a.A": {
      "version": 3,
      "fingerprint": "aaaaaaaaaaaaaaaa",
      "sha256": "${"b".repeat(64)}",
      "history": []
    },
    "z.Z": {
      "version": 3,
      "fingerprint": "aaaaaaaaaaaaaaaa",
      "sha256": "${"b".repeat(64)}",
      "history": []
    }
  }
}
`,
    );
  });
});
