import { escapeControl } from "../common";
import type { ContractChange } from "./model";

/** Beyond this many edges a diagram stops helping; the tables still list everything. */
const MAX_EDGES = 80;

/** A label Mermaid reads literally inside `["…"]`; a backtick could close the code fence. */
function label(text: string): string {
  return escapeControl(text.replace(/\r?\n/g, " "))
    .replace(/&/g, "#amp;")
    .replace(/`/g, "#96;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\r?\n/g, " ");
}

function version(c: ContractChange): string {
  const v = (p: ContractChange["from"]) => (p ? `v${p.version}` : "none");
  return `${v(c.from)} → ${v(c.to)}`;
}

/**
 * A Mermaid flowchart from each changed contract to the routes it reaches, grouped by
 * environment; undefined when no change reaches a route.
 */
export function contractDiagram(changes: readonly ContractChange[]): string | undefined {
  const reaching = changes.filter((c) => c.routes.length > 0);
  if (reaching.length === 0) return undefined;
  const contractIds = new Map<string, string>();
  const routeIds = new Map<string, string>();
  const lines = ["```mermaid", "flowchart LR"];
  const edges: string[] = [];
  const routesByEnvironment = new Map<string, string[]>();
  let omitted = 0;
  for (const c of reaching) {
    const contractKey = `${c.subject} ${version(c)} ${c.compatible}`;
    let contract = contractIds.get(contractKey);
    if (!contract) {
      contract = `c${contractIds.size}`;
      contractIds.set(contractKey, contract);
      const mark = c.compatible ? "" : " ❌ incompatible";
      lines.push(
        `  ${contract}(["${label(`${c.subject} ${version(c)}${mark}`)}"]):::${c.compatible ? "ok" : "bad"}`,
      );
    }
    for (const r of c.routes) {
      if (edges.length >= MAX_EDGES) {
        omitted++;
        continue;
      }
      const routeKey = `${c.environment} ${r.address}`;
      let route = routeIds.get(routeKey);
      if (!route) {
        route = `r${routeIds.size}`;
        routeIds.set(routeKey, route);
        const what = [r.methods.join(" "), r.paths.join(" ")].filter(Boolean).join(" ");
        const node = `    ${route}["${label(what ? `${r.route}: ${what}` : r.route)}"]`;
        routesByEnvironment.set(c.environment, [
          ...(routesByEnvironment.get(c.environment) ?? []),
          node,
        ]);
      }
      edges.push(`  ${contract} -->|${r.checks.join(" + ")}| ${route}`);
    }
  }
  let n = 0;
  for (const [environment, nodes] of routesByEnvironment) {
    lines.push(`  subgraph e${n++}["${label(environment)}"]`, ...nodes, "  end");
  }
  lines.push(
    ...edges,
    "  classDef ok stroke:#2a2",
    "  classDef bad stroke:#c22,stroke-width:3px",
    "```",
  );
  if (omitted > 0) lines.push(`_${omitted} more route edges are not drawn; the table lists them._`);
  return lines.join("\n");
}
