import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
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

  it("refuses bad input with one sentence naming the place, exit 2, nothing written", async () => {
    writeFileSync(
      join(dir, "bad.yaml"),
      '_format_version: "3.0"\nroutes:\n  - name: r\n    paths: [/r]\n    service: {name: gone}\n',
    );
    const run = await runAvroKong(dir, ["import", "deck", "bad.yaml"]);
    expect(run).toEqual({
      code: 2,
      out: "",
      err: 'bad.yaml: routes[0]: route refers to service "gone", which the file does not declare; expected a service of the file.',
    });
    expect(existsSync(join(dir, "stacks"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["bad.yaml", "cdktf.json", "estate.yaml", "sub"]);
  });

  it("names a file it cannot read", async () => {
    const run = await runAvroKong(dir, ["import", "deck", "missing.yaml"]);
    expect(run).toMatchObject({
      code: 2,
      err: "missing.yaml: cannot be read: no such file or directory; expected a decK file.",
    });
  });
});
