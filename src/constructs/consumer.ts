import { Construct, type IConstruct } from "constructs";
import {
  consumer as kongConsumer,
  consumerAcl,
  consumerBasicAuth,
  consumerJwtAuth,
  consumerKeyAuth,
} from "../provider";
import { UserError, ValidationError } from "../common";
import { assertUsername, assertUnique, kindOf, shown } from "./checks";
import { assertIdFree, gatewayOf } from "./gateway-scope";
import { attachRateLimit, type RateLimit } from "./rate-limit";
import type { PluginConfigs, PluginName } from "../plugins";
import { assertNoPluginNamed, KongPlugin } from "./plugin";
import { UncheckedPlugin, type UncheckedPluginConfig } from "./unchecked-plugin";
import { expectSecret, resolveSecret, type Secret } from "./secret";
import { terraformLiterals } from "./terraform-literals";
import { formerIdOf, keepInPlace } from "./renames";

/** Kong needs an `rsa_public_key` on every JWT credential; for HS256 it is never read. */
const HS256_UNUSED_PUBLIC_KEY = "unused-for-HS256";

export type JwtCredentialOptions =
  | {
      readonly algorithm: "HS256";
      /** The value of the token's key claim (`iss` by default) that selects this credential. */
      readonly key: string;
      /** The shared HMAC secret. */
      readonly secret: Secret;
    }
  | {
      readonly algorithm: "RS256";
      readonly key: string;
      /** The PEM public key; public, but usually kept beside the private key. */
      readonly publicKey: Secret | string;
    };

/** A credential a consumer authenticates with. */
export abstract class Credential {
  static jwt(options: JwtCredentialOptions): Credential {
    return new JwtCredential(options);
  }

  static keyAuth(options: { readonly key: Secret }): Credential {
    return new KeyAuthCredential(options.key);
  }

  /**
   * A basic-auth credential (Kong's `basic-auth` plugin): the username, and the password as a
   * Secret. Kong keeps only a salted hash of the password.
   */
  static basicAuth(options: { readonly username: string; readonly password: Secret }): Credential {
    return new BasicAuthCredential(options.username, options.password);
  }

  /**
   * @internal Throws unless the options are usable; `where` names the entry of `consumer`.
   * Returns the credential's key when Kong selects it by one (construct ids follow it).
   */
  abstract _check(consumer: IConstruct, where: string): string | undefined;

  /** @internal */
  abstract _attach(scope: Construct, consumerId: string, tags: string[], index: number): void;
}

class JwtCredential extends Credential {
  constructor(private readonly options: JwtCredentialOptions) {
    super();
    if (options.algorithm !== "HS256" && options.algorithm !== "RS256") {
      throw new UserError(
        `JWT credential algorithm ${shown((options as { algorithm: unknown }).algorithm)} is not supported; expected HS256 or RS256.`,
      );
    }
  }

  /** @internal */
  _check(consumer: IConstruct, where: string): string {
    const key: unknown = this.options.key;
    if (typeof key !== "string" || key.trim() === "")
      throw new ValidationError(
        `${where} JWT key is ${shown(key)}; expected a non-empty string, the value of the token's key claim.`,
        consumer,
      );
    return key;
  }

  /** @internal */
  _attach(scope: Construct, consumerId: string, tags: string[]): void {
    const o = this.options;
    const where = `Consumer ${scope.node.id} JWT credential ${o.key}`;
    new consumerJwtAuth.ConsumerJwtAuth(
      scope,
      `jwt-${o.key}`,
      terraformLiterals(scope, where, {
        consumerId,
        algorithm: o.algorithm,
        key: o.key,
        secret:
          o.algorithm === "HS256"
            ? resolveSecret(
                scope,
                expectSecret(scope, `${where} secret`, o.secret),
                `${where} secret`,
              )
            : undefined,
        // A public key is no secret; it may be written out, or kept beside the private key.
        rsaPublicKey:
          o.algorithm === "RS256"
            ? typeof o.publicKey === "string"
              ? o.publicKey
              : resolveSecret(
                  scope,
                  expectSecret(scope, `${where} publicKey`, o.publicKey),
                  `${where} publicKey`,
                )
            : HS256_UNUSED_PUBLIC_KEY,
        tags,
      }),
    );
  }
}

class KeyAuthCredential extends Credential {
  constructor(private readonly key: Secret) {
    super();
  }

  /** @internal */
  _check(): undefined {
    return undefined;
  }

  /** @internal */
  _attach(scope: Construct, consumerId: string, tags: string[], index: number): void {
    const where = `Consumer ${scope.node.id} key-auth credential ${index}`;
    new consumerKeyAuth.ConsumerKeyAuth(
      scope,
      `key-auth-${index}`,
      terraformLiterals(scope, where, {
        consumerId,
        key: resolveSecret(scope, expectSecret(scope, `${where} key`, this.key), `${where} key`),
        tags,
      }),
    );
  }
}

class BasicAuthCredential extends Credential {
  constructor(
    private readonly username: string,
    private readonly password: Secret,
  ) {
    super();
  }

  /** @internal */
  _check(consumer: IConstruct, where: string): undefined {
    const username: unknown = this.username;
    if (typeof username !== "string" || username.trim() === "")
      throw new ValidationError(
        `${where} basic-auth username is ${shown(username)}; expected a non-empty string.`,
        consumer,
      );
    return undefined;
  }

  /** @internal */
  _attach(scope: Construct, consumerId: string, tags: string[], index: number): void {
    const where = `Consumer ${scope.node.id} basic-auth credential ${index}`;
    new consumerBasicAuth.ConsumerBasicAuth(
      scope,
      `basic-auth-${index}`,
      terraformLiterals(scope, where, {
        consumerId,
        username: this.username,
        password: resolveSecret(
          scope,
          expectSecret(scope, `${where} password`, this.password),
          `${where} password`,
        ),
        tags,
      }),
    );
  }
}

export interface ConsumerOptions {
  /** Roles (ACL groups) this consumer holds; each must be mapped in the gateway's roles. @default none */
  readonly roles?: readonly string[];
  /** How it authenticates. @default none (only usable through OpenID Connect) */
  readonly credentials?: readonly Credential[];
  /** A limit for this consumer across every route. @default none */
  readonly rateLimit?: RateLimit;
  /** Your own id for it, e.g. a client id in the IdP. @default none */
  readonly customId?: string;
  /**
   * The name this consumer had before, when renaming it: Terraform then updates it (and its
   * plugins, credentials and ACL groups) in place through `moved` blocks, instead of destroying it and creating it
   * again, which leaves a moment without it. Remove the option once the rename is deployed
   * everywhere. @default none (a new consumer)
   */
  readonly renamedFrom?: string;
}

/** A Kong consumer: an API client with credentials and roles. */
export class Consumer extends Construct {
  readonly name: string;
  readonly roles: readonly string[];
  readonly resource: kongConsumer.Consumer;

  constructor(scope: Construct, id: string, options: ConsumerOptions) {
    // As in aws-cdk: the consumer joins the tree first, so that every refusal carries its path; a
    // refusal ends the app, which never synthesizes the half-built consumer.
    // Only the name is checked and claimed first, naming the gateway: the tree would refuse a bad
    // or taken one itself, in words of its own.
    const gateway = gatewayOf(scope);
    assertUsername(scope, "Consumer name", id);
    assertIdFree(scope, "Consumer", id);
    gateway._names.claimConsumer(id);
    super(scope, id);
    keepInPlace(
      this,
      formerIdOf(`Consumer ${id}`, id, options.renamedFrom, this),
      `Consumer ${id}`,
    );
    checkConsumerOptions(this, options);
    this.name = id;
    this.roles = [...(options.roles ?? [])];
    gateway._roleMap.assertKnown(this, `Consumer ${id}`, this.roles);
    const tags = gateway.tags([`consumer:${id}`]);
    this.resource = new kongConsumer.Consumer(
      this,
      "consumer",
      terraformLiterals(this, `Consumer ${id}`, {
        username: id,
        customId: options.customId,
        tags,
      }),
    );
    for (const role of this.roles) {
      new consumerAcl.ConsumerAcl(
        this,
        `role-${role}`,
        terraformLiterals(this, `Consumer ${id} role ${role}`, {
          consumerId: this.resource.id,
          group: role,
          tags,
        }),
      );
    }
    (options.credentials ?? []).forEach((credential, index) =>
      credential._attach(this, this.resource.id, tags, index),
    );
    if (options.rateLimit) {
      attachRateLimit(
        this,
        { consumerId: this.resource.id, on: `consumer ${id}`, tags: [`consumer:${id}`] },
        options.rateLimit,
      );
    }
  }

  /**
   * Adds a plugin Kong runs for this consumer's requests (on every route), its config checked
   * against Kong's schema, the plugin's scopes and the gateway's edition. The guardrails judge
   * routes by what they do for every caller, so a consumer's plugin never stands in for a route's.
   */
  addPlugin<N extends PluginName>(name: N, config: PluginConfigs[N]): KongPlugin<N> {
    assertNoPluginNamed(this, name, `consumer ${this.name}`);
    return new KongPlugin(this, name, {
      name,
      config,
      consumerId: this.resource.id,
      on: `consumer ${this.name}`,
      tags: [`consumer:${this.name}`],
    });
  }

  /**
   * Adds a plugin outside Kong's catalogue (a custom plugin your team deploys) for this
   * consumer, unchecked: its config goes to Kong as given, and synth warns, naming it.
   */
  addUncheckedPlugin(name: string, config: UncheckedPluginConfig): UncheckedPlugin {
    assertNoPluginNamed(this, name, `consumer ${this.name}`);
    return new UncheckedPlugin(this, name, {
      name,
      config,
      consumerId: this.resource.id,
      on: `consumer ${this.name}`,
      tags: [`consumer:${this.name}`],
    });
  }
}

/** The props' types (JavaScript callers can pass anything) and each credential's options. */
function checkConsumerOptions(consumer: Consumer, options: ConsumerOptions): void {
  const where = `Consumer ${consumer.node.id}`;
  assertUnique(consumer, `${where} roles`, options.roles ?? []);
  const credentials: unknown = options.credentials;
  if (credentials !== undefined && !Array.isArray(credentials))
    throw new ValidationError(
      `${where} credentials is ${kindOf(credentials)}; expected an array of Credential.jwt(…), Credential.keyAuth(…) or Credential.basicAuth(…).`,
      consumer,
    );
  const keys = new Set<string>();
  (credentials ?? []).forEach((credential: unknown, index) => {
    if (!(credential instanceof Credential)) {
      throw new ValidationError(
        `${where} credentials[${index}] is not a Credential; expected Credential.jwt(…), Credential.keyAuth(…) or Credential.basicAuth(…).`,
        consumer,
      );
    }
    const key = credential._check(consumer, `${where} credentials[${index}]`);
    if (key !== undefined && keys.has(key))
      throw new ValidationError(
        `${where} has two JWT credentials with key "${key}"; expected each key once (Kong selects the credential by it).`,
        consumer,
      );
    if (key !== undefined) keys.add(key);
  });
}
