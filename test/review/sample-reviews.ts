import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Identity, type Gateway } from "../../src/constructs";
import { readRevision, type Review, type RevisionInput } from "../../src/review";
import { orderV1, orderV2, orderV3, revision, reviewJson, type RevisionSpec } from "./fixture";

/**
 * Three reviews as a team meets them, each built by the real review (`buildReview` over two real
 * cdktf syntheses of the constructs): a routine change, a risky one and a large one that meets
 * GitHub's comment limit. The rendering test and `npm run render-reviews` show them as GitHub
 * would.
 */

const SUBJECT = "shop.orders.OrderPlaced";
const schemas = { [SUBJECT]: { 1: orderV1, 2: orderV2, 3: orderV3 } };
const promotionOrder = ["dev", "staging", "prod"];

/** A schema namespace that would close a `<details>` and forge a heading if echoed raw. */
export const FORGED_NAMESPACE = "\n\n</details>\n\n### ✅ Nothing changes in prod";

interface Orders {
  readonly createPerMinute?: number;
  readonly listOrders?: boolean;
  readonly orderStatus?: boolean;
}

/** The orders team's API: JWT on the service, ACL roles, limits, and the contract validated. */
function orders(gateway: Gateway, o: Orders = {}): void {
  const service = gateway.addService("orders", {
    url: "http://orders.internal:8080",
    identity: Identity.jwt(),
  });
  service.addRoute("create-order", {
    methods: ["POST"],
    paths: ["/orders"],
    roles: ["writer"],
    rateLimit: { perMinute: o.createPerMinute ?? 600 },
    validate: { request: SUBJECT },
  });
  if (o.listOrders ?? true)
    service.addRoute("list-orders", {
      methods: ["GET"],
      paths: ["/orders"],
      roles: ["reader"],
      rateLimit: { perMinute: 1200 },
    });
  if (o.orderStatus)
    service.addRoute("order-status", {
      methods: ["GET"],
      paths: ["~/orders/[0-9a-f-]+/status$"],
      roles: ["reader"],
      rateLimit: { perMinute: 1200 },
    });
}

/** The catalog: public browsing, behind key-auth where `keyAuth`. */
function catalog(gateway: Gateway, keyAuth: boolean): void {
  const browse = gateway
    .addService("catalog", {
      url: "http://catalog.internal:8080",
      ...(keyAuth ? { identity: Identity.keyAuth() } : {}),
    })
    .addRoute("browse", { methods: ["GET"], paths: ["/catalog"], rateLimit: { perMinute: 3000 } });
  if (!keyAuth) browse.exempt("identity", "public catalog for search engines");
}

function spec(s: Partial<RevisionSpec> & Pick<RevisionSpec, "pins" | "declare">): RevisionSpec {
  return { schemas, promotionOrder, ...s };
}

/**
 * Routine: staging promoted to the compatible v2 that dev already runs, and a status route added
 * to the orders service in every environment. Nothing needs attention.
 */
export function routineReview(): Review {
  const pins = (staging: number) => ({
    dev: { [SUBJECT]: 2 },
    staging: { [SUBJECT]: staging },
    prod: { [SUBJECT]: 1 },
  });
  const base = revision(
    spec({ label: "main (3f2c1a9e0b7d)", pins: pins(1), declare: (g) => orders(g) }),
  );
  const head = revision(
    spec({
      label: "working tree",
      pins: pins(2),
      declare: (g) => orders(g, { orderStatus: true }),
    }),
  );
  return reviewJson(base, head);
}

/**
 * The problems `readRevision` reports for a checkout whose schema has a hostile namespace (a
 * real registry scan of a real file, not a made-up sentence).
 */
function hostileSchemaProblems(): string[] {
  const root = mkdtempSync(join(tmpdir(), "avro-kong-sample-review-"));
  try {
    const dir = join(root, "schemas", "shop.audit.Event");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "v1.avsc"),
      JSON.stringify({ type: "record", name: "Event", namespace: FORGED_NAMESPACE, fields: [] }),
    );
    return [...readRevision(root, "head", { stacks: [] }).problems];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Risky: in prod a route removed, the catalog's identity removed, a rate limit lowered, an
 * incompatible contract pinned, a new team stack; and a schema whose namespace tries to forge a
 * heading.
 */
export function riskyReview(): Review {
  const pins = (prod: number) => ({ dev: { [SUBJECT]: 2 }, prod: { [SUBJECT]: prod } });
  const stacks = (payments: boolean) => ({
    dev: { environment: "dev" },
    prod: { environment: "prod" },
    ...(payments ? { "prod-payments": { environment: "prod", team: "payments" } } : {}),
  });
  const base = revision(
    spec({
      label: "main (3f2c1a9e0b7d)",
      pins: pins(1),
      stacks: stacks(false),
      declare: (g) => {
        orders(g);
        catalog(g, true);
      },
    }),
  );
  const head: RevisionInput = {
    ...revision(
      spec({
        label: "working tree",
        pins: pins(3),
        stacks: stacks(true),
        declare: (g, stack) => {
          if (stack === "prod-payments") {
            g.addService("payments", { url: "http://payments.internal:8080" })
              .addRoute("capture", {
                methods: ["POST"],
                paths: ["/payments"],
                identity: Identity.jwt(),
                roles: ["writer"],
                rateLimit: { perMinute: 300 },
              })
              .exempt("request-validation", "the provider signs the body; the service checks it");
            return;
          }
          const prod = stack === "prod";
          orders(g, prod ? { createPerMinute: 150, listOrders: false } : {});
          catalog(g, !prod);
        },
      }),
    ),
    problems: hostileSchemaProblems(),
  };
  return reviewJson(base, head);
}

/** How many services the large review's platform has, each with `ROUTES` routes, per environment. */
const SERVICES = 24;
const ROUTES = 3; // read, write, search

/** The platform of the large review: SERVICES services of ROUTES routes each. */
function platform(gateway: Gateway, version: 1 | 2): void {
  for (let s = 0; s < SERVICES; s++) {
    const name = `svc-${String(s).padStart(2, "0")}`;
    const service = gateway.addService(name, {
      url: `http://${name}.internal:8080`,
      identity: Identity.jwt(),
    });
    for (let r = 0; r < ROUTES; r++) {
      // v2: every route also answers under /v2, and its limit is raised; two are lowered.
      const lowered = version === 2 && s < 2 && r === 0;
      service.addRoute(`${name}-${["read", "write", "search"][r]}`, {
        methods: ["GET"],
        paths: version === 1 ? [`/${name}/r${r}`] : [`/${name}/r${r}`, `/v2/${name}/r${r}`],
        roles: ["reader"],
        rateLimit: { perMinute: lowered ? 100 : version === 1 ? 600 : 900 },
      });
    }
  }
}

/**
 * Large: a platform-wide change (every route of 72 gets a /v2 path and a new limit, two limits
 * lowered) in three environments, with a contract promoted: more than one comment can hold.
 */
export function largeReview(): Review {
  const pins = (n: number) => ({
    dev: { [SUBJECT]: 2 },
    staging: { [SUBJECT]: n },
    prod: { [SUBJECT]: n },
  });
  const base = revision(
    spec({ label: "main (3f2c1a9e0b7d)", pins: pins(1), declare: (g) => platform(g, 1) }),
  );
  const head = revision(
    spec({ label: "working tree", pins: pins(2), declare: (g) => platform(g, 2) }),
  );
  return reviewJson(base, head);
}
