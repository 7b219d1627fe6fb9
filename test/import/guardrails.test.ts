import type { ImportReport } from "../../src/import";
import { annotations } from "../support/template";
import { importFixture, synthesizeModule, typeErrors } from "./support";

const PROD = { name: "prod", production: true, guardrails: "enforce" } as const;
const SUGGESTION = /^(\s*)\/\/ (\.exempt\(")/gm;

/** The module with every suggested exemption uncommented, as a team would do it. */
function uncommented(report: ImportReport): ImportReport {
  return { ...report, module: report.module.replace(SUGGESTION, "$1$2") };
}

/** `route:rule` of each guardrail error (or exemption warning) a prod synth reports. */
function judged(report: ImportReport, kind: "breaks" | "exempt"): string[] {
  const { stack } = synthesizeModule(report, PROD);
  const level = kind === "breaks" ? "error" : "warn";
  const pattern =
    kind === "breaks"
      ? /^Route (\S+) breaks guardrail "([^"]+)"/
      : /^Route (\S+) is exempt from guardrail "([^"]+)"/;
  return annotations(stack, level)
    .map((m) => pattern.exec(m))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}:${m[2]}`)
    .sort();
}

it("the estate breaks guardrails, so that the tests below judge suggestions", () => {
  expect(importFixture("estate.yaml").guardrails.length).toBeGreaterThan(3);
});

describe.each(["estate.yaml", "plugins.yaml"])("guardrails of the estate in %s", (fixture) => {
  const report = importFixture(fixture);
  const findings = report.guardrails.map((g) => `${g.route}:${g.rule}`).sort();

  it("are what a production synth refuses, each listed by the command", () => {
    expect(judged(report, "breaks")).toEqual(findings);
  });

  it("are each suggested, commented, beside its route as route.exempt(rule, reason)", () => {
    const suggestions = [...report.module.matchAll(/^\s*\/\/ \.exempt\("([^"]+)"/gm)];
    expect(suggestions).toHaveLength(findings.length);
    for (const { route, rule } of report.guardrails) {
      const statement = new RegExp(
        `\\.addRoute\\(${JSON.stringify(route)}, [^;]*\\n\\s*// \\.exempt\\("${rule}", "<reason to fill in>"\\)`,
      );
      expect(report.module).toMatch(statement);
    }
    // Commented, nothing is exempt: the synth above still refuses every finding.
    expect(judged(report, "exempt")).toEqual([]);
  });

  it("pass once the suggestions are uncommented: the module type-checks and prod synthesizes", () => {
    const exempted = uncommented(report);
    expect(exempted.module === report.module).toBe(findings.length === 0);
    expect(typeErrors(new Map([[fixture.replace(".yaml", ".ts"), exempted.module]]))).toEqual([]);
    expect(judged(exempted, "breaks")).toEqual([]);
    expect(judged(exempted, "exempt")).toEqual(findings);
  });
});
