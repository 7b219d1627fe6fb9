import { X509Certificate } from "node:crypto";
import { Secret, UserError, isObject, showValue } from "../common";
import { isPluginName, type PluginScope } from "../plugins";
import { Code, comment, literal } from "./code";
import { nestedEntities, type DeckEntity, type DeckFile } from "./deck";
import { guardrailFindings, type DeclaredRoute } from "./guardrails";
import { Identifiers, VariableNames, constructName } from "./names";
import { importConfig, setAtPath, uncheckedConfig } from "./plugins";
import type {
  CreatedEntity,
  Difference,
  GuardrailFinding,
  ImportReport,
  ImportedEntity,
  NameMappingEntry,
  Omission,
  SecretVariable,
} from "./report";

/** Tags the constructs write themselves (DESIGN.md, "Facts the project builds on", tags): not kept, written again on synth. */
const OWN_TAG =
  /^(managed-by:avro-kong|environment:|service:|route:|consumer:|team:|certificate:|upstream:)/;
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
// The constructs' (and Kong's) rule for an upstream name: a host name, in lower case.
const UPSTREAM_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
/** decK's upstream fields the constructs take, and their option names. */
const UPSTREAM_FIELDS: readonly (readonly [string, string])[] = [
  ["hash_on", "hashOn"],
  ["hash_on_header", "hashOnHeader"],
  ["hash_on_cookie", "hashOnCookie"],
  ["hash_on_cookie_path", "hashOnCookiePath"],
  ["hash_fallback", "hashFallback"],
  ["hash_fallback_header", "hashFallbackHeader"],
  ["slots", "slots"],
  ["host_header", "hostHeader"],
];
/** Kong's defaults of the upstream fields decK dumps, which need no option. */
const UPSTREAM_DEFAULTS: Record<string, unknown> = {
  algorithm: "round-robin",
  hash_on: "none",
  hash_fallback: "none",
  hash_on_cookie_path: "/",
  slots: 10000,
  use_srv_name: false,
};

/** Service attributes the constructs cannot set, with the value Kong takes when they are unset. */
const SERVICE_UNSET: Record<string, unknown> = {
  enabled: true,
  tls_verify: null,
  tls_verify_depth: null,
  ca_certificates: null,
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

interface UpstreamRef {
  readonly local: string;
  readonly name: string;
  readonly label: string;
  /** The index of its statement in the function's lines, rewritten once a service points at it. */
  readonly statement: number;
  readonly options: Record<string, unknown>;
  served?: boolean;
}

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
  private readonly created: CreatedEntity[] = [];
  private readonly variables: SecretVariable[] = [];
  private readonly notImported: Omission[] = [];
  private readonly differences: Difference[] = [];
  private readonly names: NameMappingEntry[] = [];
  private readonly roles = new Set<string>();
  private readonly services = new Map<string, ServiceRef>();
  private readonly routes: DeclaredRoute[] = [];
  /** Upstreams by Kong's name, certificates' locals by Kong id. */
  private readonly upstreams = new Map<string, UpstreamRef>();
  private readonly certificates = new Map<string, string>();
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
    // Certificates and upstreams first: services refer to them.
    for (const certificate of e.certificates) this.certificate(certificate);
    for (const upstream of e.upstreams) this.upstream(upstream);
    for (const service of e.services) this.service(service);
    for (const route of e.routes) this.route(route, this.serviceOf(route));
    for (const consumer of e.consumers) this.consumer(consumer);
    for (const plugin of e.plugins) this.topLevelPlugin(plugin);
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

  // ---- certificates ------------------------------------------------------------------------

  /** A certificate and its SNIs through `gateway.addCertificate`, its key a variable. */
  private certificate(entity: DeckEntity): void {
    const f = entity.fields;
    if (typeof f.cert !== "string" || !isCertificatePem(f.cert))
      this.fail(
        entity.place,
        "certificate's cert is not a PEM X.509 certificate; Kong would refuse it.",
      );
    if (typeof f.key !== "string" || f.key === "")
      this.fail(entity.place, "certificate has no key; expected its private key, as Kong does.");
    const snis = nestedSnis(f.snis);
    // Kong names no certificate: its first SNI, or its id, names the construct.
    const base = snis[0] ?? `certificate-${typeof f.id === "string" ? f.id : entity.place}`;
    const name = constructName(base).name;
    this.names.push({ entity: `certificate at ${entity.place}`, from: "(no name)", to: name });
    const label = `certificate ${name}`;
    const variable = this.variableNames.take("certificate", name, "key");
    this.variables.push({ name: variable, entity: label, field: "key" });
    this.uses.add("Secret");
    const options: Record<string, unknown> = {
      certificate: f.cert,
      privateKey: Secret.fromVariable(variable),
    };
    if (snis.length) options.snis = snis;
    const tags = this.keptTags(f.tags);
    if (tags.length) options.tags = tags;
    for (const field of ["cert_alt", "key_alt"])
      if (typeof f[field] === "string")
        this.differ(label, field, "kong_certificate has no alternate certificate");
    const local = this.ids.take(name, "Certificate");
    this.declare(
      local,
      `gateway.addCertificate(${JSON.stringify(name)}, ${literal(options, "  ")});`,
    );
    this.adopt(label, `${name}/certificate`, "kong_certificate", f.id);
    if (typeof f.id === "string") this.certificates.set(f.id, local);
  }

  // ---- services, routes, upstreams -------------------------------------------------------

  private service(entity: DeckEntity): void {
    const f = entity.fields;
    const kongName = this.kongName(entity, "service", f.name);
    const label = `service ${kongName}`;
    const options: Record<string, unknown> = {};
    const protocol = typeof f.protocol === "string" ? f.protocol : "http";
    const upstream = typeof f.host === "string" ? this.upstreams.get(f.host) : undefined;
    if (upstream) {
      options.upstream = new Code(upstream.local);
      this.use(upstream.local);
      this.pointAt(upstream, label, protocol, f);
    } else {
      options.url = this.serviceUrl(entity, protocol);
    }
    const certificate = f.client_certificate;
    if (certificate !== undefined && certificate !== null) {
      const key = isObject(certificate) ? certificate.id : certificate;
      const local = this.certificates.get(String(key));
      if (!local)
        this.fail(
          entity.place,
          `service refers to client certificate ${showValue(key)}, which the file does not declare; expected a certificate of the file.`,
        );
      options.clientCertificate = new Code(local);
      this.use(local);
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

  /**
   * An upstream and its targets, through `gateway.addUpstream` under Kong's name (the host its
   * services point at); the protocol and path Kong keeps on each service become the upstream's,
   * from the first service that points at it.
   */
  private upstream(entity: DeckEntity): void {
    const f = entity.fields;
    const given = f.name;
    if (typeof given !== "string" || given === "")
      this.fail(entity.place, "upstream has no name; expected the host its services point at.");
    let name = given;
    if (!UPSTREAM_NAME.test(name)) {
      name = name.toLowerCase();
      if (!UPSTREAM_NAME.test(name))
        return this.omit(
          entity,
          `upstream ${given}`,
          "its name is not a host name, which the constructs require of an upstream",
        );
      this.names.push({ entity: `upstream ${given}`, from: given, to: name });
      this.differ(`upstream ${name}`, "name", "the constructs take upstream names in lower case");
    }
    const label = `upstream ${name}`;
    const targets = nestedEntities(this.deck.file, entity, "targets");
    if (targets.length === 0)
      return this.omit(entity, label, "it has no targets, and the constructs need at least one");
    const options: Record<string, unknown> = {
      targets: targets.map((t) => {
        const target = t.fields.target;
        if (typeof target !== "string")
          this.fail(t.place, `target has no target address; expected host:port.`);
        const weight = t.fields.weight;
        const what = `target ${target} of ${label}`;
        const adopted =
          typeof f.id === "string" && typeof t.fields.id === "string"
            ? `${f.id}/${t.fields.id}`
            : undefined;
        this.adopt(what, `upstream-${name}/target-${target}`, "kong_target", adopted);
        if (this.keptTags(t.fields.tags).length)
          this.differ(what, "tags", "the constructs tag a target with its upstream's tags only");
        return typeof weight === "number" && weight !== 100 ? { target, weight } : { target };
      }),
    };
    for (const [field, option] of UPSTREAM_FIELDS) {
      const value = f[field];
      if (value === undefined || value === null || sameJson(value, UPSTREAM_DEFAULTS[field]))
        continue;
      if (
        field.startsWith("hash_") &&
        !field.endsWith("header") &&
        field.split("_").length === 2 &&
        !HASH_ON.includes(String(value))
      )
        this.differ(
          label,
          field,
          `${showValue(value)} is not one the constructs take (${HASH_ON.join(", ")})`,
        );
      else options[option] = value;
    }
    if (f.healthchecks !== undefined && f.healthchecks !== null && !healthChecksOff(f.healthchecks))
      this.differ(
        label,
        "healthchecks",
        "health checks are not carried over: declare healthChecks on the upstream by hand",
      );
    for (const field of [
      "algorithm",
      "use_srv_name",
      "client_certificate",
      "hash_on_query_arg",
      "hash_fallback_query_arg",
      "hash_on_uri_capture",
      "hash_fallback_uri_capture",
    ])
      if (
        f[field] !== undefined &&
        f[field] !== null &&
        !sameJson(f[field], UPSTREAM_DEFAULTS[field])
      )
        this.differ(label, field, "kong_upstream has no such attribute");
    if (this.keptTags(f.tags).length)
      this.differ(label, "tags", "the constructs tag an upstream with its ownership tags only");
    const local = this.ids.take(name.replace(/\.upstream$/, ""), "Upstream");
    const statement = this.lines.length;
    this.declare(local, `gateway.addUpstream(${JSON.stringify(name)}, ${literal(options, "  ")});`);
    this.adopt(label, `upstream-${name}/upstream`, "kong_upstream", f.id);
    const ref: UpstreamRef = { local, name, label, statement, options };
    this.upstreams.set(given, ref);
  }

  /**
   * A service on an upstream takes its protocol and path from it (and port 80, or 443 for
   * https): the first service sets them, a later one that differs is listed.
   */
  private pointAt(
    upstream: UpstreamRef,
    label: string,
    protocol: string,
    f: Readonly<Record<string, unknown>>,
  ): void {
    const path = typeof f.path === "string" && f.path !== "/" ? f.path : undefined;
    if (!upstream.served) {
      upstream.served = true;
      if (protocol !== "http") upstream.options.protocol = protocol;
      if (path) upstream.options.path = path;
      this.lines[upstream.statement] = this.lines[upstream.statement].replace(
        /gateway\.addUpstream\(.*$/s,
        `gateway.addUpstream(${JSON.stringify(upstream.name)}, ${literal(upstream.options, "  ")});`,
      );
    } else {
      if ((upstream.options.protocol ?? "http") !== protocol)
        this.differ(
          label,
          "protocol",
          `it takes ${upstream.label}'s, set by the first service on it`,
        );
      if (upstream.options.path !== path)
        this.differ(label, "path", `it takes ${upstream.label}'s, set by the first service on it`);
    }
    const port = typeof f.port === "number" ? f.port : undefined;
    const expected = (upstream.options.protocol ?? "http") === "https" ? 443 : 80;
    if (port !== undefined && port !== expected)
      this.differ(
        label,
        "port",
        `a service on an upstream is written with port ${expected}; Kong takes the targets' ports`,
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
    this.routeStatements.set(kongName, this.lines.length);
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
    nestedEntities(this.deck.file, entity, "basicauth_credentials").forEach((basic, index) => {
      const what = `basic-auth credential ${index} of ${label}`;
      const user = basic.fields.username;
      if (typeof user !== "string" || user === "")
        return this.omit(basic, what, "it has no username");
      const variable = this.variableNames.take(
        "consumer",
        username,
        "basic_auth",
        index,
        "password",
      );
      this.variables.push({ name: variable, entity: what, field: "password" });
      this.uses.add("Secret");
      this.uses.add("Credential");
      const position = credentials.length;
      credentials.push(
        new Code(
          `Credential.basicAuth({ username: ${JSON.stringify(user)}, password: Secret.fromVariable(${JSON.stringify(variable)}) })`,
        ),
      );
      this.differ(
        what,
        "password",
        "Kong keeps only a salted hash, which decK dumps: set the variable to the password itself; the first plan writes it again",
      );
      this.adopt(
        what,
        `${username}/basic-auth-${position}`,
        "kong_consumer_basic_auth",
        pairId(basic.fields.id),
      );
      if (this.keptTags(basic.fields.tags).length)
        this.differ(
          what,
          "tags",
          "the constructs tag a credential with its consumer's ownership tags",
        );
    });
    const unsupported: [string, string][] = [
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

  /** Route (Kong name) → the line that declares it, for the exemptions suggested beside it. */
  private readonly routeStatements = new Map<string, number>();

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

  /** An entity with Kong's id is imported by the first plan; one without is created by it. */
  private adopt(entity: string, path: string, resourceType: string, id: unknown): void {
    if (typeof id === "string" && id !== "") this.imports.push({ entity, path, resourceType, id });
    else this.created.push({ entity, path, resourceType });
  }

  private differ(entity: string, field: string, reason: string): void {
    this.differences.push({ entity, field, reason });
  }

  private omit(entity: DeckEntity, label: string, reason: string): void {
    this.notImported.push({ entity: label, place: entity.place, reason });
  }

  /**
   * Each guardrail a route breaks, as a commented `.exempt(rule, reason)` chained to the
   * statement that declares it: never in effect until a person uncomments it and gives a
   * reason, and then it type-checks and lifts only that rule for only that route.
   */
  private suggestExemptions(findings: readonly GuardrailFinding[]): void {
    for (const [route, line] of this.routeStatements) {
      const own = findings.filter((g) => g.route === route);
      if (own.length === 0) continue;
      const statement = this.lines[line].replace(/;$/, "");
      this.lines[line] = [
        statement,
        ...own.map((g) =>
          comment(
            `.exempt(${JSON.stringify(g.rule)}, "<reason to fill in>") // ${g.problem}, in ${g.where}`,
            "    ",
          ),
        ),
        "  ;",
      ].join("\n");
    }
  }

  private finish(): ImportReport {
    const functionName = `declare${this.name}`;
    const rolesName = `${this.name.charAt(0).toLowerCase()}${this.name.slice(1)}Roles`;
    const importsName = `${this.name.charAt(0).toLowerCase()}${this.name.slice(1)}Ids`;
    const guardrails = guardrailFindings(this.routes, this.global.plugins);
    this.suggestExemptions(guardrails);
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
            "The guardrails this estate breaks are suggested beside each route as commented exemptions:",
          ),
          comment(
            "an environment that enforces them refuses the synth until you add what is missing or",
          ),
          comment(
            "uncomment an exemption and write its reason (before formatting: a formatter moves them).",
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
      created: this.created,
      variables: this.variables,
      notImported: this.notImported,
      differences: this.differences,
      names: this.names,
      guardrails,
    };
  }
}

function isCertificatePem(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** decK's SNIs of a certificate: names, or entities with a name. */
function nestedSnis(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((s: unknown) => (isObject(s) ? s.name : s))
    .filter((n): n is string => typeof n === "string");
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function durationOf(seconds: number): string {
  if (seconds % 3600 === 0) return `Duration.hours(${seconds / 3600})`;
  if (seconds % 60 === 0) return `Duration.minutes(${seconds / 60})`;
  return `Duration.seconds(${seconds})`;
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
