import { Secret, UserError, isObject, showValue } from "../common";
import { isPluginName, type PluginScope } from "../plugins";
import { Code, comment, literal } from "./code";
import { nestedEntities, type DeckEntity, type DeckFile } from "./deck";
import { guardrailFindings, type DeclaredRoute } from "./guardrails";
import { Identifiers, VariableNames, constructName } from "./names";
import { importConfig, setAtPath, uncheckedConfig } from "./plugins";
import type {
  Difference,
  ImportReport,
  ImportedEntity,
  NameMappingEntry,
  Omission,
  SecretVariable,
} from "./report";

/** Tags the constructs write themselves (DESIGN.md, "Facts the project builds on", tags): not kept, written again on synth. */
const OWN_TAG = /^(managed-by:avro-kong|environment:|service:|route:|consumer:|team:)/;
const HTTP_METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  "TRACE",
  "CONNECT",
];
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };
const HASH_ON = ["none", "consumer", "ip", "header", "cookie", "path"];

/** Service attributes the constructs cannot set, with the value Kong takes when they are unset. */
const SERVICE_UNSET: Record<string, unknown> = {
  enabled: true,
  tls_verify: null,
  tls_verify_depth: null,
  ca_certificates: null,
  client_certificate: null,
};
const ROUTE_UNSET: Record<string, unknown> = {
  headers: null,
  snis: null,
  sources: null,
  destinations: null,
  regex_priority: 0,
  path_handling: "v0",
  request_buffering: true,
  response_buffering: true,
};
const PLUGIN_UNSET: Record<string, unknown> = { instance_name: null, ordering: null };
const ALL_PROTOCOLS = ["grpc", "grpcs", "http", "https"];

interface ServiceRef {
  readonly entity: DeckEntity;
  readonly kongName: string;
  readonly local: string;
  readonly path: string;
  readonly routes: DeclaredRoute[];
  readonly plugins: Map<string, unknown>;
}

/** What a plugin attaches to: the local that declares it, its construct path, its plugins so far. */
interface PluginOwner {
  readonly local: string;
  readonly path: string;
  /** Its Kong name, for variable names. */
  readonly name: string;
  readonly label: string;
  readonly scope: "global" | "service" | "route" | "consumer";
  readonly plugins: Map<string, unknown>;
}

function serviceOwner(service: ServiceRef): PluginOwner {
  return {
    local: service.local,
    path: service.path,
    name: service.kongName,
    label: `service ${service.kongName}`,
    scope: "service",
    plugins: service.plugins,
  };
}

/**
 * Turns a read decK file into the module and its report. Pure: the text of the module and the
 * lists; nothing is written. A file Kong would refuse throws a `UserError` naming the place.
 */
export function generateModule(deck: DeckFile, name: string): ImportReport {
  return new Generator(deck, name).run();
}

class Generator {
  private readonly lines: string[] = [];
  private readonly ids = new Identifiers();
  private readonly variableNames = new VariableNames();
  private readonly imports: ImportedEntity[] = [];
  private readonly variables: SecretVariable[] = [];
  private readonly notImported: Omission[] = [];
  private readonly differences: Difference[] = [];
  private readonly names: NameMappingEntry[] = [];
  private readonly roles = new Set<string>();
  private readonly services = new Map<string, ServiceRef>();
  private readonly routes: DeclaredRoute[] = [];
  private readonly consumedUpstreams = new Set<string>();
  private readonly uses = new Set<string>(["Gateway"]);

  constructor(
    private readonly deck: DeckFile,
    private readonly name: string,
  ) {}

  private fail(place: string, message: string): never {
    throw new UserError(`${this.deck.file}: ${place}: ${message}`, { file: this.deck.file });
  }

  run(): ImportReport {
    const e = this.deck.entities;
    const upstreamUse = this.upstreamUse();
    for (const service of e.services) this.service(service, upstreamUse);
    for (const route of e.routes) this.route(route, this.serviceOf(route));
    for (const upstream of e.upstreams) this.upstream(upstream);
    for (const consumer of e.consumers) this.consumer(consumer);
    for (const plugin of e.plugins) this.topLevelPlugin(plugin);
    for (const certificate of e.certificates)
      this.omit(
        certificate,
        "certificate",
        "the constructs have no certificate yet (gateway.addCertificate is not in this version)",
      );
    const noResource: [keyof typeof e, string][] = [
      ["ca_certificates", "CA certificate"],
      ["consumer_groups", "consumer group"],
      ["vaults", "vault"],
      ["keys", "key"],
      ["key_sets", "key set"],
    ];
    for (const [type, what] of noResource)
      for (const entity of e[type])
        this.omit(entity, what, `the kevholditch/kong provider has no ${what} resource`);
    for (const [type, list] of Object.entries(e)) {
      if (
        [
          "services",
          "routes",
          "upstreams",
          "consumers",
          "plugins",
          "certificates",
          ...noResource.map(([t]) => t),
        ].includes(type)
      )
        continue;
      for (const entity of list)
        this.omit(
          entity,
          type,
          "neither the constructs nor the provider hold this entity type (Enterprise or decK-only)",
        );
    }
    return this.finish();
  }

  // ---- services, routes, upstreams -------------------------------------------------------

  /** Upstream name → how many services point at it; one service takes its upstream in. */
  private upstreamUse(): Map<string, number> {
    const names = new Set(
      this.deck.entities.upstreams
        .map((u) => u.fields.name)
        .filter((n): n is string => typeof n === "string"),
    );
    const use = new Map<string, number>();
    for (const service of this.deck.entities.services) {
      const host = service.fields.host;
      if (typeof host === "string" && names.has(host)) use.set(host, (use.get(host) ?? 0) + 1);
    }
    return use;
  }

  private service(entity: DeckEntity, upstreamUse: Map<string, number>): void {
    const f = entity.fields;
    const kongName = this.kongName(entity, "service", f.name);
    const label = `service ${kongName}`;
    const options: Record<string, unknown> = {};
    const upstreamName =
      typeof f.host === "string" && upstreamUse.get(f.host) === 1 ? f.host : undefined;
    const upstream = upstreamName
      ? this.deck.entities.upstreams.find((u) => u.fields.name === upstreamName)
      : undefined;
    const protocol = typeof f.protocol === "string" ? f.protocol : "http";
    if (upstream && upstreamName) {
      options.upstream = this.upstreamOptions(upstream, upstreamName, kongName, protocol, f.path);
      this.consumedUpstreams.add(upstreamName);
    } else {
      options.url = this.serviceUrl(entity, protocol);
    }
    for (const [field, option] of [
      ["connect_timeout", "connectTimeout"],
      ["read_timeout", "readTimeout"],
      ["write_timeout", "writeTimeout"],
    ] as const) {
      const ms = f[field];
      if (typeof ms !== "number" || ms === 60000) continue;
      if (Number.isInteger(ms / 1000)) options[option] = new Code(durationOf(ms / 1000));
      else {
        options[option] = new Code(durationOf(Math.round(ms / 1000)));
        this.differ(
          label,
          field,
          `${ms} ms is written in whole seconds (${Math.round(ms / 1000) * 1000} ms): Duration has no milliseconds`,
        );
      }
    }
    if (typeof f.retries === "number" && f.retries !== 5) options.retries = f.retries;
    const tags = this.keptTags(f.tags);
    if (tags.length) options.tags = tags;
    this.unsettable(label, f, SERVICE_UNSET, "the constructs do not set it");
    const local = this.ids.take(kongName, "Service");
    this.declare(
      local,
      `gateway.addService(${JSON.stringify(kongName)}, ${literal(options, "  ")});`,
    );
    const ref: ServiceRef = {
      entity,
      kongName,
      local,
      path: kongName,
      routes: [],
      plugins: new Map(),
    };
    this.services.set(kongName, ref);
    if (typeof f.id === "string") this.services.set(`id:${f.id}`, ref);
    this.adopt(label, `${kongName}/service`, "kong_service", f.id);
    for (const plugin of nestedEntities(this.deck.file, entity, "plugins"))
      this.plugin(plugin, serviceOwner(ref));
    for (const route of nestedEntities(this.deck.file, entity, "routes")) this.route(route, ref);
  }

  private serviceUrl(entity: DeckEntity, protocol: string): string {
    const f = entity.fields;
    if (typeof f.url === "string") return f.url;
    if (typeof f.host !== "string")
      this.fail(
        entity.place,
        `service has no host and no url; expected one of them, as Kong does.`,
      );
    const port = typeof f.port === "number" ? f.port : (DEFAULT_PORTS[protocol] ?? 80);
    const path = typeof f.path === "string" && f.path !== "/" ? f.path : "";
    const host = (f.host as string).includes(":") ? `[${f.host as string}]` : (f.host as string);
    return `${protocol}://${host}:${port}${path}`;
  }

  private upstreamOptions(
    upstream: DeckEntity,
    name: string,
    service: string,
    protocol: string,
    path: unknown,
  ): Record<string, unknown> {
    const f = upstream.fields;
    const label = `upstream ${name}`;
    if (name !== `${service}.upstream`) {
      this.names.push({ entity: label, from: name, to: `${service}.upstream` });
      this.differ(
        label,
        "name",
        `the constructs name a service's upstream <service>.upstream; Kong's upstream becomes ${service}.upstream and service ${service} points at it`,
      );
    }
    const options: Record<string, unknown> = {};
    const targets = nestedEntities(this.deck.file, upstream, "targets").map((t) => {
      const target = t.fields.target;
      if (typeof target !== "string")
        this.fail(t.place, `target has no target address; expected host:port.`);
      const weight = t.fields.weight;
      const adopted =
        typeof f.id === "string" && typeof t.fields.id === "string"
          ? `${f.id}/${t.fields.id}`
          : undefined;
      this.adopt(
        `target ${target as string} of ${label}`,
        `${service}/upstream/target-${target as string}`,
        "kong_target",
        adopted,
      );
      const tags = this.keptTags(t.fields.tags);
      if (tags.length)
        this.differ(
          `target ${target as string} of ${label}`,
          "tags",
          "the constructs tag a target with its service's ownership tags only",
        );
      return typeof weight === "number" && weight !== 100 ? { target, weight } : { target };
    });
    options.targets = targets;
    if (protocol !== "http") options.protocol = protocol;
    if (typeof path === "string" && path !== "/") options.path = path;
    if (typeof f.hash_on === "string" && f.hash_on !== "none") {
      if (HASH_ON.includes(f.hash_on)) options.hashOn = f.hash_on;
      else
        this.differ(
          label,
          "hash_on",
          `${showValue(f.hash_on)} is not one the constructs take (${HASH_ON.join(", ")})`,
        );
    }
    if (typeof f.hash_on_header === "string") options.hashOnHeader = f.hash_on_header;
    const known = new Set(["name", "id", "targets", "tags", "hash_on", "hash_on_header"]);
    for (const [field, value] of Object.entries(f))
      if (
        !known.has(field) &&
        value !== null &&
        value !== undefined &&
        !isKongUpstreamDefault(field, value)
      )
        this.differ(label, field, "the constructs do not set it on an upstream yet");
    if (this.keptTags(f.tags).length)
      this.differ(
        label,
        "tags",
        "the constructs tag an upstream with its service's ownership tags only",
      );
    this.adopt(label, `${service}/upstream/upstream`, "kong_upstream", f.id);
    return options;
  }

  private upstream(entity: DeckEntity): void {
    const name = entity.fields.name;
    if (typeof name === "string" && this.consumedUpstreams.has(name)) return;
    this.omit(
      entity,
      `upstream ${String(name)}`,
      "only an upstream that exactly one service points at is declared (as that service's upstream)",
    );
  }

  private serviceOf(route: DeckEntity): ServiceRef {
    const ref = route.fields.service;
    const key =
      typeof ref === "string"
        ? ref
        : isObject(ref)
          ? (ref.name ?? (ref.id !== undefined ? `id:${String(ref.id)}` : undefined))
          : undefined;
    const found =
      typeof key === "string"
        ? (this.services.get(key) ?? this.services.get(`id:${key}`))
        : undefined;
    if (!found)
      this.fail(
        route.place,
        `route refers to service ${key === undefined ? "(none)" : showValue(key)}, which the file does not declare; expected a service of the file.`,
      );
    return found;
  }

  private route(entity: DeckEntity, service: ServiceRef): void {
    const f = entity.fields;
    const kongName = this.kongName(entity, "route", f.name);
    const label = `route ${kongName}`;
    const paths = stringList(f.paths);
    const hosts = stringList(f.hosts);
    const methods = stringList(f.methods);
    if (paths.length === 0 && hosts.length === 0)
      return this.omit(
        entity,
        label,
        "the constructs declare routes by paths or hosts, and it has neither",
      );
    const badMethod = methods.find((m) => !HTTP_METHODS.includes(m));
    if (badMethod)
      return this.omit(
        entity,
        label,
        `its method ${showValue(badMethod)} is not one the constructs take`,
      );
    const protocols = stringList(f.protocols);
    const options: Record<string, unknown> = {};
    if (paths.length) options.paths = paths;
    if (hosts.length) options.hosts = hosts;
    if (methods.length) options.methods = methods;
    // Always written: the constructs default to HTTPS only in production, Kong to http and https.
    options.protocols = protocols.length ? protocols : ["http", "https"];
    if (f.strip_path === false) options.stripPath = false;
    if (f.preserve_host === true) options.preserveHost = true;
    if (typeof f.https_redirect_status_code === "number" && f.https_redirect_status_code !== 426)
      options.httpsRedirectStatusCode = f.https_redirect_status_code;
    const tags = this.keptTags(f.tags);
    if (tags.length) options.tags = tags;
    this.unsettable(label, f, ROUTE_UNSET, "the constructs do not set it on a route");
    const local = this.ids.take(kongName, "Route");
    this.use(service.local);
    this.declare(
      local,
      `${service.local}.addRoute(${JSON.stringify(kongName)}, ${literal(options, "  ")});`,
    );
    const path = `${service.path}/${kongName}`;
    this.adopt(label, `${path}/route`, "kong_route", f.id);
    const plugins = new Map<string, unknown>();
    const declared: DeclaredRoute = {
      name: kongName,
      methods,
      protocols: options.protocols as string[],
      plugins,
      servicePlugins: service.plugins,
    };
    service.routes.push(declared);
    this.routes.push(declared);
    const owner: PluginOwner = {
      local,
      path,
      name: kongName,
      label,
      scope: "route",
      plugins,
    };
    this.routeOwners.set(kongName, owner);
    if (typeof f.id === "string") this.routeOwners.set(`id:${f.id}`, owner);
    if (typeof f.name === "string") this.routeOwners.set(f.name, owner);
    for (const plugin of nestedEntities(this.deck.file, entity, "plugins"))
      this.plugin(plugin, owner);
  }

  // ---- plugins -----------------------------------------------------------------------------

  /** A plugin at the file's top level: global, or referring to one service, route or consumer. */
  private topLevelPlugin(entity: DeckEntity): void {
    const f = entity.fields;
    const refs = (["service", "route", "consumer"] as const).filter(
      (k) => f[k] !== undefined && f[k] !== null,
    );
    if (refs.length === 0) return this.plugin(entity, this.global);
    if (refs.length > 1)
      return this.omit(
        entity,
        `plugin ${String(f.name)} on ${refs.join(" and ")}`,
        "the constructs attach a plugin to one entity (or to none, globally)",
      );
    const kind = refs[0];
    if (kind === "service") {
      const service = this.serviceOf({ place: entity.place, fields: { service: f.service } });
      return this.plugin(entity, serviceOwner(service));
    }
    const ref = f[kind];
    const key = isObject(ref) ? (ref.name ?? ref.username ?? ref.id) : ref;
    const owners = kind === "route" ? this.routeOwners : this.consumerOwners;
    const owner = owners.get(String(key)) ?? owners.get(`id:${String(key)}`);
    if (owner) return this.plugin(entity, owner);
    if (kind === "route")
      this.fail(
        entity.place,
        `plugin refers to route ${showValue(key)}, which the file does not declare; expected a route of the file.`,
      );
    this.omit(
      entity,
      `plugin ${String(f.name)} on consumer ${showValue(key)}`,
      "its consumer is not declared (see the consumers not imported)",
    );
  }

  private plugin(entity: DeckEntity, on: PluginOwner): void {
    const f = entity.fields;
    const name = f.name;
    if (typeof name !== "string" || name === "")
      this.fail(entity.place, `plugin has no name; expected a Kong plugin name.`);
    const label = `plugin ${name} on ${on.label}`;
    if (f.enabled === false)
      return this.omit(entity, label, "it is disabled, and the constructs would switch it on");
    if (on.plugins.has(name))
      this.fail(
        entity.place,
        `a second plugin ${name} on ${on.label}; Kong holds one plugin of a name per entity.`,
      );
    let config: Record<string, unknown>;
    let method = "addPlugin";
    if (isPluginName(name)) {
      const scope: PluginScope = { [on.scope]: true };
      const imported = importConfig(name, f.config, scope, on.label);
      if (imported.refused)
        this.fail(
          entity.place,
          `${imported.refused.replace(/\.$/, "")} (Kong would refuse this config).`,
        );
      if (imported.unknownFields.length)
        return this.omit(
          entity,
          label,
          `its config has fields outside Kong 3.9's catalogue (${imported.unknownFields.join(", ")}), and a catalogue plugin is always checked`,
        );
      config = imported.config;
      for (const path of imported.secrets) this.secretAt(config, path, name, on, label);
    } else {
      // Outside the catalogue: written as the file has it through the unchecked path, listed.
      method = "addUncheckedPlugin";
      const unchecked = uncheckedConfig(f.config);
      config = unchecked.config;
      for (const path of unchecked.secrets) this.secretAt(config, path, name, on, label);
      this.differ(
        label,
        "config",
        "outside Kong 3.9's catalogue: written unchecked through addUncheckedPlugin, as the file has it",
      );
    }
    if (this.keptTags(f.tags).length)
      this.differ(label, "tags", "a plugin is tagged with its owners' tags only");
    const protocols = stringList(f.protocols);
    if (protocols.length && JSON.stringify([...protocols].sort()) !== JSON.stringify(ALL_PROTOCOLS))
      this.differ(
        label,
        "protocols",
        "kong_plugin has no protocols; Kong keeps the plugin's default protocols",
      );
    this.unsettable(label, f, PLUGIN_UNSET, "kong_plugin has no such attribute");
    this.use(on.local);
    this.lines.push(`  ${on.local}.${method}(${JSON.stringify(name)}, ${literal(config, "  ")});`);
    const id = on.scope === "global" ? `plugin-${name}` : name;
    this.adopt(label, on.path ? `${on.path}/${id}/plugin` : `${id}/plugin`, "kong_plugin", f.id);
    on.plugins.set(name, config);
  }

  private secretAt(
    config: Record<string, unknown>,
    path: string,
    plugin: string,
    on: PluginOwner,
    label: string,
  ): void {
    const field = path.replace(/^config\./, "");
    const variable = this.variableNames.take("plugin", plugin, on.name, field);
    setAtPath(config, path, Secret.fromVariable(variable));
    this.variables.push({ name: variable, entity: label, field: path });
    this.uses.add("Secret");
  }

  private readonly global: PluginOwner = {
    local: "gateway",
    path: "",
    name: "global",
    label: "the gateway (global)",
    scope: "global",
    plugins: new Map(),
  };
  /** Routes and consumers by Kong name and by `id:<id>`, for plugins that refer to them. */
  private readonly routeOwners = new Map<string, PluginOwner>();
  private readonly consumerOwners = new Map<string, PluginOwner>();

  // ---- consumers ---------------------------------------------------------------------------

  private consumer(entity: DeckEntity): void {
    const f = entity.fields;
    const username = f.username;
    if (typeof username !== "string" || username === "")
      return this.omit(
        entity,
        `consumer ${typeof f.custom_id === "string" ? `with custom_id ${f.custom_id}` : "without username"}`,
        "the constructs name a consumer by its username, and it has none",
      );
    const label = `consumer ${username}`;
    if (!/^(?! )[^,/]+(?<! )$/.test(username))
      return this.omit(
        entity,
        label,
        'its username holds "," or "/" or spaces at an end, which the consumer:<name> tag cannot',
      );
    const options: Record<string, unknown> = {};
    const roles: string[] = [];
    const consumerId = typeof f.id === "string" ? f.id : undefined;
    const pairId = (id: unknown) =>
      typeof id === "string" && consumerId ? `${id}|${consumerId}` : undefined;
    for (const acl of nestedEntities(this.deck.file, entity, "acls")) {
      const group = acl.fields.group;
      if (typeof group !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._~-]*$/.test(group)) {
        this.omit(
          acl,
          `ACL group ${showValue(group)} of ${label}`,
          'a role name is letters, digits, ".", "_", "~" or "-"',
        );
        continue;
      }
      roles.push(group);
      this.roles.add(group);
      this.adopt(
        `ACL group ${group} of ${label}`,
        `${username}/role-${group}`,
        "kong_consumer_acl",
        pairId(acl.fields.id),
      );
      if (this.keptTags(acl.fields.tags).length)
        this.differ(
          `ACL group ${group} of ${label}`,
          "tags",
          "the constructs tag an ACL with its consumer's ownership tags",
        );
    }
    const credentials: Code[] = [];
    nestedEntities(this.deck.file, entity, "jwt_secrets").forEach((jwt, index) => {
      const j = jwt.fields;
      const what = `JWT credential ${index} of ${label}`;
      const algorithm = typeof j.algorithm === "string" ? j.algorithm : "HS256";
      if (typeof j.key !== "string" || j.key === "")
        return this.omit(
          jwt,
          what,
          "it has no key; the constructs select a JWT credential by its key",
        );
      if (algorithm === "HS256") {
        const variable = this.variableNames.take("consumer", username, "jwt", index, "secret");
        this.variables.push({ name: variable, entity: what, field: "secret" });
        this.uses.add("Secret");
        credentials.push(
          new Code(
            `Credential.jwt({ algorithm: "HS256", key: ${JSON.stringify(j.key)}, secret: Secret.fromVariable(${JSON.stringify(variable)}) })`,
          ),
        );
        this.differ(
          what,
          "rsa_public_key",
          "the constructs write a placeholder public key on an HS256 credential, which Kong never reads",
        );
      } else if (algorithm === "RS256" && typeof j.rsa_public_key === "string") {
        credentials.push(
          new Code(
            `Credential.jwt({ algorithm: "RS256", key: ${JSON.stringify(j.key)}, publicKey: ${JSON.stringify(j.rsa_public_key)} })`,
          ),
        );
        if (typeof j.secret === "string")
          this.differ(
            what,
            "secret",
            "an RS256 credential's secret is unused, and the constructs leave it to Kong",
          );
      } else
        return this.omit(
          jwt,
          what,
          `its algorithm ${showValue(algorithm)} is not one the constructs take (HS256, RS256 with a public key)`,
        );
      this.uses.add("Credential");
      this.adopt(what, `${username}/jwt-${j.key}`, "kong_consumer_jwt_auth", pairId(j.id));
      if (this.keptTags(j.tags).length)
        this.differ(
          what,
          "tags",
          "the constructs tag a credential with its consumer's ownership tags",
        );
    });
    nestedEntities(this.deck.file, entity, "keyauth_credentials").forEach((key, index) => {
      const what = `key-auth credential ${index} of ${label}`;
      const variable = this.variableNames.take("consumer", username, "key_auth", index, "key");
      this.variables.push({ name: variable, entity: what, field: "key" });
      this.uses.add("Secret");
      this.uses.add("Credential");
      const position = credentials.length;
      credentials.push(
        new Code(`Credential.keyAuth({ key: Secret.fromVariable(${JSON.stringify(variable)}) })`),
      );
      this.adopt(
        what,
        `${username}/key-auth-${position}`,
        "kong_consumer_key_auth",
        pairId(key.fields.id),
      );
      if (this.keptTags(key.fields.tags).length)
        this.differ(
          what,
          "tags",
          "the constructs tag a credential with its consumer's ownership tags",
        );
      if (key.fields.ttl !== undefined && key.fields.ttl !== null)
        this.differ(what, "ttl", "the constructs do not set a key's time to live");
    });
    const unsupported: [string, string][] = [
      ["basicauth_credentials", "basic-auth credential"],
      ["hmacauth_credentials", "hmac-auth credential"],
      ["oauth2_credentials", "OAuth 2 application"],
      ["mtls_auth_credentials", "mTLS credential"],
    ];
    for (const [key, what] of unsupported)
      nestedEntities(this.deck.file, entity, key).forEach((c, index) =>
        this.omit(c, `${what} ${index} of ${label}`, `the constructs have no ${what} yet`),
      );
    for (const group of nestedEntities(this.deck.file, entity, "groups"))
      this.omit(
        group,
        `consumer group membership of ${label}`,
        "the kevholditch/kong provider has no consumer group resource",
      );
    if (roles.length) options.roles = roles;
    if (credentials.length) options.credentials = credentials;
    if (typeof f.custom_id === "string") options.customId = f.custom_id;
    if (this.keptTags(f.tags).length)
      this.differ(
        label,
        "tags",
        "a consumer carries its ownership tags only (ConsumerOptions has no tags)",
      );
    const local = this.ids.take(username, "Consumer");
    this.declare(
      local,
      `gateway.addConsumer(${JSON.stringify(username)}, ${literal(options, "  ")});`,
    );
    this.adopt(label, `${username}/consumer`, "kong_consumer", consumerId);
    const owner: PluginOwner = {
      local,
      path: username,
      name: username,
      label,
      scope: "consumer",
      plugins: new Map(),
    };
    this.consumerOwners.set(username, owner);
    if (consumerId) this.consumerOwners.set(`id:${consumerId}`, owner);
    for (const plugin of nestedEntities(this.deck.file, entity, "plugins"))
      this.plugin(plugin, owner);
  }

  // ---- shared ------------------------------------------------------------------------------

  /** Local name → the line that declares it; the `const` is written only once something uses it. */
  private readonly declarations = new Map<string, number>();

  private declare(local: string, expression: string): void {
    this.declarations.set(local, this.lines.length);
    this.lines.push(`  ${expression}`);
  }

  private use(local: string): void {
    const line = this.declarations.get(local);
    if (line === undefined || this.lines[line].startsWith(`  const `)) return;
    this.lines[line] = `  const ${local} = ${this.lines[line].slice(2)}`;
  }

  private kongName(entity: DeckEntity, kind: string, name: unknown): string {
    if (typeof name === "string" && name !== "") {
      const mapped = constructName(name);
      if (mapped.mapped) {
        this.names.push({ entity: `${kind} ${name}`, from: name, to: mapped.name });
        this.differ(
          `${kind} ${mapped.name}`,
          "name",
          `Kong's name ${showValue(name)} is not one a construct id or Terraform address holds`,
        );
      }
      return mapped.name;
    }
    const made = constructName(
      `${kind}-${typeof entity.fields.id === "string" ? entity.fields.id : entity.place}`,
    ).name.replace(/[^A-Za-z0-9._~-]/g, "-");
    this.names.push({ entity: `${kind} at ${entity.place}`, from: "(no name)", to: made });
    this.differ(
      `${kind} ${made}`,
      "name",
      "Kong's entity has no name, and the constructs need one",
    );
    return made;
  }

  private keptTags(tags: unknown): string[] {
    return stringList(tags).filter((t) => !OWN_TAG.test(t));
  }

  private unsettable(
    label: string,
    fields: Readonly<Record<string, unknown>>,
    unset: Record<string, unknown>,
    reason: string,
  ): void {
    for (const [field, value] of Object.entries(unset)) {
      const given = fields[field];
      if (given === undefined || given === null || JSON.stringify(given) === JSON.stringify(value))
        continue;
      if (Array.isArray(given) && given.length === 0) continue;
      this.differ(label, field, reason);
    }
  }

  private adopt(entity: string, path: string, resourceType: string, id: unknown): void {
    if (typeof id === "string" && id !== "") this.imports.push({ entity, path, resourceType, id });
  }

  private differ(entity: string, field: string, reason: string): void {
    this.differences.push({ entity, field, reason });
  }

  private omit(entity: DeckEntity, label: string, reason: string): void {
    this.notImported.push({ entity: label, place: entity.place, reason });
  }

  private finish(): ImportReport {
    const functionName = `declare${this.name}`;
    const rolesName = `${this.name.charAt(0).toLowerCase()}${this.name.slice(1)}Roles`;
    const importsName = `${this.name.charAt(0).toLowerCase()}${this.name.slice(1)}Ids`;
    const guardrails = guardrailFindings(this.routes, this.global.plugins);
    if (this.imports.length) this.uses.add("adoptExisting");
    const named = ["adoptExisting", "Credential", "Duration", "Secret"].filter(
      (n) => this.uses.has(n) || this.lines.some((l) => l.includes(`${n}.`)),
    );
    const header = [
      `// Written by \`avro-kong import deck ${this.deck.file}\`: edit it as your own code.`,
      `import { ${[...named, "type Gateway", ...(this.roles.size ? ["type RoleDefinition"] : [])].join(", ")} } from "avro-kong";`,
      "",
    ];
    const roles = this.roles.size
      ? [
          "/**",
          " * The roles (Kong ACL groups) the consumers hold, for the Gateway's `roles` prop. Each maps",
          " * to itself as the identity provider's group: put your IdP's group names there.",
          " */",
          `export const ${rolesName}: Readonly<Record<string, RoleDefinition>> = ${literal(Object.fromEntries([...this.roles].map((r) => [r, { idpGroups: [r] }])))};`,
          "",
        ]
      : [];
    const guardrailNotes = guardrails.length
      ? [
          comment(
            "Guardrails this estate breaks (avro-kong import lists them too); until they are fixed,",
          ),
          comment(
            "an environment that enforces guardrails refuses the synth. Suggested, per environment:",
          ),
          comment(
            'Environment.load("<env>", { rootDir, guardrails: "warn" }) while you add what is missing:',
          ),
          ...guardrails.map((g) =>
            comment(`  route ${g.route}: "${g.rule}" (${g.problem}; ${g.where})`),
          ),
        ]
      : [];
    const body = [
      ...guardrailNotes,
      `export function ${functionName}(gateway: Gateway): void {`,
      ...this.lines,
      ...(this.imports.length ? [`  adoptExisting(gateway, ${importsName});`] : []),
      "}",
      "",
    ];
    const imports = this.imports.length
      ? [
          "/** Kong's ids of the entities above: the first plan imports them instead of creating them. */",
          `export const ${importsName}: Readonly<Record<string, string>> = ${literal(Object.fromEntries(this.imports.map((i) => [i.path, i.id])))};`,
          "",
        ]
      : [];
    const module = [...header, ...roles, ...body, ...imports].join("\n").replace(/\n+$/, "\n");
    return {
      module,
      functionName,
      rolesName,
      imports: this.imports,
      variables: this.variables,
      notImported: this.notImported,
      differences: this.differences,
      names: this.names,
      guardrails,
    };
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function durationOf(seconds: number): string {
  if (seconds % 3600 === 0) return `Duration.hours(${seconds / 3600})`;
  if (seconds % 60 === 0) return `Duration.minutes(${seconds / 60})`;
  return `Duration.seconds(${seconds})`;
}

/** Upstream fields decK dumps with Kong's defaults, which need no option. */
function isKongUpstreamDefault(field: string, value: unknown): boolean {
  const defaults: Record<string, unknown> = {
    algorithm: "round-robin",
    hash_fallback: "none",
    hash_on_cookie_path: "/",
    slots: 10000,
    use_srv_name: false,
  };
  if (field === "healthchecks") return healthChecksOff(value);
  return JSON.stringify(defaults[field]) === JSON.stringify(value);
}

/** Whether health checks are off, as Kong's default has them: every counter and interval 0. */
function healthChecksOff(value: unknown): boolean {
  const counters = new Set(["interval", "successes", "http_failures", "tcp_failures", "timeouts"]);
  const walk = (v: unknown): boolean =>
    Array.isArray(v)
      ? true
      : isObject(v)
        ? Object.entries(v).every(([k, item]) =>
            counters.has(k) && typeof item === "number" ? item === 0 : walk(item),
          )
        : true;
  return walk(value);
}
