import { readFileSync } from "fs";
import { join } from "path";
import { checkPluginConfig, pluginNames, uncheckedKongRules } from "../../src/plugins";
import {
  partlyCheckedFieldValidators,
  uncheckedEntityChecks,
  uncheckedFieldValidators,
} from "../../src/catalog/unchecked";

interface Field {
  custom_validator?: string;
  entity_checks?: string[];
  elements?: Field;
  keys?: Field;
  values?: Field;
  fields?: Record<string, Field>;
}

const catalog = JSON.parse(
  readFileSync(join(__dirname, "../../src/catalog/schema/kong-plugins-3.9.json"), "utf8"),
) as { plugins: Record<string, { config: Record<string, Field>; entity_checks: string[] }> };

/** Every rule text of the catalog: field validators and entity checks, at any depth. */
function ruleTexts(): Set<string> {
  const texts = new Set<string>();
  const walk = (field: Field): void => {
    if (field.custom_validator) texts.add(field.custom_validator);
    for (const check of field.entity_checks ?? []) texts.add(check);
    for (const part of [field.elements, field.keys, field.values]) if (part) walk(part);
    for (const sub of Object.values(field.fields ?? {})) walk(sub);
  };
  for (const plugin of Object.values(catalog.plugins)) {
    for (const check of plugin.entity_checks) texts.add(check);
    for (const field of Object.values(plugin.config)) walk(field);
  }
  return texts;
}

describe("the rules of the catalog", () => {
  it("are all decided: every validator and entity check compiles to a check or is listed as unchecked", () => {
    // A plugin's checks compile on its first check, and throw there when a rule is undecided.
    for (const name of pluginNames) expect(() => checkPluginConfig(name, {})).not.toThrow();
  });

  it("lists as unchecked only rules the catalog has", () => {
    const texts = ruleTexts();
    const listed = [
      ...Object.keys(uncheckedFieldValidators),
      ...Object.keys(partlyCheckedFieldValidators),
      ...Object.keys(uncheckedEntityChecks),
    ];
    expect(listed.filter((text) => !texts.has(text))).toEqual([]);
  });

  it("names each unchecked rule where it applies, with its reason", () => {
    const rules = uncheckedKongRules();
    expect(rules).toContainEqual({
      plugin: "pre-function",
      path: "config.access[]",
      rule: "loadstring(fun) must compile; error 'error parsing <plugin>: <err>'",
      reason:
        uncheckedFieldValidators[
          "loadstring(fun) must compile; error 'error parsing <plugin>: <err>'"
        ],
      partly: false,
    });
    expect(rules.filter((r) => r.plugin === "oauth2").map((r) => [r.path, r.rule])).toEqual([
      ["config.provision_key", "unique"],
    ]);
    expect(rules.filter((r) => r.partly).map((r) => r.path)).toContain("config.add.querystring[]");
    expect(rules.every((r) => r.reason.length > 0)).toBe(true);
  });
});
