import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { adoptExisting } from "../../src/constructs";
import { FIXTURES, importFixture, synthesizeModule } from "./support";
import { roundTrip, unannounced } from "./round-trip";

const fixtures = readdirSync(FIXTURES).filter((f) => /\.ya?ml$|\.json$/.test(f));

describe.each(fixtures)("the round trip of %s", (fixture) => {
  const report = importFixture(fixture);
  const text = readFileSync(join(FIXTURES, fixture), "utf8");
  const { json } = synthesizeModule(report);
  const trip = roundTrip(text, report, json);

  it("changes nothing after the import that the importer did not announce", () => {
    expect(unannounced(report, trip.changes)).toEqual([]);
  });

  it("accounts for every entity of the file: adopted, or listed as not imported", () => {
    expect(trip.lost).toEqual([]);
  });

  it("lists every resource the first plan creates (no id in the file) by the path declaring it", () => {
    expect(report.created).toHaveLength(trip.created.length);
    const ids = Object.fromEntries(report.created.map((c) => [c.path, "an-id-for-the-test"]));
    const adopted = synthesizeModule(report, undefined, (gateway) => adoptExisting(gateway, ids));
    expect(roundTrip(text, report, adopted.json).created).toEqual([]);
  });
});

describe("the round trip itself", () => {
  const report = importFixture("estate.yaml");
  const text = readFileSync(join(FIXTURES, "estate.yaml"), "utf8");

  it("finds a change the module would make that the report does not announce", () => {
    const edited = { ...report, module: report.module.replace("retries: 3", "retries: 4") };
    const trip = roundTrip(text, edited, synthesizeModule(edited).json);
    expect(unannounced(edited, trip.changes)).toEqual([
      { entity: "service orders", field: "retries", now: 3, planned: 4 },
    ]);
  });

  it("finds the announced differences, and flags them once the report is silent", () => {
    const trip = roundTrip(text, report, synthesizeModule(report).json);
    expect(trip.changes.map((c) => `${c.entity}: ${c.field}`)).toEqual(
      expect.arrayContaining(["route get-order: regex_priority", "route get-order: headers"]),
    );
    expect(unannounced({ ...report, differences: [] }, trip.changes).length).toBe(
      trip.changes.length,
    );
  });
});
