import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { formatReport, importDeck } from "../../src/import";
import { FIXTURES, importFixture, synthesizeModule, typeErrors } from "./support";

type Json = Record<string, unknown>;
const estate = importFixture("estate.yaml");
const plugins = importFixture("plugins.yaml");

describe("the generated module", () => {
  it("type-checks against the package's public types, strict and with no unused names", () => {
    const broken = estate.module.replace(
      'gateway.addConsumer("partner", {',
      'gateway.addConsumer("partner", { rolez: [],',
    );
    const errors = typeErrors(
      new Map([
        ["estate.ts", estate.module],
        ["plugins.ts", plugins.module],
        ["broken.ts", broken],
      ]),
    );
    // The broken copy proves that a mistake would be reported.
    expect(errors.filter((e) => e.includes("broken.ts")).length).toBeGreaterThan(0);
    expect(errors.filter((e) => !e.includes("broken.ts"))).toEqual([]);
  });

  it("exports declare<Name> and imports only from avro-kong", () => {
    expect(estate.functionName).toBe("declareEstate");
    expect(estate.module).toMatch(/^export function declareEstate\(gateway: Gateway\): void \{$/m);
    expect([...estate.module.matchAll(/from "([^"]+)"/g)].map((m) => m[1])).toEqual(["avro-kong"]);
  });

  it("holds no literal from a credential, a private key or an encrypted field", () => {
    const secrets = [
      "redis-password-not-real",
      "log-token-not-real",
      "jwt-shared-secret-not-real",
      "key-auth-value-not-real",
      "basic-password-not-real",
      "cHJpdmF0ZS1rZXktbm90LXJlYWw=",
    ];
    const raw = readFileSync(join(FIXTURES, "estate.yaml"), "utf8");
    for (const secret of secrets) {
      expect(raw).toContain(secret); // the fixture does hold it
      expect(estate.module).not.toContain(secret);
    }
    expect(JSON.stringify(synthesizeModule(estate).json)).not.toMatch(/not-real/);
  });

  it("turns every secret into a sensitive variable and lists name, entity and field", () => {
    expect(estate.variables).toEqual([
      {
        name: "deck_certificate_api_example_com_key",
        entity: "certificate api.example.com",
        field: "key",
      },
      {
        name: "deck_plugin_rate_limiting_create_order_redis_password",
        entity: "plugin rate-limiting on route create-order",
        field: "config.redis.password",
      },
      {
        name: "deck_plugin_http_log_pay_http_endpoint",
        entity: "plugin http-log on route pay",
        field: "config.http_endpoint",
      },
      {
        name: "deck_consumer_storefront_jwt_0_secret",
        entity: "JWT credential 0 of consumer storefront",
        field: "secret",
      },
      {
        name: "deck_consumer_storefront_key_auth_0_key",
        entity: "key-auth credential 0 of consumer storefront",
        field: "key",
      },
      {
        name: "deck_consumer_storefront_basic_auth_0_password",
        entity: "basic-auth credential 0 of consumer storefront",
        field: "password",
      },
    ]);
    const variables = synthesizeModule(estate).json.variable as Record<string, Json>;
    for (const { name } of estate.variables)
      expect(variables[name]).toMatchObject({ sensitive: true, type: "string" });
  });

  it("leaves out what Kong filled in and keeps what was set", () => {
    expect(estate.module).toContain(
      'ordersService.addPlugin("key-auth", { hide_credentials: true });',
    );
    expect(estate.module).not.toMatch(
      /key_in_header|run_on_preflight|fault_tolerant|connectTimeout/,
    );
    expect(estate.module).toContain("readTimeout: Duration.seconds(30)");
    expect(estate.module).toContain('tags: ["team-shop"]');
    expect(estate.module).not.toContain('managed-by:avro-kong"]');
  });

  it("writes one Terraform import block per entity with an id, to the resource that declares it", () => {
    const { json } = synthesizeModule(estate);
    const blocks = json.import as { to: string; id: string }[];
    const resources = json.resource as Record<string, Record<string, Json>>;
    expect(blocks).toHaveLength(estate.imports.length);
    for (const block of blocks) {
      const [type, logical] = block.to.split(".");
      expect(resources[type]?.[logical]).toBeDefined();
    }
    const service = Object.entries(resources.kong_service).find(([, s]) => s.name === "orders")![0];
    expect(blocks).toContainEqual({
      to: `kong_service.${service}`,
      id: "0a4b5e1c-0000-4000-8000-000000000001",
    });
    // Consumer-scoped entities import as "<id>|<consumer id>", as the provider reads them.
    const acl = Object.keys(resources.kong_consumer_acl)[0];
    expect(blocks).toContainEqual({
      to: `kong_consumer_acl.${acl}`,
      id: "0a4b5e1c-0000-4000-8000-000000000071|0a4b5e1c-0000-4000-8000-000000000061",
    });
  });

  it("lists every entity without an id as created by the first plan, and writes no import for it", () => {
    // A dump without --with-id: the upstream has an id, nothing else does.
    const report = importDeck(
      [
        '_format_version: "3.0"',
        "upstreams:",
        "  - id: 2c000000-0000-4000-8000-000000000001",
        "    name: orders.upstream",
        "    targets: [{ target: 10.0.0.1:8080 }]",
        "services:",
        "  - name: orders",
        "    host: orders.upstream",
        "    routes:",
        "      - name: list-orders",
        "        methods: [GET]",
        "        paths: [/orders]",
        "consumers:",
        "  - username: storefront",
        "    acls: [{ group: orders-reader }]",
        "",
      ].join("\n"),
      "kong.yaml",
    );
    expect(report.imports.map((i) => i.path)).toEqual(["upstream-orders.upstream/upstream"]);
    expect(report.created).toEqual([
      {
        entity: "target 10.0.0.1:8080 of upstream orders.upstream",
        path: "upstream-orders.upstream/target-10.0.0.1:8080",
        resourceType: "kong_target",
      },
      { entity: "service orders", path: "orders/service", resourceType: "kong_service" },
      {
        entity: "route list-orders",
        path: "orders/list-orders/route",
        resourceType: "kong_route",
      },
      {
        entity: "ACL group orders-reader of consumer storefront",
        path: "storefront/role-orders-reader",
        resourceType: "kong_consumer_acl",
      },
      {
        entity: "consumer storefront",
        path: "storefront/consumer",
        resourceType: "kong_consumer",
      },
    ]);
    expect(formatReport(report, "stacks/kong.ts")).toContain(
      [
        "Created by the first plan: no id in the file, so no import (a dump without --with-id?) (5):",
        "  kong_target upstream-orders.upstream/target-10.0.0.1:8080 (target 10.0.0.1:8080 of upstream orders.upstream)",
        "  kong_service orders/service (service orders)",
      ].join("\n"),
    );
    const blocks = synthesizeModule(report).json.import as { to: string }[];
    expect(blocks.map((b) => b.to)).toEqual([expect.stringMatching(/^kong_upstream\./)]);
  });

  it("lists every entity it does not declare, with its place and reason", () => {
    const places = estate.notImported.map((o) => o.place);
    const deck = parse(readFileSync(join(FIXTURES, "estate.yaml"), "utf8")) as Json;
    expect(places).toEqual(
      expect.arrayContaining([
        "consumers[2]",
        "ca_certificates[0]",
        "consumer_groups[0]",
        "vaults[0]",
      ]),
    );
    expect(Object.keys(deck)).toContain("vaults");
  });
});

describe("plugins on every scope", () => {
  const resources = synthesizeModule(plugins).json.resource as Record<string, Record<string, Json>>;
  const plugin = (name: string, owner: Record<string, unknown>) =>
    Object.values(resources.kong_plugin).find(
      (p) =>
        p.name === name &&
        ["service_id", "route_id", "consumer_id"].every(
          (k) => (p[k] === undefined) === (owner[k] === undefined),
        ),
    );

  it("declares global, service, route and consumer plugins, nested or referring by name or id", () => {
    expect(plugins.module).toContain('gateway.addPlugin("key-auth", { hide_credentials: true });');
    expect(plugins.module).toContain('catalogService.addPlugin("rate-limiting", { minute: 100 });');
    expect(plugins.module).toMatch(/listItemsRoute\.addPlugin\("correlation-id", /);
    expect(plugins.module).toContain('mobileConsumer.addPlugin("rate-limiting", { minute: 5 });');
    expect(plugins.module).toMatch(/mobileConsumer\.addPlugin\("request-size-limiting", /);
    expect(plugin("key-auth", {})).toBeDefined();
    expect(plugin("correlation-id", { route_id: 1 })).toBeDefined();
    expect(plugin("rate-limiting", { consumer_id: 1 })?.config_json).toBe('{"minute":5}');
  });

  it("writes a plugin outside the catalogue through addUncheckedPlugin, its credentials as variables, and lists it", () => {
    expect(plugins.module).toMatch(/catalogService\.addUncheckedPlugin\("acme-audit", \{/);
    expect(plugins.module).not.toContain("audit-token-not-real");
    expect(plugins.variables).toContainEqual({
      name: "deck_plugin_acme_audit_catalog_api_token",
      entity: "plugin acme-audit on service catalog",
      field: "config.api_token",
    });
    expect(plugins.differences).toContainEqual(
      expect.objectContaining({ entity: "plugin acme-audit on service catalog", field: "config" }),
    );
    const audit = plugin("acme-audit", { service_id: 1 });
    expect(JSON.parse(audit?.config_json as string)).toEqual({
      sink: "https://audit.internal/events",
      api_token: "${var.deck_plugin_acme_audit_catalog_api_token}",
      batch: { size: 100 },
    });
  });

  it("lists a plugin on two entities, which no construct holds", () => {
    expect(plugins.notImported).toEqual([
      {
        place: "plugins[4]",
        entity: "plugin cors on service and route",
        reason: expect.stringMatching(/one entity/),
      },
    ]);
  });

  it("adopts every plugin by its id, global ones at plugin-<name>", () => {
    expect(
      plugins.imports.filter((i) => i.resourceType === "kong_plugin").map((i) => i.path),
    ).toEqual([
      "catalog/rate-limiting/plugin",
      "mobile/request-size-limiting/plugin",
      "plugin-key-auth/plugin",
      "catalog/list-items/correlation-id/plugin",
      "mobile/rate-limiting/plugin",
      "catalog/acme-audit/plugin",
    ]);
  });
});
