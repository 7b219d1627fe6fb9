import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { validationErrorOf } from "../support/user-error";
import {
  Consumer,
  Environment,
  Gateway,
  Identity,
  KongPlugin,
  KongStack,
  type GatewayProps,
} from "../../src/constructs";
import { Template } from "../support/template";

const dev = () => new Environment({ name: "dev" });

function teamGateway(
  app: App,
  environment: Environment,
  team?: string,
  props: Partial<GatewayProps> = {},
) {
  const id = team ? `${environment.name}-${team}` : environment.name;
  const stack = new KongStack(app, id, { environment, team });
  return new Gateway(stack, "kong", { environment, ...props });
}

const service = (gateway: Gateway, name: string) =>
  gateway.addService(name, {
    url: `http://${name}.internal:8080`,
    identity: Identity.keyAuth(),
    rateLimit: { perMinute: 60 },
  });

describe("stacks per team", () => {
  it("names a team's stack <environment>-<team> and refuses any other name", () => {
    const app = Testing.app();
    expect(() => new KongStack(app, "orders", { environment: dev(), team: "orders" })).toThrow(
      'KongStack "orders" of environment dev and team orders is misnamed; expected "dev-orders" (stacks are named <environment> or <environment>-<team>).',
    );
    expect(() => new KongStack(app, "shared", { environment: dev() })).toThrow(
      'KongStack "shared" of environment dev is misnamed; expected "dev" (stacks are named <environment> or <environment>-<team>).',
    );
    expect(() => new KongStack(app, "dev-Orders", { environment: dev(), team: "Orders" })).toThrow(
      'KongStack team "Orders" is not a valid team name; expected lower-case letters, digits and single "-", starting with a letter.',
    );
  });

  it.each([
    [{ type: "local" } as const, { local: { path: "../../../terraform.dev-orders.tfstate" } }],
    [
      { type: "local", path: "state/dev" } as const,
      { local: { path: "../../../state/dev-orders" } },
    ],
    [
      { type: "s3", bucket: "b", key: "kong/dev.tfstate", region: "eu-west-1" } as const,
      { s3: expect.objectContaining({ bucket: "b", key: "kong/dev-orders.tfstate" }) },
    ],
    [
      {
        type: "http",
        address: "https://state.internal/kong/dev",
        lockAddress: "https://state.internal/lock/dev",
      } as const,
      {
        http: {
          address: "https://state.internal/kong/dev-orders",
          lock_address: "https://state.internal/lock/dev-orders",
        },
      },
    ],
  ])(
    "keeps a team's state beside the environment's, with -<team> added (%j)",
    (backend, expected) => {
      const app = Testing.app();
      const environment = new Environment({ name: "dev", backend });
      const stack = new KongStack(app, "dev-orders", { environment, team: "orders" });
      expect(Template.synth(stack).json.terraform).toMatchObject({ backend: expected });
    },
  );

  it("refuses two stacks keeping their state in one place", () => {
    const app = Testing.app();
    const backend = { type: "s3", bucket: "b", key: "kong.tfstate", region: "r" } as const;
    new KongStack(app, "staging", { environment: new Environment({ name: "staging", backend }) });
    expect(
      () => new KongStack(app, "prod", { environment: new Environment({ name: "prod", backend }) }),
    ).toThrow(
      "Stacks staging and prod both keep their Terraform state at s3://b/kong.tfstate; expected each stack its own state location.",
    );
  });

  it("records the environment, the team and the environment's stacks in each synthesized stack", () => {
    const app = Testing.app();
    const environment = dev();
    const shared = new KongStack(app, "dev", { environment });
    const orders = new KongStack(app, "dev-orders", { environment, team: "orders" });
    const stacks = ["dev", "dev-orders"];
    expect(meta(shared)).toEqual({ environment: "dev", team: null, stacks });
    expect(meta(orders)).toEqual({ environment: "dev", team: "orders", stacks });
  });

  it("tags a team's entities with its team", () => {
    const app = Testing.app();
    const gateway = teamGateway(app, dev(), "orders");
    service(gateway, "orders");
    const template = Template.synth(stackOf(gateway));
    expect(template.resourceNamed("kong_service", "orders").tags).toEqual([
      "managed-by:avro-kong",
      "environment:dev",
      "team:orders",
      "service:orders",
    ]);
  });

  it("refuses a service or route name used in two stacks of one environment", () => {
    const app = Testing.app();
    const environment = dev();
    const orders = teamGateway(app, environment, "orders");
    const catalog = teamGateway(app, environment, "catalog");
    service(orders, "orders").addRoute("list", { paths: ["/orders"], methods: ["GET"] });
    expect(validationErrorOf(() => service(catalog, "orders"))).toMatchObject({
      constructPath: "dev-catalog/kong",
      message:
        'Service name "orders" is declared in stacks dev-orders and dev-catalog of environment dev; expected it in one stack only (Kong holds one per environment).',
    });
    expect(() =>
      service(catalog, "catalog").addRoute("list", { paths: ["/catalog"], methods: ["GET"] }),
    ).toThrow(
      'Route name "list" is declared in stacks dev-orders and dev-catalog of environment dev; expected it in one stack only (Kong holds one per environment).',
    );
  });

  it("refuses two routes Kong could not tell apart in two stacks of one environment", () => {
    const app = Testing.app();
    const environment = dev();
    service(teamGateway(app, environment, "orders"), "orders").addRoute("list-orders", {
      paths: ["/list"],
      methods: ["GET"],
    });
    expect(() =>
      service(teamGateway(app, environment, "catalog"), "catalog").addRoute("list-items", {
        paths: ["/list"],
        methods: ["GET"],
      }),
    ).toThrow(
      "Routes list-orders (service orders) and list-items (service catalog) both match GET on /list for any host over http, https; Kong could not tell them apart; expected a different path, host or method.",
    );
  });

  it("allows the same names in another environment", () => {
    const app = Testing.app();
    service(teamGateway(app, dev(), "orders"), "orders");
    expect(() =>
      service(teamGateway(app, new Environment({ name: "staging" }), "orders"), "orders"),
    ).not.toThrow();
  });

  it("keeps consumers in the environment's shared stack", () => {
    const app = Testing.app();
    const environment = dev();
    teamGateway(app, environment).addConsumer("storefront");
    const orders = teamGateway(app, environment, "orders");
    expect(() => orders.addConsumer("checkout")).toThrow(
      "Consumer checkout is declared in stack dev-orders; expected it in the shared stack dev, as consumers belong to the whole environment.",
    );
    expect(() => new Consumer(orders, "storefront", {})).toThrow(
      "Consumer storefront is declared in stack dev-orders; expected it in the shared stack dev, as consumers belong to the whole environment.",
    );
  });

  it.each([
    ["adminAuth", { adminAuth: "basic" }],
    ["workspace", { workspace: "shop" }],
    ["tags", { tags: ["x"] }],
    ["roles", { roles: { reader: { idpGroups: ["Readers"] } } }],
  ] as const)("refuses a stack configuring the gateway unlike the others (%s)", (key, props) => {
    const app = Testing.app();
    const environment = dev();
    teamGateway(app, environment);
    expect(validationErrorOf(() => teamGateway(app, environment, "orders", props))).toMatchObject({
      constructPath: "dev-orders/kong",
      message: `Gateway of stack dev-orders sets ${key} unlike stack dev of environment dev; expected the same ${key} in every stack of an environment.`,
    });
  });

  it("refuses, at synth, a reference from one stack into another", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-cross-"));
    try {
      const app = new App({ outdir });
      const environment = dev();
      const shared = teamGateway(app, environment);
      const consumer = shared.addConsumer("storefront");
      const orders = teamGateway(app, environment, "orders");
      new KongPlugin(orders, "limit-storefront", {
        name: "rate-limiting",
        config: { minute: 10 },
        consumerId: consumer.resource.id,
        on: "consumer storefront",
      });
      expect(() => app.synth()).toThrow(
        "Stack dev-orders refers to resources of stack dev; expected each route, plugin and consumer reference to stay inside its own stack (declare the entity in the stack that uses it; roles are names, not references, and work across stacks).",
      );
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

function stackOf(gateway: Gateway): KongStack {
  return gateway.node.scope as KongStack;
}

function meta(stack: KongStack): unknown {
  // Testing.synth drops cdktf's "//" block; the stack's own rendering keeps it.
  return (stack.toTerraform() as { "//": { metadata: { avroKong: unknown } } })["//"].metadata
    .avroKong;
}
