import { Construct } from "constructs";
import {
  consumer as kongConsumer,
  consumerAcl,
  consumerJwtAuth,
  consumerKeyAuth,
} from "../provider";
import { UserError } from "../common";
import { Gateway } from "./gateway";
import { attachRateLimit, type RateLimit } from "./rate-limit";
import { expectSecret, resolveSecret, type Secret } from "./secret";

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

  /** @internal */
  abstract attach(scope: Construct, consumerId: string, tags: string[], index: number): void;
}

class JwtCredential extends Credential {
  constructor(private readonly options: JwtCredentialOptions) {
    super();
    if (options.algorithm !== "HS256" && options.algorithm !== "RS256") {
      throw new UserError(
        `JWT credential algorithm "${String((options as { algorithm: unknown }).algorithm)}" is not supported; expected HS256 or RS256.`,
      );
    }
    if (options.key.trim() === "")
      throw new UserError(`JWT credential key is empty; expected the token's key claim value.`);
  }

  attach(scope: Construct, consumerId: string, tags: string[]): void {
    const o = this.options;
    const where = `Consumer ${scope.node.id} JWT credential ${o.key}`;
    new consumerJwtAuth.ConsumerJwtAuth(scope, `jwt-${o.key}`, {
      consumerId,
      algorithm: o.algorithm,
      key: o.key,
      secret:
        o.algorithm === "HS256"
          ? resolveSecret(scope, expectSecret(`${where} secret`, o.secret))
          : undefined,
      // A public key is no secret; it may be written out, or kept beside the private key.
      rsaPublicKey:
        o.algorithm === "RS256"
          ? typeof o.publicKey === "string"
            ? o.publicKey
            : resolveSecret(scope, expectSecret(`${where} publicKey`, o.publicKey))
          : HS256_UNUSED_PUBLIC_KEY,
      tags,
    });
  }
}

class KeyAuthCredential extends Credential {
  constructor(private readonly key: Secret) {
    super();
  }

  attach(scope: Construct, consumerId: string, tags: string[], index: number): void {
    new consumerKeyAuth.ConsumerKeyAuth(scope, `key-auth-${index}`, {
      consumerId,
      key: resolveSecret(
        scope,
        expectSecret(`Consumer ${scope.node.id} key-auth credential ${index} key`, this.key),
      ),
      tags,
    });
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
}

/** A Kong consumer: an API client with credentials and roles. */
export class Consumer extends Construct {
  readonly name: string;
  readonly roles: readonly string[];
  readonly resource: kongConsumer.Consumer;

  constructor(scope: Construct, id: string, options: ConsumerOptions) {
    super(scope, id);
    const gateway = Gateway.of(this);
    gateway.registerConsumer(id);
    this.name = id;
    this.roles = [...(options.roles ?? [])];
    gateway.roleMap.assertKnown(`Consumer ${id}`, this.roles);
    const tags = gateway.tags([`consumer:${id}`]);
    this.resource = new kongConsumer.Consumer(this, "consumer", {
      username: id,
      customId: options.customId,
      tags,
    });
    for (const role of this.roles) {
      new consumerAcl.ConsumerAcl(this, `role-${role}`, {
        consumerId: this.resource.id,
        group: role,
        tags,
      });
    }
    (options.credentials ?? []).forEach((credential: unknown, index) => {
      if (!(credential instanceof Credential)) {
        throw new UserError(
          `Consumer ${id} credentials[${index}] is not a Credential; expected Credential.jwt(…) or Credential.keyAuth(…).`,
        );
      }
      credential.attach(this, this.resource.id, tags, index);
    });
    if (options.rateLimit) {
      attachRateLimit(
        this,
        { consumerId: this.resource.id, on: `consumer ${id}`, tags: [`consumer:${id}`] },
        options.rateLimit,
      );
    }
  }
}
