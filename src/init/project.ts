import { parseSchema } from "../avro";
import { formatPins, pinHashes } from "../registry";
import type { Framework } from "./framework";

/**
 * The files of a new project, by path from its root: one team with one service and route, one
 * subject pinned in dev, staging and prod, the same layout as avro-kong's own example.
 */

const SUBJECT = "example.orders.OrderPlaced";
const ENVIRONMENTS = ["dev", "staging", "prod"];

const SCHEMA = {
  type: "record",
  name: "OrderPlaced",
  namespace: "example.orders",
  doc: "An order as a client places it.",
  fields: [
    { name: "orderId", type: "string", doc: "The client's id for the order, for retries." },
    {
      name: "items",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "LineItem",
          fields: [
            { name: "sku", type: "string" },
            { name: "quantity", type: "int" },
          ],
        },
      },
    },
    { name: "note", type: ["null", "string"], default: null },
  ],
};

const MAIN = `import { App, DISABLE_STACK_TRACE_IN_METADATA } from "cdktf";
import { runApp } from "avro-kong";
import { buildApp } from "./app";

// cdktf runs the app in the project root. A mistake in a schema, a pin, a construct or a
// guardrail is reported once, as one sentence naming the construct, and nothing is left to
// deploy in cdktf.out. The CLI prints the manifest's annotations itself.
const app = new App({ context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
const underCli = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
process.exitCode = runApp(app, (built) => buildApp(built, process.cwd()), {
  report: underCli ? "cdktf-cli" : "stderr",
});
`;

const APP = `import type { App } from "cdktf";
import { Gateway, KongStack } from "avro-kong";
import { declareConsumers, teams } from "./apis";
import { loadEnvironments } from "./environments";
import { roles } from "./roles";

/**
 * Each environment: a shared stack \`<env>\` with the consumers, and one stack \`<env>-<team>\`
 * per team with its services and routes, each planned and applied with its own state.
 */
export function buildApp(app: App, rootDir: string): App {
  for (const environment of loadEnvironments(rootDir)) {
    const shared = new KongStack(app, environment.name, { environment });
    declareConsumers(new Gateway(shared, "kong", { environment, roles }));
    for (const [team, declare] of Object.entries(teams)) {
      const stack = new KongStack(app, \`\${environment.name}-\${team}\`, { environment, team });
      declare(new Gateway(stack, "kong", { environment, roles }));
    }
  }
  return app;
}
`;

const ENVIRONMENTS_TS = `import { Environment, UserError, type StateBackend } from "avro-kong";
import { readPromotionOrder } from "avro-kong/contracts";
import { loadRegistry } from "avro-kong/registry";

/** Where each environment keeps its Terraform state: replace with your backend (S3, HTTP, …). */
const backends: Readonly<Record<string, StateBackend>> = {
  dev: { type: "local", path: "terraform.dev.tfstate" },
  staging: { type: "local", path: "terraform.staging.tfstate" },
  prod: { type: "local", path: "terraform.prod.tfstate" },
};

/**
 * The environments, in the order of stacks/promotion.json, which \`avro-kong promote\` enforces.
 * Which contract versions each runs is in its pins (stacks/pins/<env>.json).
 */
export function loadEnvironments(rootDir: string): Environment[] {
  const registry = loadRegistry(rootDir);
  return readPromotionOrder(rootDir).map((name) => {
    const backend = backends[name];
    if (backend === undefined) {
      throw new UserError(\`stacks/promotion.json lists "\${name}", which stacks/environments.ts gives no backend.\`);
    }
    return Environment.load(name, { rootDir, registry, backend });
  });
}
`;

const ROLES = `import type { RoleDefinition } from "avro-kong";

/** The one mapping from your identity provider's groups to roles (Kong ACL groups). */
export const roles: Readonly<Record<string, RoleDefinition>> = {
  "orders-writer": { idpGroups: ["Orders-Writers"], description: "place orders" },
};
`;

const APIS = `import { Credential, Identity, Secret, type Gateway } from "avro-kong";

/** Each team's APIs, the same in every environment; only the pins and settings differ. */
export const teams: Readonly<Record<string, (gateway: Gateway) => void>> = {
  orders: (gateway) => {
    const orders = gateway.addService("orders", {
      url: "http://orders.internal:8080",
      identity: Identity.keyAuth(),
      rateLimit: { perMinute: 600 },
    });
    orders.addRoute("create-order", {
      methods: ["POST"],
      paths: ["/orders"],
      roles: ["orders-writer"],
      validate: { request: "${SUBJECT}" },
    });
  },
};

/** The consumers, in each environment's shared stack: any team's routes may serve them. */
export function declareConsumers(gateway: Gateway): void {
  gateway.addConsumer("storefront", {
    roles: ["orders-writer"],
    credentials: [Credential.keyAuth({ key: Secret.fromVariable("storefront_api_key") })],
  });
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    // node16 reads avro-kong's "exports" (avro-kong/registry, avro-kong/contracts).
    module: "node16",
    moduleResolution: "node16",
    lib: ["ES2022"],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    outDir: "dist",
    rootDir: ".",
    types: ["node"],
  },
  include: ["stacks"],
};

const GITIGNORE = `node_modules/
dist/
cdktf.out/
.terraform/
*.tfstate
*.tfstate.backup
terraform.*.tfstate*
`;

function readme(framework: Framework): string {
  return `# Kong, declared with avro-kong

Avro contracts under \`schemas/\`, Kong under \`stacks/\`, synthesized to Terraform per
environment by \`${framework.cli} synth\`.

\`\`\`sh
npm install && npx ${framework.cli} synth     # dev, staging and prod into cdktf.out/
npx avro-kong schema check                 # every problem in schemas and pins
npx avro-kong promote ${SUBJECT} 2 --env dev   # after adding schemas/${SUBJECT}/v2.avsc
npx avro-kong review                       # what a change does, against main
\`\`\`

- \`stacks/apis.ts\`: the teams' services and routes; \`stacks/roles.ts\`: roles from your
  identity provider's groups; \`stacks/environments.ts\`: where each environment keeps its state.
- \`stacks/promotion.json\`: the environments in promotion order; \`stacks/pins/\`: which
  version of each subject each environment runs, changed only by \`avro-kong promote\`.
- \`.github/workflows/\`: the review of every pull request, and deploying and promoting on main.
  Give each GitHub environment (dev, staging, prod) the secret \`KONG_TFVARS\`: a tfvars file
  with \`kong_admin_uri\`, \`kong_admin_token\` and \`storefront_api_key\`.

avro-kong's guides and reference are in its package, under \`node_modules/avro-kong/docs/\`.
`;
}

function pins(environment: string): string {
  const hashes = pinHashes(parseSchema(SCHEMA));
  return formatPins(environment, { [SUBJECT]: { version: 1, ...hashes, history: [] } });
}

/** The project's files other than package.json, by path from the project root. */
export function projectFiles(framework: Framework, projectId: string): Record<string, string> {
  const files: Record<string, string> = {
    "cdktf.json": `${JSON.stringify(
      {
        language: "typescript",
        app: "npx tsc -p . && node dist/stacks/main.js",
        projectId,
        sendCrashReports: "false",
        terraformProviders: [],
        terraformModules: [],
        context: {},
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    ".gitignore": GITIGNORE,
    "README.md": readme(framework),
    "stacks/main.ts": MAIN,
    "stacks/app.ts": APP,
    "stacks/environments.ts": ENVIRONMENTS_TS,
    "stacks/roles.ts": ROLES,
    "stacks/apis.ts": APIS,
    "stacks/promotion.json": `${JSON.stringify({ order: ENVIRONMENTS })}\n`,
    [`schemas/${SUBJECT}/v1.avsc`]: `${JSON.stringify(SCHEMA, null, 2)}\n`,
  };
  for (const environment of ENVIRONMENTS)
    files[`stacks/pins/${environment}.json`] = pins(environment);
  return files;
}
