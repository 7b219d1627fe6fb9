import { App, S3Backend, TerraformStack, TerraformVariable } from "cdktf";
import { fingerprint, parseSchema, type AvroSchema } from "../src/avro";
import {
  Duration,
  Environment,
  Gateway,
  Identity,
  KongStack,
  MANAGED_BY_TAG,
  type ContractSource,
  type ContractVersion,
} from "../src/constructs";
import { plugin, provider, route, service } from "../src/provider";
import { compileLuaValidator } from "../src/validators";

/**
 * The synth benchmark's workload (issue #11): one stack of `routes` routes over `routes / 10`
 * services; every route has its own JWT, rate limit and request validation of one of 50
 * subjects. `buildOurs` declares it with our constructs, `buildPlain` writes the same Kong
 * resources with plain cdktf through the same generated bindings, the way a careful hand-written
 * stack would (each subject's Lua compiled once).
 */

const SUBJECTS = 50;
const ROUTES_PER_SERVICE = 10;
const ENVIRONMENT = "bench";
const STATE = { bucket: "bench-state", key: "kong/bench.tfstate", region: "eu-central-1" };
const TOKEN_LIFETIME_SECONDS = 15 * 60;
const PER_MINUTE = 600;

/** Subject `i`: a record with a nested record, an array, an enum and an optional field. */
function subjectSchema(i: number): AvroSchema {
  return parseSchema({
    type: "record",
    name: `Event${i}`,
    namespace: `bench.domain${i}`,
    fields: [
      { name: "id", type: { type: "string", logicalType: "uuid" } },
      { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
      {
        name: "lines",
        type: {
          type: "array",
          items: {
            type: "record",
            name: "Line",
            fields: [
              { name: "sku", type: "string" },
              { name: "quantity", type: "int" },
              {
                name: "price",
                type: { type: "bytes", logicalType: "decimal", precision: 12, scale: 2 },
              },
            ],
          },
        },
      },
      { name: "state", type: { type: "enum", name: "State", symbols: ["NEW", "DONE", `S${i}`] } },
      { name: "note", type: ["null", "string"], default: null },
      { name: "attributes", type: { type: "map", values: "string" }, default: {} },
    ],
  });
}

function contracts(): ContractSource {
  const versions = new Map<string, ContractVersion>();
  for (let i = 0; i < SUBJECTS; i++) {
    const schema = subjectSchema(i);
    const subject = `bench.domain${i}.Event${i}`;
    versions.set(subject, { subject, version: 1, schema, fingerprint: fingerprint(schema) });
  }
  return { pinned: (s) => versions.get(s), subjects: () => [...versions.keys()] };
}

interface RouteSpec {
  readonly name: string;
  readonly service: string;
  readonly path: string;
  readonly subject: string;
}

function* layout(routes: number): Generator<{ service: string; routes: RouteSpec[] }> {
  for (let s = 0; s * ROUTES_PER_SERVICE < routes; s++) {
    const serviceName = `svc-${s}`;
    const specs: RouteSpec[] = [];
    for (let r = s * ROUTES_PER_SERVICE; r < Math.min(routes, (s + 1) * ROUTES_PER_SERVICE); r++) {
      const k = r % SUBJECTS;
      specs.push({
        name: `route-${r}`,
        service: serviceName,
        path: `/svc-${s}/route-${r}`,
        subject: `bench.domain${k}.Event${k}`,
      });
    }
    yield { service: serviceName, routes: specs };
  }
}

/** The workload through our constructs: KongStack, Gateway, services and routes. */
function buildOurs(app: App, routes: number): void {
  const environment = new Environment({
    name: ENVIRONMENT,
    production: true,
    backend: { type: "s3", ...STATE },
    contracts: contracts(),
  });
  const stack = new KongStack(app, ENVIRONMENT, { environment });
  const gateway = new Gateway(stack, "kong", { environment });
  const identity = Identity.jwt({ maxTokenLifetime: Duration.seconds(TOKEN_LIFETIME_SECONDS) });
  for (const group of layout(routes)) {
    const svc = gateway.addService(group.service, { url: `http://${group.service}.internal:8080` });
    for (const spec of group.routes) {
      svc.addRoute(spec.name, {
        methods: ["POST"],
        paths: [spec.path],
        stripPath: false,
        identity,
        rateLimit: { perMinute: PER_MINUTE },
        validate: { request: spec.subject },
      });
    }
  }
}

function tags(...extra: string[]): string[] {
  return [MANAGED_BY_TAG, `environment:${ENVIRONMENT}`, ...extra];
}

/** The same Kong resources written with plain cdktf and the generated bindings. */
function buildPlain(app: App, routes: number): void {
  const stack = new TerraformStack(app, ENVIRONMENT);
  new S3Backend(stack, { ...STATE, encrypt: true });
  const variable = (name: string, description: string, sensitive: boolean) => {
    const v = new TerraformVariable(stack, name, {
      type: "string",
      description,
      sensitive,
      nullable: false,
    });
    v.overrideLogicalId(name);
    return v.stringValue;
  };
  new provider.KongProvider(stack, "provider", {
    kongAdminUri: variable(
      "kong_admin_uri",
      `Kong Admin API address for ${ENVIRONMENT}, e.g. https://kong-admin.internal:8444`,
      false,
    ),
    kongAdminToken: variable("kong_admin_token", "Kong Admin API RBAC token", true),
    strictPluginsMatch: false,
  });
  const source = contracts();
  const lua = new Map<string, string>();
  const luaFor = (subject: string): string => {
    let chunk = lua.get(subject);
    if (chunk === undefined) {
      const v = source.pinned(subject) as ContractVersion;
      chunk = compileLuaValidator(v.schema, {
        subject,
        version: v.version,
        fingerprint: v.fingerprint,
        bufferResponse: false,
      });
      lua.set(subject, chunk);
    }
    return chunk;
  };
  // A route's plugin carries the route's ownership tags, as every entity does.
  const addPlugin = (id: string, name: string, routeId: string, owner: string[], config: unknown) =>
    new plugin.Plugin(stack, id, {
      name,
      routeId,
      configJson: JSON.stringify(config),
      strictMatch: false,
      tags: tags(...owner),
    });
  for (const group of layout(routes)) {
    const svc = new service.Service(stack, group.service, {
      name: group.service,
      protocol: "http",
      host: `${group.service}.internal`,
      port: 8080,
      tags: tags(`service:${group.service}`),
    });
    for (const spec of group.routes) {
      const r = new route.Route(stack, spec.name, {
        name: spec.name,
        serviceId: svc.id,
        protocols: ["https"],
        paths: [spec.path],
        methods: ["POST"],
        stripPath: false,
        preserveHost: false,
        tags: tags(`service:${group.service}`, `route:${spec.name}`),
      });
      const owner = [`service:${group.service}`, `route:${spec.name}`];
      addPlugin(`${spec.name}-jwt`, "jwt", r.id, owner, {
        claims_to_verify: ["exp", "nbf"],
        maximum_expiration: TOKEN_LIFETIME_SECONDS,
        key_claim_name: "iss",
        header_names: ["authorization"],
        run_on_preflight: true,
      });
      addPlugin(`${spec.name}-rate-limiting`, "rate-limiting", r.id, owner, {
        minute: PER_MINUTE,
        limit_by: "consumer",
        policy: "local",
        fault_tolerant: true,
      });
      addPlugin(`${spec.name}-pre-function`, "pre-function", r.id, owner, {
        access: [luaFor(spec.subject)],
        header_filter: [],
        log: [],
      });
    }
  }
}

export const BUILDERS = { ours: buildOurs, plain: buildPlain } as const;
export type Implementation = keyof typeof BUILDERS;
