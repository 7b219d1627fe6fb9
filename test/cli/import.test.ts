import { execFileSync } from "child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runAvroKong } from "../support/cli";

const FIXTURE = join(__dirname, "..", "import", "fixtures", "estate.yaml");

describe("avro-kong import deck FILE", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-import-"));
    writeFileSync(join(dir, "cdktf.json"), "{}");
    mkdirSync(join(dir, "sub"));
    copyFileSync(FIXTURE, join(dir, "estate.yaml"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes stacks/<FILE's name>.ts in the project and prints imports, variables and omissions, never a secret", async () => {
    const run = await runAvroKong(join(dir, "sub"), ["import", "deck", "../estate.yaml"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    const module = readFileSync(join(dir, "stacks", "estate.ts"), "utf8");
    expect(module).toContain("export function declareEstate(gateway: Gateway): void {");
    expect(run.out).toMatch(
      /^Wrote \.\.\/stacks\/estate\.ts: export declareEstate\(gateway\), and estateRoles/,
    );
    expect(run.out).toContain(
      "kong_service orders/service ← 0a4b5e1c-0000-4000-8000-000000000001 (service orders)",
    );
    expect(run.out).toContain(
      "deck_consumer_storefront_key_auth_0_key: key-auth credential 0 of consumer storefront, key",
    );
    expect(run.out).toContain(
      "vaults[0] (vault): the kevholditch/kong provider has no vault resource",
    );
    expect(run.out).toContain(
      'route create-order: "https-only" in production environments: accepts http',
    );
    expect(run.out).not.toMatch(/not-real/);
  });

  it("takes --out and --name, and refuses to replace a file without --force", async () => {
    const args = ["import", "deck", "estate.yaml", "--out", "kong/shop.ts", "--name", "Shop"];
    expect((await runAvroKong(dir, args)).code).toBe(0);
    expect(readFileSync(join(dir, "kong", "shop.ts"), "utf8")).toContain(
      "export function declareShop(",
    );
    const again = await runAvroKong(dir, args);
    expect(again).toMatchObject({
      code: 2,
      err: "kong/shop.ts exists; expected a new file, or --force to replace it.",
    });
    expect((await runAvroKong(dir, [...args, "--force"])).code).toBe(0);
  });

  const PLACED = "estate.yaml is imported";
  it.each([
    [
      "a file that is not a decK file",
      "hello: world\n",
      'kong.yaml: has no _format_version, so it is not a decK file; expected _format_version "3.0".',
    ],
    [
      "a file that is not YAML",
      "services: [\n",
      /^kong\.yaml: line 2, column 1: is not YAML or JSON \(.*\); expected a decK file\.$/,
    ],
    [
      "the wrong _format_version",
      '_format_version: "1.1"\nservices: []\n',
      'kong.yaml: _format_version: "1.1" is not supported; expected "3.0" (decK 1.x and Kong 3.x write it; convert older files with deck file convert).',
    ],
    [
      "an unknown entity type",
      '_format_version: "3.0"\napis: []\n',
      "kong.yaml: apis: is not an entity type of decK's format 3.0; expected one of services, routes, upstreams, consumers, plugins, certificates, ….",
    ],
    [
      "a plugin config Kong would refuse",
      '_format_version: "3.0"\nservices:\n  - name: orders\n    url: http://orders.internal\n    routes:\n      - name: r\n        paths: [/r]\n        plugins:\n          - name: rate-limiting\n            config: {minute: -1}\n',
      "kong.yaml: services[0].routes[0].plugins[0]: Plugin rate-limiting on route r: config.minute is -1; expected a number > 0 (Kong would refuse this config).",
    ],
    [
      "a route referencing a missing service",
      '_format_version: "3.0"\nroutes:\n  - name: r\n    paths: [/r]\n    service: {name: gone}\n',
      'kong.yaml: routes[0]: route refers to service "gone", which the file does not declare; expected a service of the file.',
    ],
    [
      "a FIFO",
      { fifo: true },
      "kong.yaml: cannot be read: is a FIFO, not a regular file; expected a decK file.",
    ],
    [
      "a directory",
      { directory: true },
      "kong.yaml: cannot be read: is a directory, not a file; expected a decK file.",
    ],
    [
      "a missing file",
      { missing: true },
      "kong.yaml: cannot be read: no such file or directory; expected a decK file.",
    ],
  ])(
    "refuses %s: one sentence with the place, exit 2, no stack, nothing written or replaced",
    async (_what, input, message) => {
      const file = join(dir, "kong.yaml");
      if (typeof input === "string") writeFileSync(file, input);
      else if ("fifo" in input) execFileSync("mkfifo", [file]);
      else if ("directory" in input) mkdirSync(file);
      writeFileSync(join(dir, "existing.ts"), PLACED);
      const runs = [
        await runAvroKong(dir, ["import", "deck", "kong.yaml", "--out", "new/kong.ts"]),
        await runAvroKong(dir, ["import", "deck", "kong.yaml", "--out", "existing.ts", "--force"]),
        await runAvroKong(dir, ["import", "deck", "kong.yaml"]),
      ];
      for (const run of runs) {
        expect(run.code).toBe(2);
        expect(run.out).toBe("");
        if (typeof message === "string") expect(run.err).toBe(message);
        else expect(run.err).toMatch(message);
        expect(run.err.split("\n")).toHaveLength(1); // one sentence, no stack trace
      }
      expect(existsSync(join(dir, "new"))).toBe(false);
      expect(existsSync(join(dir, "stacks"))).toBe(false);
      expect(readFileSync(join(dir, "existing.ts"), "utf8")).toBe(PLACED);
    },
  );
});
