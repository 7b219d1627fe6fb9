import { TerraformStack, Testing, TerraformVariable } from "cdktf";
import {
  Credential,
  Duration,
  Environment,
  Gateway,
  KongStack,
  Secret,
  UserError,
  ValidationError,
  type EnvironmentProps,
  type GatewayProps,
  type UpstreamOptions,
} from "../../src/constructs";
import { kongProviderSchema } from "../../src/conformance/provider-schema";
import { SHOP_CERTIFICATE } from "../support/certificate";
import { gatewayFixture } from "../support/template";
import { readByTerraform } from "../support/terraform";

// Every string a construct writes into cdk.tf.json, prop by prop: Terraform reads it as text (a
// template there is written `$${`/`%%{`, or refused where the prop admits no such characters),
// and a cdktf token naming the provider's Admin API credential is refused, naming the construct.

const TEMPLATE = "a${var.kong_admin_token}%{if true}x%{endif}";
/** The variables the provider's Admin API credential may be in, one per `adminAuth`. */
const ADMIN_CREDENTIAL_VARIABLES = ["kong_admin_token", "kong_api_key", "kong_admin_password"];
const ESCAPED = "a$${var.kong_admin_token}%%{if true}x%%{endif}";

/** How one prop is set: on the gateway's props, on the gateway once built, or both. */
interface Probe {
  /** The provider attribute the prop lands in: `type.attribute`, blocks joined by dots. */
  readonly attribute: string;
  /** The prop, as a user writes it. */
  readonly prop: string;
  /**
   * What a template there becomes: written as text (`$${`), refused (names, hosts, patterns), or
   * percent-encoded as a URL's path is (`$%7B`).
   */
  readonly template: "escaped" | "refused" | "percent-encoded";
  readonly environmentProps?: (value: string) => Partial<EnvironmentProps>;
  readonly gatewayProps?: (value: string) => Partial<GatewayProps>;
  readonly build: (gateway: Gateway, value: string) => void;
}

const KEY = Secret.fromVariable("app_key");
const PROBING = { interval: Duration.seconds(5) };
const upstream = (options: Partial<UpstreamOptions>) => (gateway: Gateway) =>
  gateway.addService("orders", {
    upstream: { targets: [{ target: "orders-1.internal:8080" }], ...options },
  });
const route = (
  gateway: Gateway,
  options: { paths?: string[]; hosts?: string[]; tags?: string[] },
) =>
  gateway
    .addService("orders", { url: "http://orders.internal" })
    .addRoute("a", { paths: ["/a"], ...options });
const consumerWith = (credential: Credential) => (gateway: Gateway) =>
  gateway.addConsumer("app", { credentials: [credential] });

const s3 = (props: Record<string, string>): Partial<EnvironmentProps> => ({
  backend: { type: "s3", bucket: "b", key: "k", region: "r", ...props },
});
const http = (props: Record<string, string>): Partial<EnvironmentProps> => ({
  backend: { type: "http", address: "https://state.internal/dev", ...props },
});
const BACKENDS: readonly Probe[] = [
  ["local.path", (path: string) => ({ backend: { type: "local", path } })],
  ["s3.bucket", (bucket: string) => s3({ bucket })],
  ["s3.key", (key: string) => s3({ key })],
  ["s3.region", (region: string) => s3({ region })],
  ["s3.dynamodb_table", (dynamodbTable: string) => s3({ dynamodbTable })],
  ["http.address", (address: string) => http({ address })],
  ["http.lock_address", (lockAddress: string) => http({ lockAddress })],
].map(([attribute, environmentProps]) => ({
  attribute: `terraform.backend.${attribute as string}`,
  prop: `Environment backend ${attribute as string}`,
  template: "escaped",
  environmentProps: environmentProps as Probe["environmentProps"],
  build: () => undefined,
}));

const PROBES: readonly Probe[] = [
  ...BACKENDS,
  {
    attribute: "provider.kong_workspace",
    prop: "Gateway workspace",
    template: "escaped",
    gatewayProps: (workspace) => ({ workspace }),
    build: () => undefined,
  },
  {
    attribute: "kong_consumer.username",
    prop: "gateway.addConsumer name",
    template: "escaped",
    build: (gateway, name) => gateway.addConsumer(name, {}),
  },
  {
    attribute: "kong_consumer.custom_id",
    prop: "Consumer customId",
    template: "escaped",
    build: (gateway, customId) => gateway.addConsumer("app", { customId }),
  },
  {
    attribute: "kong_consumer.tags",
    prop: "Gateway tags (on a consumer)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: (gateway) => gateway.addConsumer("app", {}),
  },
  {
    attribute: "kong_consumer_acl.group",
    prop: "Gateway roles / Consumer roles",
    template: "refused",
    gatewayProps: (role) => ({ roles: { [role]: { idpGroups: ["g"] } } }),
    build: (gateway, role) => gateway.addConsumer("app", { roles: [role] }),
  },
  {
    attribute: "kong_consumer_acl.tags",
    prop: "Gateway tags (on a role)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag], roles: { r: { idpGroups: ["g"] } } }),
    build: (gateway) => gateway.addConsumer("app", { roles: ["r"] }),
  },
  {
    attribute: "kong_consumer_basic_auth.username",
    prop: "Credential.basicAuth username",
    template: "escaped",
    build: (gateway, username) =>
      consumerWith(Credential.basicAuth({ username, password: KEY }))(gateway),
  },
  {
    attribute: "kong_consumer_basic_auth.tags",
    prop: "Gateway tags (on a basic-auth credential)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: consumerWith(Credential.basicAuth({ username: "u", password: KEY })),
  },
  {
    attribute: "kong_consumer_jwt_auth.key",
    prop: "Credential.jwt key",
    template: "escaped",
    build: (gateway, key) =>
      consumerWith(Credential.jwt({ algorithm: "HS256", key, secret: KEY }))(gateway),
  },
  {
    attribute: "kong_consumer_jwt_auth.rsa_public_key",
    prop: "Credential.jwt publicKey (text)",
    template: "escaped",
    build: (gateway, publicKey) =>
      consumerWith(Credential.jwt({ algorithm: "RS256", key: "k", publicKey }))(gateway),
  },
  {
    attribute: "kong_consumer_jwt_auth.tags",
    prop: "Gateway tags (on a JWT credential)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: consumerWith(Credential.jwt({ algorithm: "HS256", key: "k", secret: KEY })),
  },
  {
    attribute: "kong_consumer_key_auth.tags",
    prop: "Gateway tags (on a key-auth credential)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: consumerWith(Credential.keyAuth({ key: KEY })),
  },
  {
    attribute: "kong_certificate.certificate",
    prop: "Certificate certificate (PEM)",
    template: "refused",
    build: (gateway, text) =>
      gateway.addCertificate("shop", {
        certificate: `${SHOP_CERTIFICATE}${text}`,
        privateKey: KEY,
      }),
  },
  {
    attribute: "kong_certificate.snis",
    prop: "Certificate snis",
    template: "refused",
    build: (gateway, sni) =>
      gateway.addCertificate("shop", {
        certificate: SHOP_CERTIFICATE,
        privateKey: KEY,
        snis: [sni],
      }),
  },
  {
    attribute: "kong_certificate.tags",
    prop: "Certificate tags",
    template: "escaped",
    build: (gateway, tag) =>
      gateway.addCertificate("shop", {
        certificate: SHOP_CERTIFICATE,
        privateKey: KEY,
        tags: [tag],
      }),
  },
  {
    attribute: "kong_plugin.config_json",
    prop: "addPlugin config (a string)",
    template: "escaped",
    build: (gateway, message) =>
      route(gateway, {}).addPlugin("request-termination", { status_code: 503, message }),
  },
  {
    attribute: "kong_plugin.config_json",
    prop: "addUncheckedPlugin config (a key)",
    template: "escaped",
    build: (gateway, key) => route(gateway, {}).addUncheckedPlugin("shop-audit", { [key]: 1 }),
  },
  {
    attribute: "kong_plugin.name",
    prop: "addUncheckedPlugin name",
    template: "refused",
    build: (gateway, name) => route(gateway, {}).addUncheckedPlugin(name, {}),
  },
  {
    attribute: "kong_plugin.tags",
    prop: "Gateway tags (on a plugin)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: (gateway) =>
      route(gateway, {}).addPlugin("request-termination", { status_code: 503, message: "m" }),
  },
  {
    attribute: "kong_route.name",
    prop: "addRoute name",
    template: "refused",
    build: (gateway, name) =>
      gateway.addService("orders", { url: "http://orders.internal" }).addRoute(name, {
        paths: ["/a"],
      }),
  },
  {
    attribute: "kong_route.paths",
    prop: "Route paths",
    template: "escaped",
    build: (gateway, path) => route(gateway, { paths: [`/${path}`] }),
  },
  {
    attribute: "kong_route.paths",
    prop: "Route paths (a regex)",
    template: "refused",
    build: (gateway, path) => route(gateway, { paths: [`~/${path}`] }),
  },
  {
    attribute: "kong_route.hosts",
    prop: "Route hosts",
    template: "refused",
    build: (gateway, host) => route(gateway, { hosts: [host] }),
  },
  {
    attribute: "kong_route.tags",
    prop: "Route tags",
    template: "escaped",
    build: (gateway, tag) => route(gateway, { tags: [tag] }),
  },
  {
    attribute: "kong_service.name",
    prop: "addService name",
    template: "refused",
    build: (gateway, name) => gateway.addService(name, { url: "http://orders.internal" }),
  },
  {
    attribute: "kong_service.host",
    prop: "Service url (host)",
    template: "refused",
    build: (gateway, host) => gateway.addService("orders", { url: `http://${host}` }),
  },
  {
    attribute: "kong_service.path",
    prop: "Service url (path)",
    template: "percent-encoded",
    build: (gateway, path) =>
      gateway.addService("orders", { url: `http://orders.internal/${path}` }),
  },
  {
    attribute: "kong_service.tags",
    prop: "Service tags",
    template: "escaped",
    build: (gateway, tag) =>
      gateway.addService("orders", { url: "http://o.internal", tags: [tag] }),
  },
  {
    attribute: "kong_target.target",
    prop: "Upstream targets",
    template: "refused",
    build: (gateway, target) => upstream({ targets: [{ target }] })(gateway),
  },
  {
    attribute: "kong_target.tags",
    prop: "Gateway tags (on a target)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: upstream({}),
  },
  {
    attribute: "kong_upstream.name",
    prop: "addUpstream name",
    template: "refused",
    build: (gateway, name) =>
      gateway.addUpstream(name, { targets: [{ target: "orders-1.internal:8080" }] }),
  },
  {
    attribute: "kong_upstream.hash_on_header",
    prop: "Upstream hashOnHeader",
    template: "escaped",
    build: (gateway, hashOnHeader) => upstream({ hashOn: "header", hashOnHeader })(gateway),
  },
  {
    attribute: "kong_upstream.hash_fallback_header",
    prop: "Upstream hashFallbackHeader",
    template: "escaped",
    build: (gateway, hashFallbackHeader) =>
      upstream({
        hashOn: "consumer",
        hashFallback: "header",
        hashFallbackHeader,
      })(gateway),
  },
  {
    attribute: "kong_upstream.hash_on_cookie",
    prop: "Upstream hashOnCookie",
    template: "escaped",
    build: (gateway, hashOnCookie) => upstream({ hashOn: "cookie", hashOnCookie })(gateway),
  },
  {
    attribute: "kong_upstream.hash_on_cookie_path",
    prop: "Upstream hashOnCookiePath",
    template: "escaped",
    build: (gateway, path) =>
      upstream({ hashOn: "cookie", hashOnCookie: "c", hashOnCookiePath: `/${path}` })(gateway),
  },
  {
    attribute: "kong_upstream.host_header",
    prop: "Upstream hostHeader",
    template: "refused",
    build: (gateway, hostHeader) => upstream({ hostHeader })(gateway),
  },
  {
    attribute: "kong_upstream.healthchecks.active.http_path",
    prop: "Upstream healthChecks.active.httpPath",
    template: "escaped",
    build: (gateway, path) =>
      upstream({ healthChecks: { active: { httpPath: `/${path}`, healthy: PROBING } } })(gateway),
  },
  {
    attribute: "kong_upstream.healthchecks.active.https_sni",
    prop: "Upstream healthChecks.active.httpsSni",
    template: "escaped",
    build: (gateway, httpsSni) =>
      upstream({ healthChecks: { active: { type: "https", httpsSni, healthy: PROBING } } })(
        gateway,
      ),
  },
  {
    attribute: "kong_upstream.tags",
    prop: "Gateway tags (on an upstream)",
    template: "escaped",
    gatewayProps: (tag) => ({ tags: [tag] }),
    build: upstream({}),
  },
];

/**
 * The other string attributes of the provider's schema, each with why no prop writes text there:
 * references the constructs create, choices from a closed list, Secrets, or never written.
 */
const NOT_PROPS: Readonly<Record<string, string>> = {
  "provider.kong_admin_uri": "a variable of the gateway",
  "provider.kong_admin_token": "a variable of the gateway",
  "provider.kong_api_key": "a variable of the gateway",
  "provider.kong_admin_username": "a variable of the gateway",
  "provider.kong_admin_password": "a variable of the gateway",
  "provider.tls_skip_verify": "never written",
  "provider.strict_plugins_match": "a constant",
  "kong_certificate.private_key": "a Secret",
  "kong_consumer_acl.consumer_id": "a reference",
  "kong_consumer_basic_auth.consumer_id": "a reference",
  "kong_consumer_basic_auth.password": "a Secret",
  "kong_consumer_jwt_auth.algorithm": "a choice",
  "kong_consumer_jwt_auth.consumer_id": "a reference",
  "kong_consumer_jwt_auth.secret": "a Secret",
  "kong_consumer_key_auth.consumer_id": "a reference",
  "kong_consumer_key_auth.key": "a Secret",
  "kong_consumer_oauth2.client_id": "never written",
  "kong_consumer_oauth2.client_secret": "never written",
  "kong_consumer_oauth2.consumer_id": "never written",
  "kong_consumer_oauth2.name": "never written",
  "kong_consumer_oauth2.redirect_uris": "never written",
  "kong_consumer_oauth2.tags": "never written",
  "kong_plugin.consumer_id": "a reference",
  "kong_plugin.route_id": "a reference",
  "kong_plugin.service_id": "a reference",
  "kong_route.methods": "a choice",
  "kong_route.protocols": "a choice",
  "kong_route.service_id": "a reference",
  "kong_route.path_handling": "never written",
  "kong_route.snis": "never written",
  "kong_route.destination.ip": "never written",
  "kong_route.source.ip": "never written",
  "kong_route.header.name": "never written",
  "kong_route.header.values": "never written",
  "kong_service.protocol": "a choice",
  "kong_service.client_certificate_id": "a reference",
  "kong_service.ca_certificate_ids": "never written",
  "kong_target.upstream_id": "a reference",
  "kong_upstream.hash_on": "a choice",
  "kong_upstream.hash_fallback": "a choice",
  "kong_upstream.client_certificate_id": "never written",
  "kong_upstream.healthchecks.active.type": "a choice",
  "kong_upstream.healthchecks.passive.type": "a choice",
};

interface SchemaBlock {
  attributes?: Record<
    string,
    { type: unknown; computed?: boolean; optional?: boolean; required?: boolean }
  >;
  block_types?: Record<string, { block: SchemaBlock }>;
}

/** Every string-typed attribute the user may set, of the provider and of each resource. */
function schemaStringAttributes(): string[] {
  const out: string[] = [];
  const walk = (block: SchemaBlock, prefix: string) => {
    // `id` is the entity's id in Kong: no construct writes it (adoption imports it).
    for (const [name, a] of Object.entries(block.attributes ?? {}))
      if (name !== "id" && JSON.stringify(a.type).includes("string") && (a.optional || a.required))
        out.push(`${prefix}${name}`);
    for (const [name, nested] of Object.entries(block.block_types ?? {}))
      walk(nested.block, `${prefix}${name}.`);
  };
  const [schema] = Object.values(kongProviderSchema.provider_schemas) as unknown as {
    provider: { block: SchemaBlock };
    resource_schemas: Record<string, { block: SchemaBlock }>;
  }[];
  walk(schema.provider.block, "provider.");
  for (const [type, resource] of Object.entries(schema.resource_schemas))
    walk(resource.block, `${type}.`);
  return out.sort();
}

/**
 * The stack a probe builds with the text `value` makes of a token of `var.<variable>` (declared
 * in a stack of its own, so that environment and gateway props can hold it too).
 */
function build(probe: Probe, value: (token: string) => string, variable = "kong_admin_token") {
  const token = new TerraformVariable(new TerraformStack(Testing.app(), "vars"), "admin", {
    type: "string",
    sensitive: true,
  });
  token.overrideLogicalId(variable);
  const text = value(token.stringValue);
  const environment = new Environment({ name: "dev", ...probe.environmentProps?.(text) });
  const stack = new KongStack(Testing.app(), "dev", { environment });
  const gateway = new Gateway(stack, "kong", {
    environment,
    ...(variable === "kong_admin_token" ? {} : { adminAuth: "none" as const }),
    ...probe.gatewayProps?.(text),
  });
  probe.build(gateway, text);
  return stack;
}

/** Every string at `attribute` (`type.a.b`) in a synthesized stack, arrays flattened. */
function written(synthesized: string, attribute: string): string[] {
  const json = JSON.parse(synthesized) as Record<string, Record<string, unknown>>;
  const [type, ...path] = attribute.split(".");
  const roots =
    type === "provider"
      ? [json.provider?.kong].flat()
      : type === "terraform"
        ? [json.terraform]
        : Object.values((json.resource?.[type] ?? {}) as Record<string, unknown>);
  let values: unknown[] = roots;
  for (const key of path)
    values = values
      .flat(2)
      .map((v) => (v as Record<string, unknown> | undefined)?.[key])
      .filter((v) => v !== undefined);
  return values.flat(2).filter((v): v is string => typeof v === "string");
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A refusal as the command line prints it: `path: message` when it carries a construct path. */
function printed(error: unknown): string {
  const message = (error as Error).message;
  return error instanceof ValidationError ? `${error.constructPath}: ${message}` : message;
}

describe("every string a construct writes", () => {
  it("each string attribute of the provider is a probed prop or has a reason to be none", () => {
    const probed = new Set(PROBES.map((p) => p.attribute));
    const unclassified = schemaStringAttributes().filter(
      (a) => !probed.has(a) && !(a in NOT_PROPS),
    );
    expect(unclassified).toEqual([]);
  });

  const escaped = PROBES.filter((p) => p.template === "escaped");
  it.each(escaped.map((p) => [p.prop, p] as const))(
    "%s: a template is written as text",
    (_, probe) => {
      const synthesized = Testing.synth(build(probe, () => TEMPLATE));
      const strings = written(synthesized, probe.attribute);
      expect(strings.some((s) => s.includes(ESCAPED))).toBe(true);
      expect(
        strings.some((s) => s.replace(/\$\$\{/g, "").includes("${var.kong_admin_token}")),
      ).toBe(false);
    },
  );

  it("Terraform reads each of them back as the text given", () => {
    const strings = escaped.flatMap((p) =>
      written(Testing.synth(build(p, () => TEMPLATE)), p.attribute).filter((s) =>
        s.includes(ESCAPED),
      ),
    );
    const read = readByTerraform(strings);
    expect(read.every((s) => s.includes(TEMPLATE) && !s.includes("$${"))).toBe(true);
    expect(read).toHaveLength(escaped.length);
  });

  it.each(PROBES.filter((p) => p.template === "percent-encoded").map((p) => [p.prop, p] as const))(
    "%s: a template is percent-encoded, as a URL's path is",
    (_, probe) => {
      const strings = written(Testing.synth(build(probe, () => TEMPLATE)), probe.attribute);
      expect(strings).toEqual([new URL(`http://h/${TEMPLATE}`).pathname]);
      expect(strings.join()).not.toMatch(/[$%]\{/);
    },
  );

  it.each(PROBES.filter((p) => p.template === "refused").map((p) => [p.prop, p] as const))(
    "%s: admits no template characters, and says so in one sentence",
    (_, probe) => {
      const error = thrownBy(() => build(probe, () => TEMPLATE));
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message.split("\n")).toHaveLength(1);
    },
  );

  describe.each(ADMIN_CREDENTIAL_VARIABLES.map((v) => [v]))("a token of var.%s", (variable) => {
    it.each(PROBES.map((p) => [p.prop, p] as const))("%s: refused", (_, probe) => {
      const error = thrownBy(() => build(probe, (token) => `x-${token}`, variable));
      expect(error).toBeInstanceOf(UserError);
      const message = (error as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      if (probe.template !== "refused")
        expect(printed(error)).toMatch(
          new RegExp(
            `(^dev\\b|\\bat dev\\b).* references var\\.${variable}, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it;`,
          ),
        );
    });
  });

  it("a basic-auth username naming the admin token is refused, naming the construct path", () => {
    const probe = PROBES.find((p) => p.prop === "Credential.basicAuth username")!;
    const error = thrownBy(() => build(probe, (token) => token));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      constructPath: "dev/kong/app",
      message:
        "Consumer app basic-auth credential 0 username references var.kong_admin_token, the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it; expected a credential of its own (Secret.fromVariable with another name, or Secret.fromVault).",
    });
  });
});

describe("every Secret a construct writes", () => {
  const SECRETS: readonly (readonly [string, (gateway: Gateway, secret: Secret) => unknown])[] = [
    [
      "Credential.basicAuth password",
      (g, password) => consumerWith(Credential.basicAuth({ username: "u", password }))(g),
    ],
    [
      "Credential.jwt secret",
      (g, secret) => consumerWith(Credential.jwt({ algorithm: "HS256", key: "k", secret }))(g),
    ],
    [
      "Credential.jwt publicKey",
      (g, publicKey) =>
        consumerWith(Credential.jwt({ algorithm: "RS256", key: "k", publicKey }))(g),
    ],
    ["Credential.keyAuth key", (g, key) => consumerWith(Credential.keyAuth({ key }))(g)],
    [
      "Certificate privateKey",
      (g, privateKey) => g.addCertificate("shop", { certificate: SHOP_CERTIFICATE, privateKey }),
    ],
    [
      "a plugin config's Secret",
      (g, password) =>
        route(g, {}).addPlugin("rate-limiting", {
          minute: 5,
          policy: "redis",
          redis: { host: "redis.internal", password },
        }),
    ],
  ];

  describe.each(ADMIN_CREDENTIAL_VARIABLES.map((v) => [v]))(
    "Secret.fromVariable(%p)",
    (variable) => {
      it.each(SECRETS)("as %s: refused, naming the construct path", (_, use) => {
        const { gateway } = gatewayFixture({}, { adminAuth: "none" });
        const error = thrownBy(() => use(gateway, Secret.fromVariable(variable)));
        expect(error).toBeInstanceOf(ValidationError);
        expect(printed(error)).toMatch(
          new RegExp(
            `^dev/kong\\b.*: .* uses Secret\\.fromVariable\\("${variable}"\\), the provider's Kong Admin API credential, which would hand the Admin API to whoever reads it;`,
          ),
        );
      });
    },
  );
});
