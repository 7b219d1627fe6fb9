import { createHash } from "crypto";
import { Identity } from "../../src/constructs";
import type { Gateway } from "../../src/constructs";
import { failedConditions, renderMarkdown } from "../../src/review";
import {
  orderV1,
  orderV2,
  orderV3,
  orderV4,
  revision,
  reviewJson,
  type RevisionSpec,
} from "./fixture";

const schemas = { "shop.orders.OrderPlaced": { 1: orderV1, 2: orderV2, 3: orderV3 } };

/** The orders service as the base declares it; `change` edits a copy of its route options. */
function orders(
  gateway: Gateway,
  change: {
    paths?: string[];
    methods?: ("GET" | "POST" | "PUT")[];
    perMinute?: number;
    extraRoute?: boolean;
    listRoute?: boolean;
    identityOnList?: boolean;
  } = {},
): void {
  const service = gateway.addService("orders", {
    url: "http://orders.internal:8080",
    identity: Identity.jwt(),
  });
  service.addRoute("create-order", {
    methods: change.methods ?? ["POST"],
    paths: change.paths ?? ["/orders", "/v1/orders"],
    roles: ["writer"],
    rateLimit: { perMinute: change.perMinute ?? 600 },
    validate: { request: "shop.orders.OrderPlaced" },
  });
  if (change.listRoute ?? true) {
    service.addRoute("list-orders", {
      methods: ["GET"],
      paths: ["/orders"],
      roles: ["reader"],
      rateLimit: { perMinute: 60 },
    });
  }
  if (change.extraRoute) {
    service.addRoute("order-status", {
      methods: ["GET"],
      paths: ["/orders/status"],
      roles: ["reader"],
      rateLimit: { perMinute: 60 },
    });
  }
}

function spec(overrides: Partial<RevisionSpec> = {}): RevisionSpec {
  return {
    schemas,
    pins: { dev: { "shop.orders.OrderPlaced": 1 }, prod: { "shop.orders.OrderPlaced": 1 } },
    declare: (g) => orders(g),
    ...overrides,
  };
}

const base = revision(spec({ label: "main" }));

describe("review: Kong entities", () => {
  const head = revision(
    spec({
      declare: (g) =>
        orders(g, { paths: ["/orders"], perMinute: 300, extraRoute: true, listRoute: false }),
    }),
  );
  const review = reviewJson(base, head);
  const dev = review.environments.find((e) => e.environment === "dev")!;

  it("lists added, changed and removed resource addresses per environment", () => {
    expect(review.environments.map((e) => e.environment)).toEqual(["dev", "prod"]);
    expect(dev.stacks).toEqual(["dev"]);
    expect(dev.compared).toBe(true);
    expect(dev.added.filter((a) => a.startsWith("kong_route."))).toEqual([
      expect.stringMatching(/^kong_route\.kong_orders_order-status_route_[0-9A-F]{8}$/),
    ]);
    expect(dev.removed.filter((a) => a.startsWith("kong_route."))).toEqual([
      expect.stringMatching(/^kong_route\.kong_orders_list-orders_route_[0-9A-F]{8}$/),
    ]);
    expect(dev.changed).toEqual([
      expect.stringMatching(/^kong_plugin\.kong_orders_create-order_rate-limiting_plugin_/),
      expect.stringMatching(/^kong_route\.kong_orders_create-order_route_/),
    ]);
    // The route's own plugins come and go with it.
    expect(dev.added).toContainEqual(
      expect.stringMatching(/^kong_plugin\.kong_orders_order-status_acl_plugin_/),
    );
    expect(dev.removed).toContainEqual(
      expect.stringMatching(/^kong_plugin\.kong_orders_list-orders_acl_plugin_/),
    );
  });

  it("diffs a plugin's config_json field by field", () => {
    const limit = dev.entities.find((e) => e.address.includes("create-order_rate-limiting"))!;
    expect(limit.label).toBe("rate-limiting on orders/create-order");
    expect(limit.attributes).toEqual([{ path: "config_json.minute", from: 600, to: 300 }]);
  });

  it("names the changed attributes of a route and flags a removed path as destructive", () => {
    const route = dev.entities.find((e) =>
      e.address.startsWith("kong_route.kong_orders_create-order"),
    )!;
    expect(route.label).toBe("orders/create-order");
    expect(route.attributes).toEqual([
      { path: "paths", from: ["/orders", "/v1/orders"], to: ["/orders"] },
    ]);
    expect(route.destructive).toEqual(["paths no longer matched: /v1/orders"]);
  });

  it("flags a removed route as destructive, naming what it matched", () => {
    const removed = dev.entities.find(
      (e) => e.change === "removed" && e.address.startsWith("kong_route."),
    )!;
    expect(removed.destructive).toEqual([
      "route removed: requests it matched are no longer routed (GET /orders)",
    ]);
    expect(removed.attributes).toEqual([]);
  });

  it("fails --fail-on destructive, and not --fail-on incompatible", () => {
    expect(failedConditions(review, ["incompatible"])).toEqual([]);
    expect(failedConditions(review, ["destructive"]).map((f) => f.condition)).toEqual([
      "destructive",
    ]);
  });
});

describe("review: destructive changes", () => {
  const changed = (declare: RevisionSpec["declare"]) =>
    reviewJson(base, revision(spec({ declare }))).environments[0].entities;

  it("a method removed", () => {
    const route = changed((g) => orders(g, { methods: ["PUT"] })).find(
      (e) => e.label === "orders/create-order",
    )!;
    expect(route.destructive).toEqual(["methods no longer matched: POST"]);
  });

  const browse = (g: Gateway, identity?: Identity, perMinute = 60) =>
    g.addService("catalog", { url: "http://catalog.internal" }).addRoute("browse", {
      methods: ["GET"],
      paths: ["/catalog"],
      rateLimit: { perMinute },
      identity,
    });
  const devOnly = { pins: { dev: { "shop.orders.OrderPlaced": 1 } } };
  const catalog = (identity?: Identity, perMinute?: number) =>
    revision(spec({ ...devOnly, declare: (g) => browse(g, identity, perMinute) }));

  it("an identity added in front of an existing route, with before and after", () => {
    const review = reviewJson(catalog(), catalog(Identity.keyAuth()));
    const added = review.environments[0].entities.find((e) => e.change === "added")!;
    expect(added.label).toBe("key-auth on catalog/browse");
    expect(added.destructive).toEqual([
      "identity key-auth added on existing catalog/browse: requests without its credentials are refused (before: no key-auth; after: key-auth required)",
    ]);
    expect(review.risks.map((r) => [r.kind, r.label])).toEqual([
      ["destructive", "key-auth on catalog/browse"],
    ]);
  });

  it("not identity, ACL or limits on a service and routes that did not exist before", () => {
    const before = revision(spec({ ...devOnly, declare: (g) => browse(g) }));
    const after = revision(
      spec({
        ...devOnly,
        declare: (g) => {
          browse(g);
          orders(g);
        },
      }),
    );
    const review = reviewJson(before, after);
    const [dev] = review.environments;
    expect(dev.entities.filter((e) => e.label.startsWith("jwt on")).length).toBeGreaterThan(0);
    expect(dev.entities.filter((e) => e.label.startsWith("acl on")).length).toBeGreaterThan(0);
    expect(dev.entities.flatMap((e) => e.destructive)).toEqual([]);
    expect(review.risks).toEqual([]);
    expect(failedConditions(review, ["destructive", "risky"])).toEqual([]);
  });

  it("an identity removed from an existing route: weakened, at the top of the comment", () => {
    const review = reviewJson(catalog(Identity.keyAuth()), catalog());
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      [
        "weakened",
        "identity key-auth removed from catalog/browse: requests are no longer authenticated by it (before: key-auth required; after: none)",
      ],
    ]);
    expect(failedConditions(review, ["weakened"]).map((f) => f.condition)).toEqual(["weakened"]);
    expect(failedConditions(review, ["destructive"])).toEqual([]);
    const md = renderMarkdown(review);
    expect(md.indexOf("Needs attention (1)")).toBeGreaterThan(0);
    expect(md.indexOf("Needs attention")).toBeLessThan(md.indexOf("<details>"));
  });

  it("a rate limit lowered, by how much", () => {
    const review = reviewJson(catalog(undefined, 600), catalog(undefined, 150));
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      ["rate-limit", "rate limit on catalog/browse lowered by 450 (−75%): 600/minute → 150/minute"],
    ]);
    expect(failedConditions(review, ["rate-limit"]).map((f) => f.condition)).toEqual([
      "rate-limit",
    ]);
  });

  it("a route renamed (same match, new construct id): one replacement saying what Terraform does", () => {
    const named = (id: string) =>
      revision(
        spec({
          ...devOnly,
          declare: (g) =>
            g
              .addService("catalog", {
                url: "http://catalog.internal",
                identity: Identity.keyAuth(),
              })
              .addRoute(id, {
                methods: ["GET"],
                paths: ["/catalog"],
                rateLimit: { perMinute: 60 },
              }),
        }),
      );
    const review = reviewJson(named("browse"), named("list-products"));
    const [dev] = review.environments;
    expect(dev.removed).toEqual([]);
    expect(dev.added).toEqual([]);
    const route = dev.entities.find((e) => e.address.startsWith("kong_route."))!;
    expect(route.change).toBe("replaced");
    expect(route.previous?.label).toBe("catalog/browse");
    expect(route.destructive).toEqual([
      expect.stringMatching(
        /^catalog\/browse renamed to catalog\/list-products \(kong_route\.\S+ → kong_route\.\S+\): Terraform destroys the old route and creates the new one, so for a moment neither exists; renamedFrom on the construct \(a moved block\) keeps it in place$/,
      ),
    ]);
    // Its rate-limiting plugin follows it: no unrelated removal and addition.
    expect(dev.entities.map((e) => e.change).sort()).toEqual(["replaced", "replaced"]);
  });

  it("a new team stack: a new Terraform state", () => {
    const stacks = (names: string[]) =>
      revision(
        spec({
          ...devOnly,
          stacks: Object.fromEntries(
            names.map((n) => [`dev-${n}`, { environment: "dev", team: n }]),
          ),
          declare: (g, stack) => (stack === "dev-a" ? orders(g) : browse(g)),
        }),
      );
    const review = reviewJson(stacks(["a"]), stacks(["a", "b"]));
    expect(review.environments[0].newStacks).toEqual(["dev-b"]);
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      [
        "new-state",
        "new stack dev-b: a new Terraform state, whose backend must exist before apply",
      ],
    ]);
    expect(failedConditions(review, ["new-state"]).map((f) => f.condition)).toEqual(["new-state"]);
  });

  it("not a path added or a rate limit raised", () => {
    const entities = changed((g) =>
      orders(g, { paths: ["/orders", "/v1/orders", "/v2/orders"], perMinute: 900 }),
    );
    expect(entities.map((e) => [e.label, e.destructive])).toEqual([
      ["rate-limiting on orders/create-order", []],
      ["orders/create-order", []],
    ]);
  });
});

describe("review: a validator chunk", () => {
  const head = revision(
    spec({
      pins: { dev: { "shop.orders.OrderPlaced": 2 }, prod: { "shop.orders.OrderPlaced": 1 } },
    }),
  );
  const review = reviewJson(base, head);

  it("shows as its contract (subject, version, fingerprint, dialect, mode), never as Lua", () => {
    const dev = review.environments.find((e) => e.environment === "dev")!;
    const plugin = dev.entities.find((e) => e.label === "pre-function on orders/create-order")!;
    expect(plugin.attributes).toEqual([
      {
        path: "config_json.access[0]",
        from: {
          validates: "request",
          subject: "shop.orders.OrderPlaced",
          version: 1,
          fingerprint: head.schema("shop.orders.OrderPlaced", 1)!.fingerprint,
          dialect: "plain",
          unknownFields: "rejected",
          mode: "enforce",
          code: expect.stringMatching(/^sha256:[0-9a-f]{16}$/),
        },
        to: expect.objectContaining({
          version: 2,
          fingerprint: head.schema("shop.orders.OrderPlaced", 2)!.fingerprint,
        }),
      },
    ]);
    const text = JSON.stringify(review) + renderMarkdown(review);
    expect(text).not.toMatch(/local function|kong\.response\.exit|return function/);
    expect(review.environments.find((e) => e.environment === "prod")!.entities).toEqual([]);
  });

  it("reports the contract change with its routes and verdict", () => {
    expect(review.contractChanges).toEqual([
      {
        subject: "shop.orders.OrderPlaced",
        environment: "dev",
        from: {
          version: 1,
          fingerprint: head.schema("shop.orders.OrderPlaced", 1)!.fingerprint,
          sha256: expect.any(String),
        },
        to: {
          version: 2,
          fingerprint: head.schema("shop.orders.OrderPlaced", 2)!.fingerprint,
          sha256: expect.any(String),
        },
        compatibility: "BACKWARD",
        compatible: true,
        errors: [],
        schemaChanges: [
          {
            kind: "field-added",
            field: "note",
            to: "null | string",
            hasDefault: true,
            optional: true,
          },
        ],
        routes: [
          {
            address: expect.stringMatching(/^kong_route\.kong_orders_create-order_route_/),
            route: "orders/create-order",
            methods: ["POST"],
            paths: ["/orders", "/v1/orders"],
            checks: ["request"],
          },
        ],
      },
    ]);
    expect(review.environments.map((e) => [e.environment, e.contracts])).toEqual([
      ["dev", 1],
      ["prod", 0],
    ]);
  });
});

describe("review: a Lua chunk that is not avro-kong's for the environment's pin", () => {
  const genuine = base.synth;
  if (!("stacks" in genuine)) throw new Error("fixture: the base synthesizes");
  /** The base's own request chunk in dev, as synthesized. */
  const chunk = (() => {
    const plugins = genuine.stacks.find((s) => s.name === "dev")!.config.resource as Record<
      string,
      Record<string, { name?: string; config_json?: string }>
    >;
    const pre = Object.values(plugins.kong_plugin).find((p) => p.name === "pre-function")!;
    return (JSON.parse(pre.config_json!) as { access: string[] }).access[0];
  })();
  const header = chunk.split("\n")[0];
  const body = `${header}\nreturn function() end\n`;
  const forged = `${body}-- avro-kong generated, sha256 ${createHash("sha256").update(body).digest("hex")} of the lines above\n`;
  /** The head: the base plus an audit route whose pre-function runs `code`. */
  const withAudit = (code: string, pins = spec().pins) =>
    revision(
      spec({
        pins,
        declare: (g) => {
          orders(g);
          g.addService("audit", { url: "http://audit.internal", identity: Identity.jwt() })
            .addRoute("audit", {
              methods: ["GET"],
              paths: ["/audit"],
              roles: ["reader"],
              rateLimit: { perMinute: 60 },
            })
            .addPlugin("pre-function", { access: [code] });
        },
      }),
    );
  const shown = (review: ReturnType<typeof reviewJson>) =>
    review.environments
      .find((e) => e.environment === "dev")!
      .entities.find((e) => e.label === "pre-function on audit/audit")!.attributes;

  it("shows a forged chunk (avro-kong's first line, a matching seal) as custom Lua, in JSON and markdown", () => {
    const review = reviewJson(
      base,
      withAudit(forged, { ...spec().pins, dev: { "shop.orders.OrderPlaced": 2 } }),
    );
    expect(shown(review)).toContainEqual({
      path: "config_json.access[0]",
      to: {
        lua: "custom Lua chunk",
        lines: forged.split("\n").length,
        code: expect.stringMatching(/^sha256:/),
      },
    });
    expect(JSON.stringify(shown(review))).not.toContain("validates");
    // The contract change reaches the route that validates it, not the forged one.
    expect(review.contractChanges[0].routes.map((r) => r.route)).toEqual(["orders/create-order"]);
    const digest = (
      shown(review).find((a) => a.path === "config_json.access[0]")!.to as { code: string }
    ).code;
    const lines = renderMarkdown(review)
      .split("\n")
      .filter((l) => l.includes(digest));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toContain("Lua: custom Lua chunk");
      expect(line).not.toMatch(/validates|crc64/);
    }
  });

  it("trusts the genuine chunk, and not the same chunk where the environment pins another version", () => {
    expect(shown(reviewJson(base, withAudit(chunk)))).toContainEqual(
      expect.objectContaining({
        to: expect.objectContaining({ validates: "request", version: 1 }),
      }),
    );
    const moved = reviewJson(
      base,
      withAudit(chunk, { ...spec().pins, dev: { "shop.orders.OrderPlaced": 2 } }),
    );
    expect(shown(moved)).toContainEqual(
      expect.objectContaining({ to: expect.objectContaining({ lua: "custom Lua chunk" }) }),
    );
  });

  it("does not trust the genuine chunk with one byte changed", () => {
    const changed = chunk.replace("return function()", "return function ()");
    expect(shown(reviewJson(base, withAudit(changed)))).toContainEqual(
      expect.objectContaining({ to: expect.objectContaining({ lua: "custom Lua chunk" }) }),
    );
  });
});

describe("review: an incompatible contract change", () => {
  const v2 = revision(spec({ pins: { dev: { "shop.orders.OrderPlaced": 2 } } }));
  const v3 = revision(spec({ pins: { dev: { "shop.orders.OrderPlaced": 3 } } }));
  const review = reviewJson(v2, v3);

  it("carries every error with its type, path, message and direction", () => {
    const [change] = review.contractChanges;
    expect(change.compatible).toBe(false);
    expect(change.errors).toEqual([
      {
        type: "TYPE_MISMATCH",
        path: "/fields/0/type",
        message: "reader type: LONG not compatible with writer type: STRING",
        direction: "backward",
        against: 2,
      },
      {
        type: "READER_FIELD_MISSING_DEFAULT_VALUE",
        path: "/fields/2",
        message: "channel",
        direction: "backward",
        against: 2,
      },
    ]);
    expect(failedConditions(review, ["incompatible"])).toEqual([
      {
        condition: "incompatible",
        reason: "1 incompatible contract change(s): shop.orders.OrderPlaced in dev.",
      },
    ]);
  });

  it("shows the verdict, the errors and a diagram of the routes it reaches in markdown", () => {
    const md = renderMarkdown(review);
    expect(md.split("\n")[0]).toBe("<!-- avro-kong-review -->");
    expect(md).toContain("| `shop.orders.OrderPlaced` | dev | v2 `");
    expect(md).toContain("❌ 2 error(s) (BACKWARD)");
    expect(md).toContain("- `TYPE_MISMATCH` at `/fields/0/type` (backward): ");
    expect(md).toMatch(
      /```mermaid\nflowchart LR\n {2}c0\(\["shop\.orders\.OrderPlaced v2 → v3 ❌ incompatible"\]\):::bad/,
    );
    expect(md).toContain('r0["orders/create-order: POST /orders /v1/orders"]');
    expect(md).toContain("c0 -->|request| r0");
  });

  it("lists what changed field by field beside the verdict, in JSON and markdown", () => {
    expect(review.contractChanges[0].schemaChanges).toEqual([
      { kind: "type-changed", field: "orderId", from: "string", to: "long" },
      { kind: "field-added", field: "channel", to: "string", hasDefault: false, optional: false },
      {
        kind: "field-removed",
        field: "note",
        from: "null | string",
        hasDefault: true,
        optional: true,
      },
    ]);
    const md = renderMarkdown(review);
    expect(md).toContain(
      [
        "#### What changed in the contracts",
        "",
        "**shop.orders.OrderPlaced** v2 → v3 (dev): ❌ 2 error(s) (BACKWARD)",
        "- ✏️ type of `orderId`: `string` → `long`",
        "- ➕ field `channel` added: `string`, **without a default**",
        "- ➖ field `note` removed (was `null | string`, with a default)",
      ].join("\n"),
    );
  });
});

describe("review: environments in promotion order", () => {
  const pins = {
    prod: { "shop.orders.OrderPlaced": 1 },
    dev: { "shop.orders.OrderPlaced": 1 },
    qa: { "shop.orders.OrderPlaced": 1 },
    staging: { "shop.orders.OrderPlaced": 1 },
  };
  const order = ["dev", "staging", "prod"];
  const before = revision(spec({ pins, promotionOrder: order }));
  const after = revision(
    spec({
      pins: {
        ...pins,
        dev: { "shop.orders.OrderPlaced": 2 },
        prod: { "shop.orders.OrderPlaced": 2 },
      },
      promotionOrder: order,
      declare: (g, stack) => orders(g, { perMinute: stack === "dev" ? 300 : 600 }),
    }),
  );
  const review = reviewJson(before, after);

  it("lists environments as stacks/promotion.json orders them, unlisted ones after by name", () => {
    expect(review.environments.map((e) => e.environment)).toEqual(["dev", "staging", "prod", "qa"]);
    expect(review.contractChanges.map((c) => c.environment)).toEqual(["dev", "prod"]);
    expect(review.environments.map((e) => [e.environment, e.changedStacks])).toEqual([
      ["dev", ["dev"]],
      ["staging", []],
      ["prod", ["prod"]],
      ["qa", []],
    ]);
  });

  it("shows only the environments with changes in markdown, and counts the rest", () => {
    const md = renderMarkdown(review);
    const rows = md.split("\n").filter((l) => /^\| (dev|staging|prod|qa) \|/.test(l));
    expect(rows.map((r) => r.split(" | ")[0].slice(2))).toEqual(["dev", "prod"]);
    expect(md).toContain("Unchanged: 2 environments (staging, qa).");
    expect(md).toContain("<summary>dev: 0 added, 2 changed, 0 removed (stack dev)</summary>");
  });
});

describe("review: a transitive level", () => {
  const withV4 = {
    ...schemas,
    "shop.orders.OrderPlaced": { ...schemas["shop.orders.OrderPlaced"], 4: orderV4 },
  };
  const pinned = (version: number, history: number[], level: "BACKWARD" | "BACKWARD_TRANSITIVE") =>
    revision(
      spec({
        schemas: withV4,
        levels: { "shop.orders.OrderPlaced": level },
        pins: { dev: { "shop.orders.OrderPlaced": version } },
        history: { dev: { "shop.orders.OrderPlaced": history } },
      }),
    );

  it("checks the new version against every version the environment ran", () => {
    const [change] = reviewJson(
      pinned(2, [1], "BACKWARD_TRANSITIVE"),
      pinned(4, [1, 2], "BACKWARD_TRANSITIVE"),
    ).contractChanges;
    expect(change.from).toEqual({
      version: 2,
      fingerprint: expect.any(String),
      sha256: expect.any(String),
    });
    expect(change.compatible).toBe(false);
    expect(change.errors.map((e) => [e.type, e.path, e.against])).toEqual([
      ["READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/2", 1],
    ]);
  });

  it("and only against the one it replaces otherwise", () => {
    const [change] = reviewJson(
      pinned(2, [1], "BACKWARD"),
      pinned(4, [1, 2], "BACKWARD"),
    ).contractChanges;
    expect([change.compatible, change.errors]).toEqual([true, []]);
  });
});

describe("review: guardrail warnings", () => {
  it("are captured from the synthesis, marked new when the base lacked them", () => {
    const head = revision(
      spec({
        pins: { dev: { "shop.orders.OrderPlaced": 1 } },
        declare: (g) => {
          orders(g);
          g.addService("open", { url: "http://open.internal" }).addRoute("anything", {
            paths: ["/open"],
          });
        },
      }),
    );
    const review = reviewJson(base, head);
    const dev = review.guardrails.filter((g) => g.environment === "dev");
    expect(dev.map((g) => [g.message, g.new])).toEqual([
      [
        `Route anything breaks guardrail "identity" in dev: no identity plugin on the route or its service.`,
        true,
      ],
      [
        `Route anything breaks guardrail "rate-limit" in dev: no rate limit on the route or its service.`,
        true,
      ],
      [
        `Route anything breaks guardrail "request-validation" in dev: accepts bodies (every method) without request validation.`,
        true,
      ],
    ]);
    expect(failedConditions(review, ["guardrail"]).map((f) => f.condition)).toEqual(["guardrail"]);
    expect(
      failedConditions(reviewJson(base, base), ["guardrail", "destructive", "incompatible"]),
    ).toEqual([]);
  });
});

describe("review: an environment split into several stacks", () => {
  const split = (ordersStack: string) =>
    revision(
      spec({
        pins: { dev: { "shop.orders.OrderPlaced": 1 } },
        stacks: {
          "dev-a": { environment: "dev", team: "a" },
          "dev-b": { environment: "dev", team: "b" },
        },
        declare: (g, stack) => {
          if (stack === ordersStack) orders(g);
          else
            g.addService("other", { url: "http://other.internal", identity: Identity.keyAuth() });
        },
      }),
    );

  it("is reviewed as one environment with all its stacks", () => {
    const review = reviewJson(split("dev-a"), split("dev-a"));
    expect(review.environments.map((e) => [e.environment, e.stacks])).toEqual([
      ["dev", ["dev-a", "dev-b"]],
    ]);
  });

  it("flags an entity that moves to another stack: Terraform recreates it", () => {
    const review = reviewJson(split("dev-a"), split("dev-b"));
    const [dev] = review.environments;
    const route = dev.entities.filter((e) => e.label === "orders/create-order");
    expect(route.map((e) => [e.change, e.stack])).toEqual([
      ["removed", "dev-a"],
      ["added", "dev-b"],
    ]);
    expect(route[1].destructive).toContain(
      "moves from stack dev-a to stack dev-b: Terraform destroys it in one state and creates it in the other",
    );
    expect(renderMarkdown(review)).toMatch(
      /\*\*orders\/create-order\*\* `kong_route\.[^`]+` in stack dev-b\n/,
    );
  });
});

describe("review: a base that does not synthesize", () => {
  const broken = revision(
    spec({
      synthError: "node dist/stacks/main.js failed (exit 1): Route x validates shop.Missing.",
      label: "main",
    }),
  );
  const head = revision(
    spec({
      pins: { dev: { "shop.orders.OrderPlaced": 2 }, prod: { "shop.orders.OrderPlaced": 1 } },
    }),
  );
  const review = reviewJson(broken, head);

  it("says so and still reports the contract changes", () => {
    expect(review.base).toEqual({
      label: "main",
      synthesized: false,
      error: "node dist/stacks/main.js failed (exit 1): Route x validates shop.Missing.",
      problems: [],
    });
    expect(
      review.environments.map((e) => [e.environment, e.compared, e.added, e.changed, e.removed]),
    ).toEqual([
      ["dev", false, [], [], []],
      ["prod", false, [], [], []],
    ]);
    expect(
      review.contractChanges.map((c) => [
        c.subject,
        c.environment,
        c.from?.version,
        c.to?.version,
        c.routes.length,
      ]),
    ).toEqual([["shop.orders.OrderPlaced", "dev", 1, 2, 1]]);
    const md = renderMarkdown(review);
    expect(md).toContain(
      "> ⚠️ The base does not synthesize: node dist/stacks/main.js failed (exit 1): Route x validates shop.Missing. Kong entities are not compared; contract changes come from the pins.",
    );
    expect(md).toContain("| dev | ? | ? | ? | 1 | ? |");
  });
});
