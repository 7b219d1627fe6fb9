import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { Environment, Gateway, KongStack, Route } from "../../src/constructs";

const remoteState = { type: "http", address: "https://state.internal/kong" } as const;

/**
 * An app that calls `app.synth()` itself, not the project's runner, under the cdktf CLI's setting
 * to continue on error annotations: a guardrail failure must still keep the stack out of cdktf.out.
 */
describe("a plain app.synth()", () => {
  const saved = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  let outdir: string;
  beforeEach(() => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
    outdir = mkdtempSync(join(tmpdir(), "avro-kong-plain-synth-"));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = saved;
    rmSync(outdir, { recursive: true, force: true });
  });

  function prodApp(): App {
    const app = new App({ outdir });
    const environment = new Environment({ name: "prod", backend: remoteState });
    const gateway = new Gateway(new KongStack(app, "prod", { environment }), "kong", {
      environment,
    });
    gateway
      .addService("orders", { url: "http://orders.internal" })
      .addRoute("get-order", { methods: ["GET"], paths: ["/orders"], protocols: ["https"] });
    return app;
  }

  it("refuses a stack that breaks an enforced guardrail, naming the route and the rule, and writes none of it", () => {
    expect(() => prodApp().synth()).toThrow(
      /\[prod\/kong\/orders\/get-order\] Route get-order breaks guardrail "identity" in prod/,
    );
    expect(existsSync(join(outdir, "stacks", "prod", "cdk.tf.json"))).toBe(false);
  });

  it("writes the stack once the route is exempt, with its reason", () => {
    const app = prodApp();
    const route = app.node.findAll().find((c): c is Route => c instanceof Route);
    route?.exempt("identity", "public catalogue").exempt("rate-limit", "cached at the edge");
    app.synth();
    expect(existsSync(join(outdir, "stacks", "prod", "cdk.tf.json"))).toBe(true);
  });
});
