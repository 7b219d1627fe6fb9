import {
  buildReview as build,
  environmentOf,
  GITHUB_COMMENT_LIMIT,
  renderMarkdown,
  renderJson,
  type JsonObject,
  type RevisionInput,
} from "../../src/review";
import { checkedReview } from "../support/review-report";
import { IDENTITY_PLUGINS } from "../../src/catalog";

/** The review, checked against its published JSON Schema. */
const buildReview = (base: RevisionInput, head: RevisionInput) => checkedReview(build(base, head));

/** A revision whose one stack is given as the `cdk.tf.json` resources it holds. */
function stackRevision(resource: JsonObject, extra: JsonObject = {}): RevisionInput {
  const config = { resource, ...extra };
  return {
    label: "fixture",
    synth: {
      stacks: [{ name: "dev", environment: environmentOf("dev", config), config, warnings: [] }],
    },
    pins: new Map(),
    problems: [],
    schema: () => undefined,
    level: () => undefined,
  };
}

const route = (paths: string[], extra: JsonObject = {}): JsonObject => ({
  name: "r",
  paths,
  protocols: ["http", "https"],
  service_id: "${kong_service.svc.id}",
  tags: ["environment:dev", "service:svc", "route:r"],
  ...extra,
});

describe("review: sensitive values", () => {
  const secretsBefore = {
    kong_consumer: { app: { username: "app" } },
    kong_consumer_key_auth: {
      key: { consumer_id: "${kong_consumer.app.id}", key: "literal-key-one" },
    },
    kong_plugin: {
      log: {
        name: "http-log",
        config_json: JSON.stringify({
          http_endpoint: "https://u:pw-one@logs.example/x",
          headers: { Authorization: "Bearer tok-one" },
          timeout: 1000,
        }),
      },
    },
  };
  const secretsAfter = {
    kong_consumer: { app: { username: "app" } },
    kong_consumer_key_auth: {
      key: { consumer_id: "${kong_consumer.app.id}", key: "literal-key-two" },
    },
    kong_plugin: {
      log: {
        name: "http-log",
        config_json: JSON.stringify({
          http_endpoint: "https://u:pw-two@logs.example/x",
          headers: { Authorization: "Bearer tok-two" },
          timeout: 2000,
        }),
      },
    },
  };
  const review = buildReview(stackRevision(secretsBefore), stackRevision(secretsAfter));

  it("reports that a credential changed without showing either value", () => {
    const [dev] = review.environments;
    expect(dev.entities.map((e) => [e.label, e.attributes])).toEqual([
      ["app key_auth", [{ path: "key", sensitive: true }]],
      [
        "http-log on every request",
        [
          { path: "config_json.http_endpoint", sensitive: true },
          { path: "config_json.headers.Authorization", sensitive: true },
          { path: "config_json.timeout", from: 1000, to: 2000 },
        ],
      ],
    ]);
    const printed = renderJson(review) + renderMarkdown(review);
    for (const secret of ["literal-key", "pw-one", "pw-two", "tok-one", "tok-two"])
      expect(printed).not.toContain(secret);
    expect(printed).toContain("_(sensitive value changed)_");
  });

  it("hides a credential of an added entity too: its key attributes show, its secrets do not", () => {
    const added = buildReview(stackRevision({}), stackRevision(secretsAfter));
    expect(added.environments[0].entities.map((e) => [e.label, e.attributes])).toEqual([
      ["app key_auth", []],
      ["app", [{ path: "username", to: "app" }]],
      [
        "http-log on every request",
        [
          { path: "name", to: "http-log" },
          { path: "config_json.http_endpoint", sensitive: true },
          { path: "config_json.headers.Authorization", sensitive: true },
          { path: "config_json.timeout", to: 2000 },
        ],
      ],
    ]);
    const printed = renderJson(added) + renderMarkdown(added);
    for (const secret of ["literal-key", "pw-two", "tok-two"])
      expect(printed).not.toContain(secret);
  });
});

describe("review: plugin configs the strict JSON reader refuses", () => {
  it("are shown only as a whole, never taken apart into one of two values", () => {
    const plugin = (configJson: string) => ({
      kong_plugin: { limit: { name: "rate-limiting", config_json: configJson } },
    });
    const review = buildReview(
      stackRevision(plugin('{"minute": 60}')),
      stackRevision(plugin('{"minute": 6000, "minute": 60}')),
    );
    // JSON.parse would keep the last "minute" and report no change at all, as if 6000 were not there.
    expect(review.environments[0].entities.map((e) => e.attributes)).toEqual([
      [
        { path: "config_json.minute", from: 60 },
        { path: "config_json", to: { template: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) } },
      ],
    ]);
  });
});

describe("review: route changes that break clients", () => {
  const destructive = (before: JsonObject, after: JsonObject) =>
    buildReview(
      stackRevision({ kong_route: { r: before } }),
      stackRevision({ kong_route: { r: after } }),
    ).environments[0].entities[0]?.destructive ?? [];

  it("a protocol removed", () => {
    expect(destructive(route(["/a"]), route(["/a"], { protocols: ["https"] }))).toEqual([
      "protocols no longer matched: http",
    ]);
  });

  it("a host where the route matched any", () => {
    expect(destructive(route(["/a"]), route(["/a"], { hosts: ["api.example"] }))).toEqual([
      "hosts restricted: the route matched any and now only api.example",
    ]);
  });

  it("a host removed, but not every path dropped in favour of hosts (that widens it)", () => {
    expect(
      destructive(
        route(["/a"], { hosts: ["a.example", "b.example"] }),
        route(["/a"], { hosts: ["a.example"] }),
      ),
    ).toEqual(["hosts no longer matched: b.example"]);
    expect(
      destructive(route(["/a"], { hosts: ["a.example"] }), route([], { hosts: ["a.example"] })),
    ).toEqual([]);
  });
});

describe("review: the stack's environment", () => {
  it("comes from the stack's avroKong metadata, else its resources' environment tag, else its name", () => {
    expect(
      environmentOf("dev-orders", {
        "//": {
          metadata: {
            avroKong: { environment: "dev", team: "orders", stacks: ["dev", "dev-orders"] },
          },
        },
      }),
    ).toBe("dev");
    expect(environmentOf("x", { resource: { kong_route: { r: route(["/a"]) } } })).toBe("dev");
    expect(environmentOf("staging", {})).toBe("staging");
  });
});

describe("review: markdown size", () => {
  const many = (n: number, paths: string[]): JsonObject => {
    const routes: Record<string, JsonObject> = {};
    for (let i = 0; i < n; i++)
      routes[`route_${i}`] = route(paths, { name: `r${i}`, tags: [`service:s`, `route:r${i}`] });
    return { kong_route: routes };
  };
  const review = buildReview(
    stackRevision(many(3000, ["/a", "/b"])),
    stackRevision(many(3000, ["/a"])),
  );

  it("stays within GitHub's 65,536 characters and says what it left out", () => {
    const md = renderMarkdown(review);
    expect(review.environments[0].changed).toHaveLength(3000);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 2000);
    expect(md).toContain("| dev | 0 | 3000 | 0 | 0 | ⚠️ 3000 |");
    expect(md).toMatch(
      /_Left out to stay within GitHub's 65,536-character limit: \d+ of 3000 entries of changes that need attention, dev details\. `avro-kong review --format json` has everything\._/,
    );
    expect(md.split("<details>").length).toBe(md.split("</details>").length);
  });

  it("keeps everything when it fits", () => {
    const small = buildReview(stackRevision(many(3, ["/a", "/b"])), stackRevision(many(3, ["/a"])));
    const md = renderMarkdown(small);
    expect(md).not.toContain("Left out");
    expect(md.match(/paths no longer matched: \/b/g)).toHaveLength(6);
  });
});

describe("review: renames kept in place and plugins switched off", () => {
  const service = { kong_service: { svc: { name: "svc", host: "svc.internal" } } };
  const routes = (address: string, extra: JsonObject = {}) => ({
    ...service,
    kong_route: { [address]: route(["/a"], { name: address }) },
    kong_plugin: {
      [`${address}_key`]: {
        name: "key-auth",
        route_id: `\${kong_route.${address}.id}`,
        config_json: "{}",
        ...extra,
      },
    },
  });

  it("shows a route with a moved block as a move, with nothing destroyed", () => {
    const review = buildReview(
      stackRevision(routes("old")),
      stackRevision(routes("new"), {
        moved: [
          { from: "kong_route.old", to: "kong_route.new" },
          { from: "kong_plugin.old_key", to: "kong_plugin.new_key" },
        ],
      }),
    );
    const [dev] = review.environments;
    expect(
      dev.entities.map((e) => [e.change, e.address, e.previous?.address, e.destructive]),
    ).toEqual([
      ["moved", "kong_plugin.new_key", "kong_plugin.old_key", []],
      ["moved", "kong_route.new", "kong_route.old", []],
    ]);
    expect(dev.moved).toEqual(["kong_plugin.new_key", "kong_route.new"]);
    expect(review.risks).toEqual([]);
    // The plugin's route_id follows its route: not shown as a change of its own.
    expect(dev.entities[0].attributes).toEqual([]);
    expect(renderMarkdown(review)).toContain(
      '↪️ moved **svc/r** `kong_route.new` from `kong_route.old`\n  - `name`: `"old"` → `"new"`\n',
    );
  });

  it("flags a plugin disabled", () => {
    const review = buildReview(
      stackRevision(routes("r")),
      stackRevision(routes("r", { enabled: false })),
    );
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      ["plugin-disabled", "plugin key-auth disabled on svc/r"],
    ]);
  });
});

describe("review: hostile text", () => {
  const forged = "\n\n</details>\n\n### ✅ Nothing changes in prod";
  const hostile = (name: string): RevisionInput => ({
    ...stackRevision({
      kong_service: { svc: { name: "svc", host: "svc.internal" } },
      kong_route: { r: route(["/a"], { name, tags: [`route:${name}`, "service:svc"] }) },
    }),
    problems: [`schemas/x/v1.avsc: namespace "${forged}" is not a valid name \u001b[2J.`],
  });
  const review = buildReview(stackRevision({}), hostile(`*r*${forged}<img src=x>@team`));
  const markdown = renderMarkdown(review);

  it("never forges a heading, closes a <details> or carries a control character", () => {
    expect(markdown).not.toMatch(/^#+ ✅/m);
    expect(markdown.match(/<\/details>/g)?.length).toBe(markdown.match(/<details>/g)?.length);
    expect(markdown).not.toContain("<img");
    // eslint-disable-next-line no-control-regex
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(markdown).toContain(
      '- head: schemas/x/v1.avsc: namespace "\\\\u000a\\\\u000a&lt;/details&gt;\\\\u000a\\\\u000a### ✅ Nothing changes in prod" is not a valid name \\\\u001b\\[2J.',
    );
    expect(markdown).toContain("**svc/\\*r\\*\\\\u000a\\\\u000a&lt;/details&gt;");
    expect(markdown).toContain("&lt;img src=x&gt;\\@team**");
  });
});

describe("review: every identity plugin of the catalogue", () => {
  const stack = (plugin?: JsonObject): JsonObject => ({
    kong_service: { svc: { name: "svc", host: "svc.internal" } },
    kong_route: { r: route(["/a"]) },
    ...(plugin ? { kong_plugin: { r_identity: plugin } } : {}),
  });
  const identity = (name: string, extra: JsonObject = {}): JsonObject => ({
    name,
    route_id: "${kong_route.r.id}",
    config_json: "{}",
    ...extra,
  });

  it.each(IDENTITY_PLUGINS)("reports %s removed from a route as weakened", (name) => {
    const review = buildReview(stackRevision(stack(identity(name))), stackRevision(stack()));
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      [
        "weakened",
        `identity ${name} removed from svc/r: requests are no longer authenticated by it (before: ${name} required; after: none)`,
      ],
    ]);
  });

  it.each(IDENTITY_PLUGINS)("reports %s switched off on a route", (name) => {
    const review = buildReview(
      stackRevision(stack(identity(name))),
      stackRevision(stack(identity(name, { enabled: false }))),
    );
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      ["plugin-disabled", `plugin ${name} disabled on svc/r`],
    ]);
  });

  it.each(IDENTITY_PLUGINS)("reports %s put in front of an existing route", (name) => {
    const review = buildReview(stackRevision(stack()), stackRevision(stack(identity(name))));
    expect(review.risks.map((r) => [r.kind, r.message])).toEqual([
      [
        "destructive",
        `identity ${name} added on existing svc/r: requests without its credentials are refused (before: no ${name}; after: ${name} required)`,
      ],
    ]);
  });
});
