import type { EnvironmentReview, Review } from "../../src/review";
import { getVersion, loadRegistry, pinOf } from "../../src/registry";
import { renderGithubMarkdown } from "../support/github-markdown";
import { checkedReview } from "../support/review-report";
import { ExampleRepository } from "./example-repository";

/**
 * `avro-kong review` as a reviewer runs it: on branches of a real git repository holding the
 * project's own example, each branch made from main and reviewed against it (the default base),
 * both revisions synthesized by the example's real app. One repository for the whole file: a
 * review synthesizes three environments twice.
 */
const REVIEW_TIMEOUT = 300_000;

let repo: ExampleRepository;
beforeAll(() => {
  repo = new ExampleRepository();
});
afterAll(() => repo.dispose());

const SHOP = "stacks/shop.ts";

async function jsonReview(...argv: string[]) {
  const run = await repo.review("--format", "json", ...argv);
  return { ...run, json: checkedReview(JSON.parse(run.out) as Review) };
}

/** Each environment's entity changes as `change address`, and what breaks clients, if anything. */
function changes(e: EnvironmentReview): string[] {
  return e.entities.map((c) => `${c.change} ${c.label}`);
}

const ENVIRONMENTS = ["dev", "staging", "prod"];

describe("avro-kong review of a renamed route, service or consumer", () => {
  const renameRoute = (renamedFrom: boolean) => () =>
    repo.edit(
      SHOP,
      `  orders.addRoute("create-order", {\n`,
      `  orders.addRoute("place-order", {\n${renamedFrom ? `    renamedFrom: "create-order",\n` : ""}`,
    );

  it(
    "shows a route renamed with renamedFrom as a move in every environment, nothing destroyed: --fail-on destructive exits 0",
    async () => {
      repo.branch("rename-route-in-place", renameRoute(true));
      const run = await jsonReview("--fail-on", "destructive,risky");
      expect([run.code, run.err]).toEqual([0, ""]);
      const review = run.json;
      expect(review.base.label).toMatch(/^merge-base with main \([0-9a-f]{12}\)$/);
      expect(review.environments.map((e) => e.environment)).toEqual(ENVIRONMENTS);
      for (const e of review.environments) {
        expect([e.added, e.removed, e.replaced]).toEqual([[], [], []]);
        const route = e.entities.find((c) => c.label === "orders/place-order");
        expect(route).toMatchObject({
          change: "moved",
          destructive: [],
          risks: [],
          previous: { address: expect.stringContaining("create-order") },
        });
        expect(route?.attributes).toContainEqual({
          path: "name",
          from: "create-order",
          to: "place-order",
        });
        // The route's plugins follow it; nothing else of the environment changes.
        expect(e.entities.every((c) => c.change === "moved" || c.change === "changed")).toBe(true);
        expect(e.moved.length).toBeGreaterThan(1);
      }
      expect(review.risks).toEqual([]);
    },
    REVIEW_TIMEOUT,
  );

  it(
    "shows the same rename without renamedFrom as a replacement (destroy, then create: a window without the route): --fail-on destructive exits 1",
    async () => {
      repo.branch("rename-route-replaced", renameRoute(false));
      const run = await repo.review("--fail-on", "destructive");
      expect(run.code).toBe(1);
      const [failure, ...rest] = run.err.split("\n");
      expect(rest).toEqual([]);
      expect(failure).toMatch(/^--fail-on destructive: 12 destructive change\(s\): /);
      // The route and its three plugins, in each environment: each is destroyed and created.
      for (const env of ENVIRONMENTS)
        expect(failure).toMatch(
          new RegExp(` kong_route\\.kong_orders_place-order_route_[0-9A-F]{8} in ${env}[,.]`),
        );
      const md = run.out;
      const attention = md.slice(md.indexOf("#### ⚠️ Needs attention"), md.indexOf("#### "));
      expect(md.indexOf("#### ⚠️ Needs attention")).toBeGreaterThan(0);
      expect(md.indexOf("#### ⚠️ Needs attention")).toBeLessThan(md.indexOf("<details>"));
      for (const env of ENVIRONMENTS)
        expect(md).toContain(
          `- **destructive** in ${env}, orders/place-order: orders/create-order renamed to orders/place-order (`,
        );
      expect(md).toContain(
        "Terraform destroys the old route and creates the new one, so for a moment neither exists; renamedFrom on the construct (a moved block) keeps it in place",
      );
      expect(md).toMatch(/- 🔁 replaced \*\*orders\/place-order\*\* `kong_route\./);
      expect(md).not.toMatch(/➖ removed \*\*orders\/create-order\*\*/);
      expect(attention).not.toContain("route removed");
    },
    REVIEW_TIMEOUT,
  );

  it(
    "shows a service and a consumer renamed with renamedFrom as moves, their routes and credentials with them",
    async () => {
      repo.branch("rename-service-and-consumer", () => {
        repo.edit(
          SHOP,
          `gateway.addService("payments", {\n`,
          `gateway.addService("payment-gateway", {\n    renamedFrom: "payments",\n`,
        );
        repo.edit(
          SHOP,
          `gateway.addConsumer("checkout", {\n`,
          `gateway.addConsumer("checkout-web", {\n    renamedFrom: "checkout",\n`,
        );
      });
      const run = await jsonReview("--fail-on", "destructive,risky");
      expect([run.code, run.err]).toEqual([0, ""]);
      for (const e of run.json.environments) {
        expect([e.added, e.removed, e.replaced]).toEqual([[], [], []]);
        expect(changes(e)).toEqual(
          expect.arrayContaining([
            "moved payment-gateway",
            "moved payment-gateway/request-payment",
            "moved acl on payment-gateway/request-payment",
            "moved key-auth on payment-gateway",
            "moved checkout-web",
            "moved checkout-web key_auth",
          ]),
        );
        expect(e.entities.filter((c) => c.destructive.length > 0)).toEqual([]);
      }
    },
    REVIEW_TIMEOUT,
  );
});

describe("avro-kong review of a new team's stack", () => {
  it(
    "lists each new stack (a new Terraform state) first among what needs attention: --fail-on new-state exits 1, destructive does not",
    async () => {
      repo.branch("shipping-team", () => {
        repo.edit(
          SHOP,
          `  catalog: declareCatalog,\n`,
          `  catalog: declareCatalog,\n  shipping: (gateway) =>\n    gateway\n      .addService("shipping", {\n        url: "http://shipping.shop.internal:8080",\n        identity: partnerKey,\n        rateLimit: { perMinute: 300 },\n      })\n      .addRoute("track-parcel", { methods: ["GET"], paths: ["/parcels"], roles: ["orders-reader"] }),\n`,
        );
      });
      const run = await repo.review("--fail-on", "new-state,destructive");
      expect(run.code).toBe(1);
      expect(run.err).toBe(
        "--fail-on new-state: 3 risk(s): " +
          ENVIRONMENTS.map(
            (env) =>
              `new-state: new stack ${env}-shipping: a new Terraform state, whose backend must exist before apply (${env}-shipping in ${env})`,
          ).join("; ") +
          ".",
      );
      const lines = run.out.split("\n");
      const top = lines.indexOf("#### ⚠️ Needs attention (3)");
      expect(top).toBeGreaterThan(0);
      // Right under the summary table, before anything folded.
      expect(lines.slice(0, top).some((l) => l.startsWith("<details>"))).toBe(false);
      expect(lines.slice(top + 2, top + 5)).toEqual(
        ENVIRONMENTS.map(
          (env) =>
            `- **new-state** in ${env}: new stack ${env}-shipping: a new Terraform state, whose backend must exist before apply`,
        ),
      );
      for (const env of ENVIRONMENTS)
        expect(run.out).toMatch(
          new RegExp(`^\\| ${env} \\| 5 \\| 0 \\| 0 \\| 0 \\| ⚠️ 1 \\|$`, "m"),
        );
    },
    REVIEW_TIMEOUT,
  );
});

describe("avro-kong review of a branch that only adds a service with JWT routes", () => {
  it(
    "raises no alarm: identity, roles and limits on routes that did not exist break no client (--fail-on destructive,risky exits 0)",
    async () => {
      repo.branch("refunds-service", () => {
        repo.edit(
          SHOP,
          `function declarePayments(gateway: Gateway): void {\n`,
          `function declareRefunds(gateway: Gateway): void {
  const refunds = gateway.addService("refunds", {
    url: "http://refunds.shop.internal:8080",
    identity: staffToken,
    rateLimit: { perMinute: 120 },
  });
  refunds.addRoute("create-refund", {
    methods: ["POST"],
    paths: ["/refunds"],
    roles: ["orders-writer"],
    validate: { request: "shop.orders.OrderCancelled" },
  });
  refunds.addRoute("get-refund", { methods: ["GET"], paths: ["~/refunds/[0-9a-f-]{36}$"], roles: ["orders-reader"] });
}

function declarePayments(gateway: Gateway): void {\n`,
        );
        repo.edit(
          SHOP,
          `    declarePayments(gateway);\n`,
          `    declarePayments(gateway);\n    declareRefunds(gateway);\n`,
        );
      });
      const run = await jsonReview("--fail-on", "destructive,risky");
      expect([run.code, run.err]).toEqual([0, ""]);
      for (const e of run.json.environments) {
        expect([e.changed, e.removed, e.replaced, e.moved, e.newStacks]).toEqual([
          [],
          [],
          [],
          [],
          [],
        ]);
        expect(changes(e)).toEqual(
          expect.arrayContaining([
            "added refunds",
            "added refunds/create-refund",
            "added refunds/get-refund",
            "added jwt on refunds",
          ]),
        );
        expect(e.entities.every((c) => c.change === "added" && c.destructive.length === 0)).toBe(
          true,
        );
        // An added entity shows what it is: the JWT plugin its name and settings.
        const jwt = e.entities.find((c) => c.label === "jwt on refunds");
        expect(jwt?.attributes.map((a) => a.path)).toContain("name");
      }
      expect(run.json.risks).toEqual([]);
    },
    REVIEW_TIMEOUT,
  );
});

describe("avro-kong review of a hostile schema", () => {
  const HOSTILE =
    "\n\n</details>\n\n### ✅ Nothing changes in prod <script>alert(1)</script> \u0000 \u001b[31m";
  const LONG = " long".repeat(250);

  it(
    "keeps the schema's text as text in the comment and shows control characters escaped on stderr, never cut mid-word",
    async () => {
      repo.branch("hostile-schema", () => {
        const subject = "shop.orders.OrderPlaced";
        const v2 = JSON.parse(repo.read(`schemas/${subject}/v2.avsc`)) as { fields: unknown[] };
        // A valid v3 whose doc and new field's default are hostile, pinned in dev...
        repo.write(
          `schemas/${subject}/v3.avsc`,
          JSON.stringify({
            ...v2,
            doc: `doc${HOSTILE}`,
            fields: [
              ...v2.fields,
              { name: "note", type: "string", default: HOSTILE, doc: HOSTILE },
            ],
          }),
        );
        const registry = loadRegistry(repo.root);
        const pins = JSON.parse(repo.read("stacks/pins/dev.json")) as {
          subjects: Record<string, { history: unknown[] }>;
        };
        const { history, ...current } = pins.subjects[subject] as Record<string, unknown> & {
          history: unknown[];
        };
        pins.subjects[subject] = {
          ...pinOf(getVersion(registry, subject, 3)),
          history: [...history, current],
        };
        repo.write("stacks/pins/dev.json", JSON.stringify(pins, null, 2) + "\n");
        // ...and an unpinned schema whose namespace is hostile (and long): a schema problem.
        repo.write(
          "schemas/shop.orders.OrderNoted/v1.avsc",
          JSON.stringify({
            type: "record",
            name: "OrderNoted",
            namespace: `shop.orders${HOSTILE}${LONG}`,
            fields: [{ name: "a", type: "string" }],
          }),
        );
      });
      const run = await repo.review("--fail-on", "incompatible");
      expect(run.code).toBe(1);

      // stderr: one line per sentence, control characters escaped, the sentence whole.
      // eslint-disable-next-line no-control-regex
      expect(run.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      const lines = run.err.split("\n");
      const problem = lines.find((l) => l.startsWith("The working tree does not synthesize: "));
      expect(problem).toContain(
        `schemas/shop.orders.OrderNoted/v1.avsc at /namespace: invalid namespace "shop.orders\\u000a\\u000a</details>\\u000a\\u000a### ✅ Nothing changes in prod <script>alert(1)</script> \\u0000 \\u001b[31m${LONG}".`,
      );

      // The comment as GitHub renders it: no forged heading, no closed <details>, no script.
      const html = renderGithubMarkdown(run.out);
      expect(html.match(/<h3>[^]*?<\/h3>/g)).toEqual(["<h3>avro-kong plan review</h3>"]);
      expect(html).not.toContain("<script");
      expect(html.split("<details>").length).toBe(html.split("</details>").length);
      expect(html).toContain(
        'invalid namespace "shop.orders\\u000a\\u000a&lt;/details&gt;\\u000a\\u000a### ✅ Nothing changes in prod &lt;script&gt;alert(1)&lt;/script&gt; \\u0000 \\u001b[31m long',
      );
      // The summary line is clipped at a word, with an ellipsis.
      expect(html).toMatch(/ long… Kong entities are not compared;/);
      expect(run.out).toMatch(
        /^\| `shop\.orders\.OrderPlaced` \| dev \| v2 `[0-9a-f]{16}` \| v3 `[0-9a-f]{16}` \| ✅ compatible/m,
      );
    },
    REVIEW_TIMEOUT,
  );
});
