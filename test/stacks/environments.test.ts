import { loadEnvironments } from "../../stacks/environments";
import { RepoCopy } from "../registry/fixture";

describe("the example's environments", () => {
  let repo: RepoCopy;
  beforeEach(() => (repo = new RepoCopy()));
  afterEach(() => repo.dispose());

  it("are those of stacks/promotion.json, in its order", () => {
    expect(loadEnvironments(repo.root).map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
  });

  it("refuse an environment listed there that has no state backend", () => {
    repo.writeJson("stacks/promotion.json", { order: ["dev", "qa"] });
    expect(() => loadEnvironments(repo.root)).toThrow(
      'stacks/promotion.json lists environment "qa", which stacks/environments.ts gives no state backend; expected one of: dev, staging, prod.',
    );
  });

  it("refuse a missing stacks/promotion.json with one sentence", () => {
    repo.remove("stacks/promotion.json");
    expect(() => loadEnvironments(repo.root)).toThrow(
      'stacks/promotion.json: cannot be read; it lists the environments in promotion order, as in {"order": ["dev", "staging", "prod"]}.',
    );
  });
});
