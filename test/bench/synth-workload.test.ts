import { Testing } from "cdktf";
import { BUILDERS, type Implementation } from "../../bench/synth-workload";

type Block = Record<string, unknown>;
type Resources = Record<string, Record<string, Block>>;

/** The synthesized stack with logical ids replaced by what the resources name. */
function normalised(implementation: Implementation, routes: number): unknown {
  const app = Testing.app();
  BUILDERS[implementation](app, routes);
  const [stack] = app.node.children;
  const json = JSON.parse(
    JSON.stringify((stack as unknown as { toTerraform(): unknown }).toTerraform()),
  ) as { resource: Resources; "//"?: unknown };
  delete json["//"];
  const labels = new Map<string, string>();
  for (const [type, blocks] of Object.entries(json.resource))
    for (const [id, block] of Object.entries(blocks))
      labels.set(`${type}.${id}`, `${type}:${String(block.name)}`);
  const text = JSON.stringify(json.resource).replace(
    /\$\{([a-z_]+\.[^.}]+)\.id\}/g,
    (_, address: string) => `<${labels.get(address) ?? address}>`,
  );
  const resources = JSON.parse(text) as Resources;
  const flat: [string, unknown][] = [];
  for (const [type, blocks] of Object.entries(resources))
    for (const block of Object.values(blocks)) {
      delete block["//"];
      flat.push([type, block]);
    }
  flat.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { ...json, resource: flat };
}

describe("the synth benchmark's workload", () => {
  it("writes the same Kong resources through our constructs and through plain cdktf", () => {
    const ours = normalised("ours", 23);
    expect(normalised("plain", 23)).toEqual(ours);
    const resource = (ours as { resource: [string, Block][] }).resource;
    const count = (type: string) => resource.filter(([t]) => t === type).length;
    expect([count("kong_service"), count("kong_route"), count("kong_plugin")]).toEqual([3, 23, 69]);
  });

  it("validates each route against one of 50 subjects", () => {
    const { resource } = normalised("plain", 100) as { resource: [string, Block][] };
    const subjects = new Set(
      resource
        .filter(([, b]) => b.name === "pre-function")
        .map(([, b]) => /-- avro-kong request validation: (\S+)/.exec(String(b.config_json))?.[1]),
    );
    expect(subjects.size).toBe(50);
  });
});
