import { loadRegistry, readSchemaFile, scanRepository } from "../../src/registry";
import { runAvroKong } from "../support/cli";
import { userErrorOf } from "../support/user-error";
import { ChainRepo } from "./fixture";

const TOO_DEEP = (depth: string, through: string) =>
  `written out with its shared types in place, this schema would nest ${depth} levels deep ` +
  `(through ${through}), more than the 1,000 levels one file may have.`;

describe("a chain of 5,000 shared types", () => {
  // T<i> nests 3 levels per link below it: T4999 3, … T4667 999, T4666 1,002.
  let repo: ChainRepo;
  // Written in beforeAll, so that no folder is left when these tests are filtered out.
  beforeAll(() => {
    repo = new ChainRepo(5_000);
    repo.writeTop(1, [{ name: "t", type: "shop.chain.T0" }]);
  });
  afterAll(() => repo.dispose());
  const refusal =
    "schemas/_types/shop.chain.T4666.avsc: " +
    TOO_DEEP(
      "1,002",
      "shop.chain.T4667 → shop.chain.T4668 → shop.chain.T4669 → … → shop.chain.T4999, 333 shared types",
    );

  it("is refused at the first file too deep, by loadRegistry, without exhausting the stack", () => {
    expect(userErrorOf(() => loadRegistry(repo.root)).message).toBe(refusal);
  });

  it("is refused by a scan, each file above the deep one unusable because of it", () => {
    const { problems } = scanRepository(repo.root, false);
    expect(problems.map((p) => p.message)).toEqual([
      refusal.slice(refusal.indexOf(": ") + 2),
      ...Array.from(
        { length: 4_666 },
        (_, k) =>
          `shared type "shop.chain.T${4_666 - k}" cannot be used: schemas/_types/shop.chain.T${4_666 - k}.avsc has problems.`,
      ),
      'shared type "shop.chain.T0" cannot be used: schemas/_types/shop.chain.T0.avsc has problems.',
    ]);
    expect(problems[0].file).toBe("schemas/_types/shop.chain.T4666.avsc");
    expect(problems[problems.length - 1].file).toBe("schemas/shop.chain.Top/v1.avsc");
  });

  it("is refused by the command in one sentence, without a stack trace", async () => {
    const canonical = await runAvroKong(repo.root, [
      "schema",
      "canonical",
      "schemas/shop.chain.Top/v1.avsc",
    ]);
    expect(canonical).toEqual({ code: 2, out: "", err: refusal });
    const check = await runAvroKong(repo.root, ["schema", "check"]);
    expect(check.code).toBe(1);
    expect(check.out.split("\n")[0]).toBe(refusal);
    expect(check.err).toBe("4668 problems found.");
    expect(check.out + check.err).not.toContain("    at ");
  });
});

describe("the depth of a schema with its shared types in place", () => {
  let repo: ChainRepo;
  afterEach(() => repo.dispose());
  const arrays = (depth: number, inner: unknown): unknown =>
    depth === 0 ? inner : { type: "array", items: arrays(depth - 1, inner) };

  it("may reach 1,000 levels; one more is the user's file's problem, not the shared types'", () => {
    repo = new ChainRepo(332); // T0: 996 levels
    repo.writeTop(1, [{ name: "t", type: arrays(1, "shop.chain.T0") }]);
    expect(loadRegistry(repo.root).subjects.get("shop.chain.Top")?.versions).toHaveLength(1);
    const file = repo.writeTop(1, [{ name: "t", type: arrays(2, "shop.chain.T0") }]);
    const message = TOO_DEEP(
      "1,001",
      "shop.chain.T0 → shop.chain.T1 → shop.chain.T2 → … → shop.chain.T331, 332 shared types",
    );
    expect(scanRepository(repo.root, false).problems).toEqual([{ file, pointer: "", message }]);
    expect(userErrorOf(() => readSchemaFile(file, { cwd: repo.root })).message).toBe(
      `${file}: ${message}`,
    );
  });

  it("names a short path of shared types in full", () => {
    repo = new ChainRepo(2, (next) => arrays(990, next)); // T0: 3 + 990 + 3 levels
    const file = repo.writeTop(1, [{ name: "t", type: arrays(2, "shop.chain.T0") }]);
    expect(userErrorOf(() => loadRegistry(repo.root)).message).toBe(
      `${file}: ${TOO_DEEP("1,001", "shop.chain.T0 → shop.chain.T1")}`,
    );
  });

  it("counts a shared type the file used before as a name, as it is written out", () => {
    repo = new ChainRepo(332);
    repo.writeTop(1, [
      { name: "a", type: "shop.chain.T0" },
      { name: "b", type: arrays(500, "shop.chain.T0") },
    ]);
    expect(scanRepository(repo.root, false).problems).toEqual([]);
  });
});

describe("loading shared types", () => {
  let repo: ChainRepo;
  afterEach(() => repo.dispose());

  it("loads a type two others need once, and finds no cycle where there is none", () => {
    repo = new ChainRepo(0);
    const record = (name: string, types: string[]) => ({
      type: "record",
      name,
      namespace: "shop.dag",
      fields: types.map((type, i) => ({ name: `f${i}`, type })),
    });
    repo.writeJson("schemas/_types/shop.dag.A.avsc", record("A", ["shop.dag.B", "shop.dag.C"]));
    repo.writeJson("schemas/_types/shop.dag.C.avsc", record("C", ["shop.dag.B", "shop.dag.D"]));
    repo.writeJson("schemas/_types/shop.dag.B.avsc", record("B", ["shop.dag.D"]));
    repo.writeJson("schemas/_types/shop.dag.D.avsc", record("D", ["int"]));
    const registry = loadRegistry(repo.root);
    const [a, b, c] = ["A", "B", "C"].map((n) => registry.sharedTypes.get(`shop.dag.${n}`)!);
    expect(a.kind === "record" && a.fields.map((f) => f.type)).toEqual([b, c]);
    expect(c.kind === "record" && c.fields[0].type).toBe(b);
  });
});
