import type { KongField } from "../../src/plugins";
import { defaultIsUnresolved, type FieldProblem } from "../../src/plugins/check-fields";
import { compileRecordRules } from "../../src/plugins/entity-rules";

// A record of the shape Kong's declarative checks talk about, to specify the parser's forms.
const FIELDS: Readonly<Record<string, KongField>> = {
  mode: { type: "string", default: "a" },
  host: { type: "string" },
  port: { type: "integer" },
  tags: { type: "array", elements: { type: "string" } },
  limit: { type: "number", default: 0 },
  nested: { type: "record", fields: { flag: { type: "boolean", default: false } } },
};

function problems(check: string, record: Record<string, unknown>, prefix = ""): string[] {
  const out: FieldProblem[] = [];
  for (const rule of compileRecordRules([check], FIELDS, prefix))
    rule(record, "config", { isUnresolved: defaultIsUnresolved }, out);
  return out.map((p) => p.detail);
}

describe("Kong's declarative entity checks, parsed from the catalogue's summaries", () => {
  it("mutually_exclusive: at most one of the fields set", () => {
    const check = "mutually_exclusive: host, tags";
    expect(problems(check, { host: "h" })).toEqual([]);
    expect(problems(check, { host: "h", tags: [] })).toEqual([]);
    expect(problems(check, { host: "h", tags: ["t"] })).toEqual([
      "config.host and config.tags are both set; expected at most one of them",
    ]);
  });

  it("mutually_required: all of the fields or none", () => {
    const check = "mutually_required: host, port";
    expect(problems(check, {})).toEqual([]);
    expect(problems(check, { host: "h", port: 1 })).toEqual([]);
    expect(problems(check, { port: 1 })).toEqual([
      "config.host is missing while config.port is set; expected config.host and config.port together or none of them",
    ]);
  });

  it("conditional: reads defaults, and names Kong's error", () => {
    const check = `conditional: if mode == "a" then host required; error 'a needs a host'`;
    expect(problems(check, {})).toEqual([
      'config.host is missing; expected a value because config.mode is "a" (a needs a host)',
    ]);
    expect(problems(check, { mode: "b" })).toEqual([]);
    expect(
      problems('conditional: if limit > 0 then tags must contain "x"', { limit: 2, tags: [] }),
    ).toEqual(['config.tags is []; expected it to contain "x" because config.limit is 2']);
    expect(problems('conditional: if mode not in ["b"] then nested.flag must == true', {})).toEqual(
      ['config.nested.flag is false; expected true because config.mode is "a"'],
    );
  });

  it("conditional_at_least_one_of: substitutes Kong's %s with the fields", () => {
    const check = `conditional_at_least_one_of: if mode in ["a"] then at least one of host, port; error 'must set %s for a' (%s = quoted field list)`;
    expect(problems(check, { port: 1 })).toEqual([]);
    expect(problems(check, {})).toEqual([
      "config.host and config.port are all missing; expected at least one of them because config.mode is \"a\" (must set 'config.host', 'config.port' for a)",
    ]);
  });

  it("strips the record's prefix from a plugin's own checks", () => {
    expect(problems("at_least_one_of: config.host, config.port", {}, "config.")).toEqual([
      "config.host and config.port are all empty; expected at least one of them to be set",
    ]);
  });

  it("refuses a text it cannot read, a field the record lacks, a path outside the record", () => {
    expect(() => compileRecordRules(["custom_validator: something new"], FIELDS)).toThrow(
      "Plugin catalogue: an entity check without a decision: custom_validator: something new",
    );
    expect(() => compileRecordRules(["at_least_one_of: host, hots"], FIELDS)).toThrow(
      "Plugin catalogue: an entity check names hots, which is not a field",
    );
    expect(() => compileRecordRules(["at_least_one_of: host"], FIELDS, "config.")).toThrow(
      "Plugin catalogue: entity check path host is outside config.",
    );
  });
});
