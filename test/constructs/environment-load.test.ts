import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Environment } from "../../src/constructs";
import { loadRegistry } from "../../src/registry";

const projectRoot = path.join(__dirname, "../..");

function copyOfExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-env-"));
  fs.cpSync(path.join(projectRoot, "schemas"), path.join(dir, "schemas"), { recursive: true });
  fs.cpSync(path.join(projectRoot, "stacks/pins"), path.join(dir, "stacks/pins"), {
    recursive: true,
  });
  fs.copyFileSync(
    path.join(projectRoot, "stacks/promotion.json"),
    path.join(dir, "stacks/promotion.json"),
  );
  return dir;
}

describe("Environment.load", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const example = () => {
    const dir = copyOfExample();
    dirs.push(dir);
    return dir;
  };

  it("runs the versions its pins name, with their fingerprints", () => {
    const rootDir = example();
    const pins = JSON.parse(
      fs.readFileSync(path.join(rootDir, "stacks/pins/prod.json"), "utf8"),
    ) as {
      subjects: Record<string, { version: number; fingerprint: string }>;
    };
    const prod = Environment.load("prod", { rootDir });
    expect(prod.contracts?.subjects()).toEqual(Object.keys(pins.subjects));
    for (const [subject, pin] of Object.entries(pins.subjects)) {
      expect(prod.contracts?.pinned(subject)).toMatchObject({
        subject,
        version: pin.version,
        fingerprint: pin.fingerprint,
      });
    }
    expect(prod).toMatchObject({ name: "prod", production: true, guardrails: "enforce" });
  });

  it("shares one loaded registry between environments when given it", () => {
    const rootDir = example();
    const registry = loadRegistry(rootDir);
    const dev = Environment.load("dev", { rootDir, registry });
    const prod = Environment.load("prod", { rootDir, registry });
    const subject = "shop.catalog.Category";
    const version = prod.contracts?.pinned(subject)?.version ?? 0;
    const shared = registry.subjects.get(subject)?.versions.find((v) => v.version === version);
    expect(prod.contracts?.pinned(subject)?.schema).toBe(shared?.schema);
    expect(dev.contracts?.pinned(subject)?.version).toBeGreaterThan(0);
  });

  it("refuses a pinned version whose file was edited after it was pinned", () => {
    const rootDir = example();
    const file = path.join(rootDir, "schemas/shop.orders.OrderPlaced/v1.avsc");
    const schema = JSON.parse(fs.readFileSync(file, "utf8")) as { fields: unknown[] };
    schema.fields.push({ name: "sneaky", type: ["null", "string"], default: null });
    fs.writeFileSync(file, JSON.stringify(schema));
    // The sentence `schema check` prints for it.
    expect(() => Environment.load("prod", { rootDir })).toThrow(
      /^schemas\/shop\.orders\.OrderPlaced\/v1\.avsc: v1 of "shop\.orders\.OrderPlaced" was edited after it was pinned in stacks\/pins\/prod\.json: its fingerprint is [0-9a-f]{16}, the pin says c14c52a637b01504; add a new version instead\.$/,
    );
  });

  it("refuses an environment without a pins file, naming the file", () => {
    expect(() => Environment.load("qa", { rootDir: example() })).toThrow(/stacks\/pins\/qa\.json/);
  });
});

describe("Environment.load: earlier writers of a pinned version", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** The example with prod promoted from OrderPlaced v1 to v2, under `level`. */
  function promoted(level: string) {
    const rootDir = copyOfExample();
    dirs.push(rootDir);
    const subject = "shop.orders.OrderPlaced";
    fs.writeFileSync(
      path.join(rootDir, "schemas", subject, "subject.json"),
      JSON.stringify({ compatibility: level }),
    );
    const versions = loadRegistry(rootDir).subjects.get(subject)!.versions;
    const entry = (v: (typeof versions)[number]) => ({
      version: v.version,
      fingerprint: v.fingerprint,
      sha256: v.sha256,
    });
    const file = path.join(rootDir, "stacks/pins/prod.json");
    const pins = JSON.parse(fs.readFileSync(file, "utf8")) as {
      subjects: Record<string, unknown>;
    };
    pins.subjects[subject] = { ...entry(versions[1]), history: [entry(versions[0])] };
    fs.writeFileSync(file, JSON.stringify(pins));
    const pinned = Environment.load("prod", { rootDir }).contracts?.pinned(subject);
    return { pinned, v1: versions[0] };
  }

  it("are every version of the pin's history under a transitive level", () => {
    const { pinned, v1 } = promoted("BACKWARD_TRANSITIVE");
    expect(pinned?.version).toBe(2);
    expect(pinned?.earlier).toEqual([{ fingerprint: v1.fingerprint, schema: v1.schema }]);
  });

  it("are none under a level that is not transitive", () => {
    expect(promoted("BACKWARD").pinned?.earlier).toEqual([]);
  });
});
