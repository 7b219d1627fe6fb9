import {
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
import { App } from "cdktf";
import { ValidationError } from "../../src/common";
import {
  Duration,
  Environment,
  Gateway,
  Identity,
  KongStack,
  Route,
  runApp,
  Secret,
  type RouteOptions,
} from "../../src/constructs";
import { contractsOf, orderPlacedV2 } from "../support/contracts";

const contracts = contractsOf({ "shop.orders.OrderPlaced": { version: 2, schema: orderPlacedV2 } });
const remoteState = { type: "http", address: "https://state.internal/kong" } as const;
const compliant: RouteOptions = {
  methods: ["POST"],
  paths: ["/orders"],
  protocols: ["https"],
  identity: Identity.jwt({ maxTokenLifetime: Duration.minutes(15) }),
  rateLimit: { perMinute: 600 },
  validate: { request: "shop.orders.OrderPlaced" },
};

/** dev and prod, each with one route; `prodRoute` changes prod's route. */
function build(prodRoute: Partial<RouteOptions>, devRoute: Partial<RouteOptions> = {}) {
  return (app: App): void => {
    for (const [name, options] of [
      ["dev", devRoute],
      ["prod", prodRoute],
    ] as const) {
      const backend = { ...remoteState, address: `${remoteState.address}/${name}` };
      const environment = new Environment({ name, contracts, backend });
      const stack = new KongStack(app, name, { environment });
      new Gateway(stack, "kong", { environment })
        .addService("orders", { url: "http://orders.internal" })
        .addRoute("create-order", { ...compliant, ...options });
    }
  };
}

describe("runApp: synthesis is all or nothing", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "avro-kong-synth-"));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  /** Runs the app into `outdir`; returns the exit code, stderr and the files left. */
  function run(builder: (app: App) => void) {
    const err: string[] = [];
    const code = runApp(new App({ outdir }), builder, { writeErr: (t) => err.push(t) });
    const left = existsSync(outdir)
      ? readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((f) =>
          /(manifest|cdk\.tf)\.json$/.test(f),
        )
      : [];
    return { code, err: err.join(""), left: left.sort() };
  }

  /** A cdktf.out from an earlier, successful run. */
  function staleOutput(): void {
    for (const stack of ["dev", "prod"]) {
      mkdirSync(join(outdir, "stacks", stack), { recursive: true });
      writeFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "{}");
    }
    writeFileSync(join(outdir, "manifest.json"), "{}");
  }

  it("writes every stack and the manifest when nothing is wrong", () => {
    expect(run(build({}))).toEqual({
      code: 0,
      err: "",
      left: ["manifest.json", "stacks/dev/cdk.tf.json", "stacks/prod/cdk.tf.json"],
    });
  });

  it("fails on an enforced guardrail: one sentence with the construct path and the rule, nothing left, stale output removed", () => {
    staleOutput();
    // dev only warns; prod enforces.
    expect(run(build({ rateLimit: undefined }, { rateLimit: undefined }))).toEqual({
      code: 1,
      err: 'prod/kong/orders/create-order: Route create-order breaks guardrail "rate-limit" in prod: no rate limit on the route or its service.\n',
      left: [],
    });
  });

  it("reports every error once, in tree order", () => {
    const err = run(build({ rateLimit: undefined, identity: undefined })).err;
    expect(err.split("\n")).toEqual([
      'prod/kong/orders/create-order: Route create-order breaks guardrail "identity" in prod: no identity plugin on the route or its service.',
      'prod/kong/orders/create-order: Route create-order breaks guardrail "rate-limit" in prod: no rate limit on the route or its service.',
      "",
    ]);
  });

  it("fails on a construct's validation (node.addValidation) the same way", () => {
    staleOutput();
    const result = run((app) => {
      build({})(app);
      const route = app.node.findAll().find((c) => c.node.path === "dev/kong/orders/create-order");
      route?.node.addValidation({ validate: () => ["Route create-order is checked late."] });
    });
    expect(result).toEqual({
      code: 1,
      err: "dev/kong/orders/create-order: Route create-order is checked late.\n",
      left: [],
    });
  });

  it("reports a construct's mistake as one sentence, with the path when it has one", () => {
    staleOutput();
    expect(run(build({ paths: [] }))).toEqual({
      code: 1,
      err: 'prod/kong/orders/create-order: Route create-order has no paths and no hosts; expected at least one path (e.g. "/orders") or host.\n',
      left: [],
    });
    expect(
      run((app) => {
        build({})(app);
        throw new ValidationError("Something is off.", app.node.findChild("prod"));
      }),
    ).toEqual({ code: 1, err: "prod: Something is off.\n", left: [] });
  });

  it.each<[string, (app: App) => void, string]>([
    [
      "a Secret variable name",
      () => Secret.fromVariable("Orders-Key"),
      'Secret variable name "Orders-Key" is invalid; expected lower-case letters, digits and "_", starting with a letter.',
    ],
    [
      "a vault reference",
      () => Secret.fromVault("vault://env/key"),
      'Secret vault reference "vault://env/key" is invalid; expected e.g. {vault://env/orders-jwt-secret}.',
    ],
    [
      "a plugin name",
      (app) => {
        build({})(app);
        const route = app.node.findAll().find((c): c is Route => c instanceof Route);
        route?.addPlugin("corelation-id" as never, {} as never);
      },
      "dev/kong/orders/create-order: Plugin corelation-id on route create-order: unknown plugin (did you mean correlation-id?); expected one of acl, acme, ai-prompt-decorator, ai-prompt-guard, ai-prompt-template, ai-proxy, ai-request-transformer, ai-response-transformer, aws-lambda, azure-functions, basic-auth, bot-detection, correlation-id, cors, datadog, file-log, grpc-gateway, grpc-web, hmac-auth, http-log, ip-restriction, jwt, key-auth, ldap-auth, loggly, oauth2, openid-connect, opentelemetry, post-function, pre-function, prometheus, proxy-cache, rate-limiting, redirect, request-size-limiting, request-termination, request-transformer, request-validator, response-ratelimiting, response-transformer, session, standard-webhooks, statsd, syslog, tcp-log, udp-log, zipkin.",
    ],
    [
      "a body limit",
      build({ validate: { request: "shop.orders.OrderPlaced", maxBodyBytes: 0 } }),
      "route create-order validate maxBodyBytes 0 is invalid; expected a whole number of bytes from 1 to 134217728.",
    ],
  ])("reports a mistake in %s as one sentence, without a stack", (_what, builder, message) => {
    staleOutput();
    expect(run(builder)).toEqual({ code: 1, err: `${message}\n`, left: [] });
  });

  it("leaves the errors to the cdktf CLI to print once: a manifest of the failed stacks, no Terraform", () => {
    staleOutput();
    const code = runApp(new App({ outdir }), build({ rateLimit: undefined }), {
      report: "cdktf-cli",
      writeErr: () => {
        throw new Error("nothing goes to stderr");
      },
    });
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(["prod"]);
    expect(manifest.stacks.prod.annotations).toEqual([
      {
        constructPath: "prod/kong/orders/create-order",
        level: "@cdktf/error",
        message:
          'Route create-order breaks guardrail "rate-limit" in prod: no rate limit on the route or its service.',
      },
    ]);
    const left = readdirSync(outdir, { recursive: true, encoding: "utf8" });
    expect(left.filter((f) => /\.tf(\.json)?$/.test(f))).toEqual([]);
  });

  it("shows a bug with its stack", () => {
    staleOutput();
    const result = run((app) => {
      build({})(app);
      (undefined as unknown as { oops: () => void }).oops();
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^avro-kong: synthesis failed unexpectedly: TypeError: .*\n {4}at /);
    expect(result.left).toEqual([]);
  });
});
