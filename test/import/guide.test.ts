import { readFileSync } from "fs";
import { join } from "path";
import { formatReport, importDeck } from "../../src/import";

const GUIDE = readFileSync(
  join(__dirname, "..", "..", "docs", "guides", "adopting-kong.md"),
  "utf8",
);

function block(language: string, start = ""): string {
  const found = [...GUIDE.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))]
    .map((m) => m[1])
    .find((text) => text.startsWith(start));
  if (found === undefined) throw new Error(`docs/guides/adopting-kong.md has no ${language} block`);
  return found;
}

describe("docs/guides/adopting-kong.md", () => {
  const report = importDeck(block("yaml"), "kong.yaml");

  it("shows what the command prints for its dump, as it prints it", () => {
    expect(`${formatReport(report, "stacks/kong.ts")}\n`).toBe(block("text"));
  });

  it("shows the module the command writes for its dump, as written", () => {
    expect(block("ts", "// Written by")).toBe(report.module);
  });
});
