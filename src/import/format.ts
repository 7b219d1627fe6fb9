import type { ImportReport } from "./report";

/** What the command prints after writing the module: every list, names and places, never a secret's value. */
export function formatReport(report: ImportReport, written: string): string {
  const out: string[] = [
    `Wrote ${written}: export ${report.functionName}(gateway)${report.module.includes(`export const ${report.rolesName}`) ? `, and ${report.rolesName} for the Gateway's roles` : ""}.`,
  ];
  const section = (title: string, rows: readonly string[]) => {
    if (rows.length === 0) return;
    out.push("", `${title} (${rows.length}):`, ...rows.map((r) => `  ${r}`));
  };
  section(
    "Terraform imports, adopted by the first plan",
    report.imports.map((i) => `${i.resourceType} ${i.path} ← ${i.id} (${i.entity})`),
  );
  section(
    "Created by the first plan: no id in the file, so no import (a dump without --with-id?)",
    report.created.map((c) => `${c.resourceType} ${c.path} (${c.entity})`),
  );
  section(
    "Variables to set before the first plan, as TF_VAR_<name>",
    report.variables.map((v) => `${v.name}: ${v.entity}, ${v.field}`),
  );
  section(
    "Not imported",
    report.notImported.map((o) => `${o.place} (${o.entity}): ${o.reason}`),
  );
  section("Imported with a difference the first plan will show", [
    "every entity: gains avro-kong's ownership tags (managed-by:avro-kong, environment:<env>, and its owners')",
    ...report.differences.map((d) => `${d.entity}, ${d.field}: ${d.reason}`),
  ]);
  section(
    "Names mapped",
    report.names.map((n) => `${n.entity}: ${JSON.stringify(n.from)} → ${JSON.stringify(n.to)}`),
  );
  section(
    "Guardrails it breaks (errors where the environment enforces guardrails, warnings elsewhere; each one is in the module as a commented exemption beside its route)",
    report.guardrails.map((g) => `route ${g.route}: "${g.rule}" in ${g.where}: ${g.problem}`),
  );
  return out.join("\n");
}
