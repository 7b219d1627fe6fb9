import { serialize } from "v8";
import { Testing } from "cdktf";
import { Environment, KongStack } from "../../src/constructs";
import { annotations, gatewayFixture, Template } from "../support/template";

/** Whether V8 holds `text` at two bytes a character (its serialization tells). */
function twoByteWide(text: string): boolean {
  return serialize(text).length > serialize(Buffer.from(text, "latin1").toString("latin1")).length;
}

function stackFor(environment: Environment) {
  const app = Testing.app();
  const stack = new KongStack(app, environment.name, { environment });
  return { stack, template: Template.synth(stack) };
}

describe("KongStack", () => {
  it("hands out logical ids one byte a character wide, so that references do not widen cdk.tf.json's text", () => {
    const { stack, gateway } = gatewayFixture();
    const orders = gateway.addService(`orders-${1}`, { url: "http://orders.internal:8080" });
    orders.addRoute(`create-${1}`, { methods: ["POST"], paths: ["/orders"] });
    stack.prepareStack();
    const wide: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === "string") {
        if (twoByteWide(value)) wide.push(value);
      } else if (value !== null && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          if (twoByteWide(key)) wide.push(key);
          walk(inner);
        }
      }
    };
    walk(stack.toTerraform());
    expect(wide).toEqual([]);
  });

  it("keeps local state in the project root by a relative path", () => {
    const { template } = stackFor(new Environment({ name: "dev" }));
    expect(template.json.terraform).toMatchObject({
      backend: { local: { path: "../../../terraform.dev.tfstate" } },
    });
  });

  it("names a remote S3 backend with locking and encryption", () => {
    const { template } = stackFor(
      new Environment({
        name: "prod",
        backend: {
          type: "s3",
          bucket: "b",
          key: "kong/prod.tfstate",
          region: "eu-west-1",
          dynamodbTable: "locks",
        },
      }),
    );
    expect(template.json.terraform).toMatchObject({
      backend: {
        s3: {
          bucket: "b",
          key: "kong/prod.tfstate",
          region: "eu-west-1",
          dynamodb_table: "locks",
          encrypt: true,
        },
      },
    });
  });

  it("names an HTTP backend", () => {
    const { template } = stackFor(
      new Environment({
        name: "staging",
        backend: { type: "http", address: "https://state.internal/kong" },
      }),
    );
    expect(template.json.terraform).toMatchObject({
      backend: { http: { address: "https://state.internal/kong" } },
    });
  });

  it("warns when production keeps its state locally, and not otherwise", () => {
    const prod = stackFor(new Environment({ name: "prod" }));
    expect(annotations(prod.stack, "warn")).toEqual([
      "Environment prod keeps its Terraform state in a local file; production state belongs in a shared remote backend with locking.",
    ]);
    expect(annotations(stackFor(new Environment({ name: "dev" })).stack, "warn")).toEqual([]);
  });

  it("rejects an absolute local state path", () => {
    expect(
      () =>
        new Environment({ name: "dev", backend: { type: "local", path: "/var/state.tfstate" } }),
    ).toThrow(
      'Environment dev backend path "/var/state.tfstate" is absolute; expected a path relative to the project root.',
    );
  });
});

describe("Environment", () => {
  it("is strict in production and lenient elsewhere by default", () => {
    expect(new Environment({ name: "prod" })).toMatchObject({
      production: true,
      guardrails: "enforce",
    });
    expect(new Environment({ name: "dev" })).toMatchObject({
      production: false,
      guardrails: "warn",
    });
    expect(new Environment({ name: "staging", guardrails: "enforce" }).guardrails).toBe("enforce");
  });

  it("rejects a bad name", () => {
    expect(() => new Environment({ name: "my env" })).toThrow(
      'Environment name "my env" is not a valid Kong name',
    );
  });
});
