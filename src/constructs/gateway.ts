import { showValue, UserError, ValidationError } from "../common";
import { Construct, IConstruct } from "constructs";
import { Aspects, TerraformStack, TerraformVariable } from "cdktf";
import { provider } from "../provider";
import type { KongEdition, PluginConfigs, PluginName } from "../plugins";
import type { RouteMatch } from "../router";
import { Environment } from "./environment";
import { ownershipTags } from "./tags";
import { gatewayOf, markGateway } from "./gateway-scope";
import { Certificate, type CertificateOptions } from "./certificate";
import { Consumer, type ConsumerOptions } from "./consumer";
import { EnvironmentStacks } from "./environment-stacks";
import { GuardrailAspect } from "./guardrail-aspect";
import { assertNoPluginNamed, KongPlugin } from "./plugin";
import { UncheckedPlugin, type UncheckedPluginConfig } from "./unchecked-plugin";
import { KongStack } from "./kong-stack";
import { RoleMap, type RoleDefinition } from "./roles";
import { Service, type ServiceOptions } from "./service";
import { Upstream, type SharedUpstreamOptions } from "./upstream";
import { formerIdOf, keepInPlace } from "./renames";
import type { Route } from "./route";
import { literalForTerraform } from "./terraform-literals";

/** How Terraform authenticates to Kong's Admin API. */
export type AdminAuth = "token" | "api-key" | "basic" | "none";
const UPSTREAM_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

export interface GatewayProps {
  /** The environment this gateway configuration deploys to. */
  readonly environment: Environment;
  /**
   * How Terraform authenticates to the Admin API; the secret always comes from a sensitive
   * Terraform variable (`TF_VAR_kong_admin_token`, …), never from code.
   * @default "token" (the `Kong-Admin-Token` header of Kong's RBAC)
   */
  readonly adminAuth?: AdminAuth;
  /**
   * The Kong edition this gateway runs: an Enterprise plugin or construct (openid-connect,
   * request-validator) on an `"oss"` gateway is refused at synth.
   * @default "oss"
   */
  readonly edition?: KongEdition;
  /** Kong Enterprise workspace. @default the default workspace */
  readonly workspace?: string;
  /** Tags added to every entity, after the ownership tags. @default none */
  readonly tags?: readonly string[];
  /** Roles (Kong ACL groups) and the identity provider's groups that grant them. @default no roles */
  readonly roles?: Readonly<Record<string, RoleDefinition>>;
}

/** The Kong of one environment: its provider configuration and the entities we manage in it. */
export class Gateway extends Construct {
  /** The gateway a construct belongs to. */
  static of(construct: IConstruct): Gateway {
    return gatewayOf(construct);
  }

  readonly environment: Environment;
  /** The Kong edition this gateway runs, which decides the plugins it accepts. */
  readonly edition: KongEdition;
  readonly _roleMap: RoleMap;
  /** The team whose stack this gateway is in; undefined in the environment's shared stack. */
  readonly team?: string;
  private readonly stackName: string;
  private readonly environmentStacks: EnvironmentStacks;
  private readonly extraTags: readonly string[];
  private readonly serviceNames = new Set<string>();
  private readonly upstreamNames = new Set<string>();
  /** SNI → the certificate that holds it. */
  private readonly sniOwners = new Map<string, string>();
  /** Route name → the service that declared it. */
  private readonly routeOwners = new Map<string, string>();

  constructor(scope: Construct, id: string, props: GatewayProps) {
    const edition = props.edition ?? "oss";
    super(scope, id);
    markGateway(this);
    this.environment = props.environment;
    this.edition = edition;
    this.extraTags = props.tags ?? [];
    this._roleMap = new RoleMap(props.roles);
    const stack = TerraformStack.of(this);
    this.stackName = stack.node.id;
    this.team = stack instanceof KongStack ? stack.team : undefined;
    Aspects.of(stack).add(new GuardrailAspect(this.environment));
    const adminAuth = props.adminAuth ?? "token";
    // Each stack configures its own provider; all of an environment's stacks configure it alike.
    this.environmentStacks = EnvironmentStacks.of(this, this.environment.name);
    this.environmentStacks.agreeOnGateway(this.stackName, {
      adminAuth,
      workspace: props.workspace,
      tags: this.extraTags,
      roles: props.roles ?? {},
    });
    new provider.KongProvider(this, "provider", {
      kongAdminUri: this._variable(
        "kong_admin_uri",
        `Kong Admin API address for ${this.environment.name}, e.g. https://kong-admin.internal:8444`,
        false,
      ).stringValue,
      ...this.adminCredentials(adminAuth),
      kongWorkspace:
        props.workspace &&
        literalForTerraform(props.workspace, `Gateway workspace at ${this.node.path}`),
      strictPluginsMatch: false,
    });
  }

  /** Adds an upstream service; its name must be unique in this gateway. */
  addService(name: string, options: ServiceOptions): Service {
    return new Service(this, name, options);
  }

  /**
   * Adds a TLS certificate with the server names Kong presents it for; a service may present it
   * to its upstream (`clientCertificate`). The PEM is checked at synth; the key is a Secret.
   */
  addCertificate(name: string, options: CertificateOptions): Certificate {
    return new Certificate(this, name, options);
  }

  /** @internal Throws when an SNI is taken in this environment (Kong holds each once). */
  _assertSnisFree(certificate: string, snis: readonly string[]): void {
    for (const name of snis) {
      const owner = this.sniOwners.get(name);
      if (owner !== undefined)
        throw new UserError(
          `Certificate SNI "${name}" is used twice (certificates ${owner} and ${certificate}); expected each server name on one certificate.`,
        );
      this.environmentStacks.assertClaimable({ kind: "Certificate SNI", name }, this.stackName);
    }
  }

  /** @internal Called by Certificate once it is built. */
  _claimSnis(certificate: string, snis: readonly string[]): void {
    this._assertSnisFree(certificate, snis);
    for (const name of snis) {
      this.environmentStacks.claim({ kind: "Certificate SNI", name }, this.stackName);
      this.sniOwners.set(name, certificate);
    }
  }

  /**
   * Adds an upstream several services share (`upstream: upstream` in their options); Kong's
   * name of it is `name`, the host those services point to, unique in the environment.
   */
  addUpstream(name: string, options: SharedUpstreamOptions): Upstream {
    if (!UPSTREAM_NAME.test(name))
      throw new UserError(
        `Upstream name ${showValue(name)} is not a host name; expected e.g. orders.upstream, the host services point to.`,
      );
    const what = { kind: "Upstream name", name } as const;
    if (this.upstreamNames.has(name))
      throw new UserError(
        `Upstream name "${name}" is used twice in the ${this.environment.name} gateway; expected unique upstream names.`,
      );
    this.environmentStacks.assertClaimable(what, this.stackName);
    const { renamedFrom, ...upstreamOptions } = options;
    const formerName = formerIdOf(`Upstream ${name}`, name, renamedFrom);
    const upstream = new Upstream(this, `upstream-${name}`, {
      ...upstreamOptions,
      name,
      where: `Upstream ${name}`,
      ownerTags: [`upstream:${name}`],
    });
    keepInPlace(upstream, formerName && `upstream-${formerName}`, `Upstream ${name}`, formerName);
    this.environmentStacks.claim(what, this.stackName);
    this.upstreamNames.add(name);
    return upstream;
  }

  /** Adds an API client with credentials and roles. */
  addConsumer(name: string, options: ConsumerOptions = {}): Consumer {
    return new Consumer(this, name, options);
  }

  /**
   * Adds a global plugin: Kong runs it for every route of the environment that has no plugin of
   * that name of its own or on its service. Its config is checked against Kong's schema, its scope
   * and this gateway's edition. Global plugins belong to the environment's shared stack, like consumers.
   */
  addPlugin<N extends PluginName>(name: N, config: PluginConfigs[N]): KongPlugin<N> {
    this.assertSharedStack(`Global plugin ${name}`);
    assertNoPluginNamed(this, name, "gateway");
    return new KongPlugin(this, `plugin-${name}`, { name, config, on: "the gateway (global)" });
  }

  /**
   * Adds a global plugin outside Kong's catalogue (a plugin your team deploys), unchecked: its
   * config goes to Kong as given, and synth warns, naming it.
   */
  addUncheckedPlugin(name: string, config: UncheckedPluginConfig): UncheckedPlugin {
    this.assertSharedStack(`Global plugin ${name}`);
    return new UncheckedPlugin(this, `plugin-${name}`, {
      name,
      config,
      on: "the gateway (global)",
    });
  }

  get consumers(): Consumer[] {
    return this.node.children.filter((c): c is Consumer => c instanceof Consumer);
  }

  get services(): Service[] {
    return this.node.children.filter((c): c is Service => c instanceof Service);
  }

  get routes(): Route[] {
    return this.services.flatMap((s) => s.routes);
  }

  /** Tags for an entity of this gateway. */
  tags(extra: readonly string[] = []): string[] {
    const team = this.team === undefined ? [] : [`team:${this.team}`];
    return ownershipTags(this.environment.name, [...team, ...this.extraTags, ...extra]);
  }

  /**
   * @internal Called by Service before it is built: throws when the name is taken in this gateway
   * or another stack of the environment; records nothing.
   */
  _assertServiceFree(name: string): void {
    if (this.serviceNames.has(name)) {
      throw new ValidationError(
        `Service name "${name}" is used twice in the ${this.environment.name} gateway; expected unique service names.`,
        this,
      );
    }
    this.environmentStacks.assertClaimable({ kind: "Service name", name }, this.stackName);
  }

  /** @internal Called by Service once it is built; Kong service names are unique. */
  _registerService(name: string): void {
    this._assertServiceFree(name);
    this.environmentStacks.claim({ kind: "Service name", name }, this.stackName);
    this.serviceNames.add(name);
  }

  /**
   * @internal Called by Route before it is built: throws when Kong could not hold it (a name used
   * in this gateway or another stack of the environment, a match another route has); records nothing.
   */
  _assertRouteFree(match: RouteMatch): void {
    this._assertRouteNameFree(match.name, match.service);
    this.environmentStacks.routes.assertDistinct(match);
  }

  /**
   * @internal Called by Route before it joins the tree (a second route of the same name in one
   * service would otherwise meet the construct tree's own refusal first): its name is free.
   */
  _assertRouteNameFree(name: string, service: string): void {
    const owner = this.routeOwners.get(name);
    if (owner !== undefined) {
      throw new ValidationError(
        `Route name "${name}" is used twice (services ${owner} and ${service}); expected unique route names.`,
        this,
      );
    }
    this.environmentStacks.assertClaimable({ kind: "Route name", name }, this.stackName);
  }

  /** @internal Called by Route once it is built; Kong route names are unique across services. */
  _registerRoute(match: RouteMatch): void {
    this._assertRouteFree(match);
    this.environmentStacks.claim({ kind: "Route name", name: match.name }, this.stackName);
    this.environmentStacks.routes.add(match);
    this.routeOwners.set(match.name, match.service);
  }

  /**
   * @internal Called by Consumer before it is built. Consumers are environment-wide (any team's
   * routes may serve them), so they live in the environment's shared stack, never in a team's.
   */
  _assertConsumerFree(name: string): void {
    this.assertSharedStack(`Consumer ${name}`);
    this.environmentStacks.assertClaimable({ kind: "Consumer", name }, this.stackName);
  }

  /** Consumers and global plugins act on the whole environment: they live in its shared stack. */
  private assertSharedStack(what: string): void {
    if (this.team !== undefined) {
      throw new UserError(
        `${what} is declared in stack ${this.stackName}; expected it in the shared stack ${this.environment.name}, as ${what.startsWith("Consumer") ? "consumers" : "global plugins"} belong to the whole environment.`,
      );
    }
  }

  /** @internal Called by Consumer once it is built. */
  _registerConsumer(name: string): void {
    this._assertConsumerFree(name);
    this.environmentStacks.claim({ kind: "Consumer", name }, this.stackName);
  }

  private adminCredentials(auth: AdminAuth): Partial<provider.KongProviderConfig> {
    switch (auth) {
      case "token":
        return {
          kongAdminToken: this._variable("kong_admin_token", "Kong Admin API RBAC token", true)
            .stringValue,
        };
      case "api-key":
        return {
          kongApiKey: this._variable("kong_api_key", "Key for a key-auth protected Admin API", true)
            .stringValue,
        };
      case "basic":
        return {
          kongAdminUsername: this._variable(
            "kong_admin_username",
            "Admin API basic-auth user",
            false,
          ).stringValue,
          kongAdminPassword: this._variable(
            "kong_admin_password",
            "Admin API basic-auth password",
            true,
          ).stringValue,
        };
      case "none":
        return {};
    }
  }

  /**
   * @internal The string variable `name` of this gateway's stack, created on first use; a second
   * use must agree on sensitivity, so a secret can never reuse a variable Terraform would print.
   */
  _variable(name: string, description: string, sensitive: boolean): TerraformVariable {
    const existing = this.node.tryFindChild(name);
    if (existing instanceof TerraformVariable) {
      if (existing.sensitive !== sensitive) {
        throw new UserError(
          `Terraform variable "${name}" is used both as a secret and as a plain value; expected one name per kind.`,
        );
      }
      return existing;
    }
    const variable = new TerraformVariable(this, name, {
      type: "string",
      description,
      sensitive,
      nullable: false,
    });
    variable.overrideLogicalId(name);
    return variable;
  }
}
