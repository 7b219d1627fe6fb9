import { showValue, ValidationError } from "../common";
import { Construct, IConstruct } from "constructs";
import { TerraformStack, TerraformVariable } from "cdktf";
import type { KongEdition, PluginConfigs, PluginName } from "../plugins";
import { Environment } from "./environment";
import { ownershipTags } from "./tags";
import { gatewayOf, markGateway, type IGateway } from "./gateway-scope";
import { GatewayNames } from "./gateway-names";
import { addKongProvider, gatewayVariable, type AdminAuth } from "./gateway-provider";
import { Certificate, type CertificateOptions } from "./certificate";
import { Consumer, type ConsumerOptions } from "./consumer";
import { EnvironmentStacks } from "./environment-stacks";
import { applyGuardrails } from "./guardrail-validation";
import { assertNoPluginNamed, KongPlugin } from "./plugin";
import { UncheckedPlugin, type UncheckedPluginConfig } from "./unchecked-plugin";
import { KongStack } from "./kong-stack";
import { RoleMap, type RoleDefinition } from "./roles";
import { Service, type ServiceOptions } from "./service";
import { Upstream, type SharedUpstreamOptions } from "./upstream";
import { formerIdOf, keepInPlace } from "./renames";
import type { Route } from "./route";

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

/**
 * The Kong of one environment, as one stack declares it: the parent of the entities we manage in
 * it. Its parts each do one job: the provider and its variables (gateway-provider.ts), the names
 * Kong holds once (gateway-names.ts), the guardrails (guardrail-validation.ts).
 */
export class Gateway extends Construct implements IGateway {
  /** The gateway a construct belongs to. */
  static of(construct: IConstruct): Gateway {
    // Only the Gateway's constructor marks a construct as one (`markGateway`).
    return gatewayOf(construct) as Gateway;
  }

  readonly environment: Environment;
  /** The Kong edition this gateway runs, which decides the plugins it accepts. */
  readonly edition: KongEdition;
  /** The team whose stack this gateway is in; undefined in the environment's shared stack. */
  readonly team?: string;
  /** @internal The roles consumers and routes may name. */
  readonly _roleMap: RoleMap;
  /** @internal The names this gateway's entities claim in Kong, before they join the tree. */
  readonly _names: GatewayNames;
  private readonly extraTags: readonly string[];

  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    markGateway(this);
    this.environment = props.environment;
    this.edition = props.edition ?? "oss";
    this.extraTags = props.tags ?? [];
    this._roleMap = new RoleMap(this, props.roles);
    const stack = TerraformStack.of(this);
    this.team = stack instanceof KongStack ? stack.team : undefined;
    applyGuardrails(stack, this.environment);
    const adminAuth = props.adminAuth ?? "token";
    const stacks = EnvironmentStacks.of(this, this.environment.name);
    // Each stack configures its own provider; all of an environment's stacks configure it alike.
    stacks._agreeOnGateway(this, stack.node.id, {
      adminAuth,
      workspace: props.workspace,
      tags: this.extraTags,
      roles: props.roles ?? {},
    });
    this._names = new GatewayNames(this, {
      environment: stacks,
      stack: stack.node.id,
      shared: this.team === undefined,
    });
    addKongProvider(this, {
      environment: this.environment.name,
      adminAuth,
      workspace: props.workspace,
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

  /**
   * Adds an upstream several services share (`upstream: upstream` in their options); Kong's
   * name of it is `name`, the host those services point to, unique in the environment.
   */
  addUpstream(name: string, options: SharedUpstreamOptions): Upstream {
    if (!UPSTREAM_NAME.test(name))
      throw new ValidationError(
        `Upstream name ${showValue(name)} is not a host name; expected e.g. orders.upstream, the host services point to.`,
        this,
      );
    this._names.claimUpstream(name);
    const { renamedFrom, ...upstreamOptions } = options;
    const formerName = formerIdOf(`Upstream ${name}`, name, renamedFrom, this);
    const upstream = new Upstream(this, `upstream-${name}`, {
      ...upstreamOptions,
      name,
      where: `Upstream ${name}`,
      ownerTags: [`upstream:${name}`],
    });
    keepInPlace(upstream, formerName && `upstream-${formerName}`, `Upstream ${name}`, formerName);
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
    this._names.assertSharedStack(`Global plugin ${name}`, "global plugins");
    assertNoPluginNamed(this, name, "gateway");
    return new KongPlugin(this, `plugin-${name}`, { name, config, on: "the gateway (global)" });
  }

  /**
   * Adds a global plugin outside Kong's catalogue (a plugin your team deploys), unchecked: its
   * config goes to Kong as given, and synth warns, naming it.
   */
  addUncheckedPlugin(name: string, config: UncheckedPluginConfig): UncheckedPlugin {
    this._names.assertSharedStack(`Global plugin ${name}`, "global plugins");
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
   * @internal The string variable `name` of this gateway's stack, created on first use; a second
   * use must agree on sensitivity, so a secret can never reuse a variable Terraform would print.
   */
  _variable(name: string, description: string, sensitive: boolean): TerraformVariable {
    return gatewayVariable(this, name, description, sensitive);
  }
}
