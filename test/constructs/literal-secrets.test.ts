import { createHash } from "crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App } from "cdktf";
import { fingerprint, parseSchema } from "../../src/avro";
import {
  Duration,
  Environment,
  Gateway,
  Identity,
  KongStack,
  runApp,
  Secret,
  type RouteOptions,
} from "../../src/constructs";
import { plugin } from "../../src/provider";
import { compileLuaValidator } from "../../src/validators";
import { contractsOf } from "../support/contracts";

// Credential look-alikes built at run time, so that none sits in this file as a literal.
const JWT = ["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "c2lnbmF0dXJl"].join(".");
const AWS = "AKIA" + "IOSFODNN7EXAMPLE";
const GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

/**
 * A schema whose names, doc, default and enum symbols look like credentials: the validator
 * chunks embed its names and symbols, and must not be taken for literals.
 */
const tricky = {
  type: "record",
  name: "Login",
  namespace: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0",
  doc: `Bearer ${JWT} token`,
  fields: [
    { name: "password", type: "string", default: "Bearer abcdef12345678" },
    { name: "token", type: { type: "enum", name: "Kind", symbols: [AWS, "Bearer", "token"] } },
    { name: "api_key", type: ["null", "string"], default: null },
  ],
};
const subject = `${tricky.namespace}.${tricky.name}`;
const contracts = contractsOf({ [subject]: { version: 1, schema: tricky } });
const compliant: RouteOptions = {
  methods: ["POST"],
  paths: ["/login"],
  protocols: ["https"],
  identity: Identity.jwt({ maxTokenLifetime: Duration.minutes(15) }),
  rateLimit: { perMinute: 600 },
};

describe("no literal credential in free text, through a whole synth", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "avro-kong-literals-"));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  /** One stack per environment, with the compliant route; `extra` adds to each gateway. */
  function run(
    extra: (gateway: Gateway, environment: string) => void,
    environments = ["dev", "prod"],
  ) {
    const err: string[] = [];
    const code = runApp(
      new App({ outdir }),
      (app) => {
        for (const name of environments) {
          const backend = { type: "http", address: `https://state.internal/kong/${name}` } as const;
          const environment = new Environment({ name, contracts, backend });
          const stack = new KongStack(app, name, { environment });
          const gateway = new Gateway(stack, "kong", { environment });
          extra(gateway, name);
        }
      },
      { writeErr: (t) => err.push(t) },
    );
    const left = existsSync(outdir)
      ? readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((f) =>
          f.endsWith(".json"),
        )
      : [];
    return { code, err: err.join(""), left };
  }

  it("synthesizes avro-kong's own chunks for a schema that looks like credentials, and a user's copy of one", () => {
    const schema = parseSchema(tricky);
    const chunk = compileLuaValidator(schema, {
      subject,
      version: 1,
      fingerprint: fingerprint(schema, "crc64"),
    });
    const result = run((gateway) => {
      const service = gateway.addService("login", { url: "http://login.internal" });
      service.addRoute("login", {
        ...compliant,
        validate: { request: subject, response: { subject, mode: "enforce" } },
      });
      service
        .addRoute("login-copy", { ...compliant, methods: ["GET"], paths: ["/login-copy"] })
        .addPlugin("pre-function", { access: [chunk] });
      gateway.addConsumer("partner", {
        credentials: [],
        customId: "partner-0042",
      });
    });
    expect(result).toEqual({
      code: 0,
      err: "",
      left: expect.arrayContaining(["stacks/prod/cdk.tf.json"]),
    });
    const prod = readFileSync(join(outdir, "stacks/prod/cdk.tf.json"), "utf8");
    expect(prod).toContain(AWS); // the enum symbol is in the chunk, as the schema says
  });

  it.each(["dev", "prod"])(
    "refuses in %s a literal in Lua code, naming the plugin, the route, the field, the line and column and the rule; nothing is written",
    (environment) => {
      const result = run(
        (gateway) =>
          gateway
            .addService("login", { url: "http://login.internal" })
            .addRoute("login", compliant)
            .addPlugin("pre-function", {
              access: [
                `local upstream = "billing"\nkong.service.request.set_header("Authorization", "Bearer ${JWT}")`,
              ],
            }),
        [environment],
      );
      expect(result).toEqual({
        code: 1,
        err: `${environment}/kong/login/login/pre-function: Plugin pre-function on route login: config.access[0] line 2, column 50 holds a literal credential (a JWT); expected the code to read it at run time, kong.vault.get("{vault://…}"), never a literal credential.\n`,
        left: [],
      });
    },
  );

  describe("trusts a chunk only when it is byte for byte what avro-kong compiles for the environment's pin", () => {
    const genuine = compileLuaValidator(parseSchema(tricky), {
      subject,
      version: 1,
      fingerprint: fingerprint(parseSchema(tricky), "crc64"),
    });
    /** A route of its own whose pre-function runs `chunk`, added by hand (or by an escape hatch). */
    const declaring = (chunk: string, how: "addPlugin" | "escape hatch") => (gateway: Gateway) => {
      const route = gateway
        .addService("login", { url: "http://login.internal" })
        .addRoute("login", compliant);
      if (how === "addPlugin") route.addPlugin("pre-function", { access: [chunk] });
      else
        new plugin.Plugin(gateway, "raw-pre-function", {
          name: "pre-function",
          configJson: JSON.stringify({ access: [chunk] }),
        });
    };
    const refusal = /config\.access\[0\] line \d+, column \d+ holds a literal credential/;

    it.each(["addPlugin", "escape hatch"] as const)(
      "scans a forged chunk through %s: avro-kong's first line and a matching sha256 seal, a credential in between",
      (how) => {
        const body = `${genuine.split("\n")[0]}\nlocal api_key = "${AWS}"\nreturn function() end\n`;
        const seal = createHash("sha256").update(body, "utf8").digest("hex");
        const forged = `${body}-- avro-kong generated, sha256 ${seal} of the lines above\n`;
        const result = run(declaring(forged, how), ["dev"]);
        expect(result.code).toBe(1);
        expect(result.err).toMatch(refusal);
        expect(result.err).not.toContain(AWS);
        expect(result.left).toEqual([]);
      },
    );

    it("scans a genuine chunk of another version than the environment pins", () => {
      const other = compileLuaValidator(parseSchema(tricky), {
        subject,
        version: 2,
        fingerprint: fingerprint(parseSchema(tricky), "crc64"),
      });
      const result = run(declaring(other, "addPlugin"), ["dev"]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(refusal);
    });

    it("scans a genuine chunk with one byte changed", () => {
      const changed = genuine.replace("return function()", "return function ()");
      expect(changed).not.toBe(genuine);
      const result = run(declaring(changed, "escape hatch"), ["dev"]);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(refusal);
    });

    it("trusts the genuine chunk, added by hand or through an escape hatch", () => {
      expect(run(declaring(genuine, "addPlugin"), ["dev"])).toMatchObject({ code: 0, err: "" });
      expect(run(declaring(genuine, "escape hatch"), ["dev"])).toMatchObject({ code: 0, err: "" });
    });
  });

  it("still refuses the issue's example, and takes Secrets in its place", () => {
    const issue = run((gateway) =>
      gateway
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("get-order", { ...compliant, methods: ["GET"], paths: ["/orders"] })
        .addPlugin("http-log", {
          http_endpoint: "https://c.internal/i?token=hunter2",
          headers: { "X-Api-Key": "hunter3" },
        }),
    );
    expect(issue.code).toBe(1);
    expect(issue.err).toBe(
      'dev/kong/orders/get-order/http-log: Plugin http-log on route get-order: config.http_endpoint carries credentials (the query parameter "token"); expected a Secret (Secret.fromVariable or Secret.fromVault) holding the whole URL, never a literal credential.\n',
    );
    expect(issue.left).toEqual([]);
    const fixed = run((gateway) =>
      gateway
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("get-order", { ...compliant, methods: ["GET"], paths: ["/orders"] })
        .addPlugin("http-log", {
          http_endpoint: Secret.fromVariable("log_url"),
          headers: { "X-Api-Key": Secret.fromVault("{vault://env/log-key}") },
        }),
    );
    expect(fixed.code).toBe(0);
  });

  it("refuses literals in escape hatches and in entities' free text with the guardrail, in every environment", () => {
    const result = run((gateway) => {
      new plugin.Plugin(gateway, "raw-pre-function", {
        name: "pre-function",
        configJson: JSON.stringify({ access: [`local api_key = "${AWS}"`] }),
      });
      gateway.addConsumer("partner", { customId: `partner ${GITHUB}` });
    });
    expect(result.code).toBe(1);
    const lines = result.err.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^dev: kong_plugin\.kong_raw-pre-function_\w+ breaks guardrail "no-secret-literals" in dev: Plugin pre-function: config\.access\[0\] line 1, column 17 holds a literal credential \(an AWS access key id\); expected the code reading it at run time, kong\.vault\.get\("\{vault:\/\/…\}"\)\.$/,
      ),
      expect.stringMatching(
        /^dev: kong_consumer\.kong_partner_consumer_\w+ breaks guardrail "no-secret-literals" in dev: attribute custom_id holds a literal credential \(a GitHub token\); expected no credential in it\.$/,
      ),
      expect.stringMatching(
        /^prod: kong_plugin\.\S+ breaks guardrail "no-secret-literals" in prod: Plugin pre-function: config\.access\[0\] line 1/,
      ),
      expect.stringMatching(
        /^prod: kong_consumer\.\S+ breaks guardrail "no-secret-literals" in prod: attribute custom_id holds a literal credential/,
      ),
    ]);
    expect(result.err).not.toContain(AWS);
    expect(result.err).not.toContain(GITHUB);
    expect(result.left).toEqual([]);
  });
});
