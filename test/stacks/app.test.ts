import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildApp } from "../../stacks/app";
import {
  checkPluginConfigsInStack,
  checkSecretsInStack,
  checkStackConformance,
} from "../../src/conformance";
import { missingOwnershipTags } from "../support/ownership";

interface StackJson {
  "//": { metadata: { avroKong: unknown } };
  terraform: { backend: unknown };
  resource: Record<string, Record<string, { tags?: string[] }> | undefined>;
  data?: Record<string, unknown>;
  output?: unknown;
}

function synthTo(outdir: string): Map<string, string> {
  buildApp(new App({ outdir, skipValidation: false }), path.join(__dirname, "../..")).synth();
  const files = new Map<string, string>();
  for (const file of fs.readdirSync(outdir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(outdir, file);
    if (fs.statSync(full).isFile()) files.set(file, fs.readFileSync(full, "utf8"));
  }
  return files;
}

describe("the example app", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-synth-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  let first: Map<string, string>;
  beforeAll(() => {
    first = synthTo(tempDir());
  });

  const stackJson = (name: string): StackJson =>
    JSON.parse(first.get(`stacks/${name}/cdk.tf.json`) ?? "null") as StackJson;
  const ENVIRONMENTS = ["dev", "prod", "staging"];
  const TEAMS = ["catalog", "customers", "orders"];

  it("synthesizes, per environment, a shared stack and one stack per team", () => {
    expect([...first.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toEqual(
      ENVIRONMENTS.flatMap((env) => [...TEAMS.map((team) => `${env}-${team}`), env]).map(
        (name) => `stacks/${name}/cdk.tf.json`,
      ),
    );
  });

  it("says in each stack which environment and team it belongs to", () => {
    for (const env of ENVIRONMENTS) {
      const stacks = [env, ...TEAMS.map((team) => `${env}-${team}`)].sort();
      expect(stackJson(env)["//"].metadata.avroKong).toEqual({
        environment: env,
        team: null,
        stacks,
      });
      for (const team of TEAMS)
        expect(stackJson(`${env}-${team}`)["//"].metadata.avroKong).toEqual({
          environment: env,
          team,
          stacks,
        });
    }
  });

  it("gives every stack its own state and no reference into another stack", () => {
    const locations = ENVIRONMENTS.flatMap((env) =>
      [env, ...TEAMS.map((team) => `${env}-${team}`)].map((name) => {
        const stack = stackJson(name);
        expect({ name, remote: stack.data?.terraform_remote_state }).toEqual({
          name,
          remote: undefined,
        });
        expect({ name, outputs: stack.output }).toEqual({ name, outputs: undefined });
        return JSON.stringify(stack.terraform.backend);
      }),
    );
    expect(new Set(locations).size).toBe(locations.length);
    expect(stackJson("prod-orders").terraform.backend).toEqual({
      s3: expect.objectContaining({ key: "kong/prod-orders.tfstate" }),
    });
    expect(stackJson("dev-catalog").terraform.backend).toEqual({
      local: { path: "../../../terraform.dev-catalog.tfstate" },
    });
  });

  it("keeps consumers in the shared stack and services with their team", () => {
    for (const env of ENVIRONMENTS) {
      const shared = stackJson(env).resource;
      expect(Object.keys(shared.kong_consumer ?? {}).length).toBe(4);
      expect(shared.kong_service).toBeUndefined();
      for (const team of TEAMS) {
        const resources = stackJson(`${env}-${team}`).resource;
        expect(resources.kong_consumer).toBeUndefined();
        for (const service of Object.values(resources.kong_service ?? {}))
          expect(service.tags).toContain(`team:${team}`);
      }
    }
  });

  it("is deterministic: a second synthesis elsewhere is byte-identical", () => {
    const second = synthTo(tempDir());
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, text] of first)
      expect({ file, text: second.get(file) }).toEqual({ file, text });
  });

  it("contains no absolute path and no timestamp", () => {
    for (const [file, text] of first) {
      expect({
        file,
        absolute: text.match(/"(\/(?:home|root|tmp|work|Users|var)\/[^"]*)"/g),
      }).toEqual({ file, absolute: null });
      expect({ file, cwd: text.includes(process.cwd()) }).toEqual({ file, cwd: false });
      expect({ file, time: text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g) }).toEqual({
        file,
        time: null,
      });
    }
  });
});

describe("every synthesized stack", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-check-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  synthTo(outdir);
  const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
  const read = (name: string): unknown =>
    JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));

  it.each(stacks)("%s conforms to the kevholditch/kong 6.5.1 provider schema", (name) => {
    expect(checkStackConformance(read(name))).toEqual([]);
  });

  it.each(stacks)("%s has only plugin configs Kong 3.9 accepts", (name) => {
    expect(checkPluginConfigsInStack(read(name))).toEqual([]);
  });

  it.each(stacks)(
    "%s holds no secret value, only sensitive variables and vault references",
    (name) => {
      expect(checkSecretsInStack(read(name))).toEqual([]);
    },
  );

  it.each(stacks)(
    "%s tags every entity as ours, each plugin with its service, route or consumer",
    (name) => {
      // A stack is named after its environment, then its team: prod, prod-orders.
      const environment = name.split("-")[0];
      expect(missingOwnershipTags(read(name) as Record<string, unknown>, environment)).toEqual([]);
    },
  );

  it("would catch a broken stack (the checks are not hollow)", () => {
    type Resources = { resource: Record<string, Record<string, Record<string, unknown>>> };
    const stack = read("prod-orders") as Resources;
    const [routeId] = Object.keys(stack.resource.kong_route);
    stack.resource.kong_route[routeId].strip_paths = true;
    const [pluginId] = Object.keys(stack.resource.kong_plugin);
    stack.resource.kong_plugin[pluginId].config_json = JSON.stringify({ no_such_field: 1 });
    const shared = read("prod") as Resources;
    const [credentialId] = Object.keys(shared.resource.kong_consumer_key_auth);
    shared.resource.kong_consumer_key_auth[credentialId].key = "hunter2";
    expect(checkStackConformance(stack).map((p) => p.address)).toContain(`kong_route.${routeId}`);
    expect(checkPluginConfigsInStack(stack).map((p) => p.address)).toContain(
      `kong_plugin.${pluginId}`,
    );
    expect(checkSecretsInStack(shared).map((p) => p.address)).toContain(
      `kong_consumer_key_auth.${credentialId}`,
    );
    const [routePluginId, routePlugin] = Object.entries(stack.resource.kong_plugin).find(
      ([, plugin]) => plugin.route_id !== undefined,
    )!;
    routePlugin.tags = ["managed-by:avro-kong", "environment:prod"];
    expect(missingOwnershipTags(stack, "prod")).toEqual([
      expect.stringMatching(new RegExp(`^kong_plugin\\.${routePluginId} lacks route:`)),
      expect.stringMatching(new RegExp(`^kong_plugin\\.${routePluginId} lacks service:`)),
    ]);
  });
});
