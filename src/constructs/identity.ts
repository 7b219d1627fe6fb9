import { UserError } from "../common";
import { kindOf } from "./checks";
import type { Construct } from "constructs";
import type { PluginConfigs } from "../plugins";
import { Duration } from "./duration";
import { KongPlugin } from "./plugin";
import type { Secret } from "./secret";

/** Where an identity, limit or logging plugin is attached. */
export interface PluginTarget {
  readonly routeId?: string;
  readonly serviceId?: string;
  readonly consumerId?: string;
  /** For messages: "route create-order", "service orders". */
  readonly on: string;
  /** The owner's tags, after the ownership tags: `service:orders`, `route:create-order`, `consumer:app`. */
  readonly tags: readonly string[];
}

export interface JwtIdentityOptions {
  /**
   * The longest lifetime a token may have; Kong verifies `exp` and rejects tokens whose
   * `exp` lies further ahead. `"unlimited"` switches the bound off (a guardrail violation).
   * @default Duration.minutes(15)
   */
  readonly maxTokenLifetime?: Duration | "unlimited";
  /** Claim that names the consumer's credential `key`. @default "iss" */
  readonly keyClaimName?: string;
  /** Also verify `nbf`. @default true */
  readonly verifyNotBefore?: boolean;
  /** Headers Kong reads the token from. @default ["authorization"] */
  readonly headerNames?: readonly string[];
}

export interface KeyAuthIdentityOptions {
  /** Header or query names that carry the key. @default ["apikey"] */
  readonly keyNames?: readonly string[];
  /** Strip the key before proxying. @default true */
  readonly hideCredentials?: boolean;
}

export interface OpenIdConnectIdentityOptions {
  /** The IdP's discovery endpoint, e.g. https://shop.okta.com/oauth2/default/.well-known/openid-configuration. */
  readonly issuer: string;
  /** OAuth client id. */
  readonly clientId: Secret;
  /** OAuth client secret. @default none (bearer tokens only) */
  readonly clientSecret?: Secret;
  /** Token claim that lists the caller's IdP groups, fed to the ACL plugin. @default "groups" */
  readonly groupsClaim?: string;
  /** @default ["bearer"] */
  readonly authMethods?: readonly NonNullable<
    PluginConfigs["openid-connect"]["auth_methods"]
  >[number][];
  /** Audiences a token must carry. @default none */
  readonly audienceRequired?: readonly string[];
}

/** How a route (or a whole service) authenticates its callers. */
export abstract class Identity {
  /** Kong's jwt plugin: consumers hold HS256 or RS256 credentials; short-lived tokens only. */
  static jwt(options: JwtIdentityOptions = {}): JwtIdentity {
    return new JwtIdentity(options);
  }

  /** Kong's key-auth plugin: consumers hold API keys. */
  static keyAuth(options: KeyAuthIdentityOptions = {}): Identity {
    return new KeyAuthIdentity(options);
  }

  /** Kong Enterprise's openid-connect plugin; roles come from the token's groups claim. */
  static openIdConnect(options: OpenIdConnectIdentityOptions): Identity {
    return new OpenIdConnectIdentity(options);
  }

  abstract readonly plugin: "jwt" | "key-auth" | "openid-connect";

  /** Whether the caller's groups come from the token (IdP group names) rather than consumer ACLs (role names). */
  get groupsFromToken(): boolean {
    return false;
  }

  /** @internal */
  abstract _attach(scope: Construct, target: PluginTarget): void;
}

export class JwtIdentity extends Identity {
  readonly plugin = "jwt" as const;
  /** Seconds, or undefined when unlimited. */
  readonly maxTokenLifetime?: Duration;

  constructor(private readonly options: JwtIdentityOptions) {
    super();
    const lifetime = options.maxTokenLifetime ?? Duration.minutes(15);
    if (lifetime !== "unlimited") {
      const seconds = lifetime.toSeconds();
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > 31536000) {
        throw new UserError(
          `JWT maxTokenLifetime ${lifetime} is out of range; expected whole seconds from 1 second to 365 days.`,
        );
      }
      this.maxTokenLifetime = lifetime;
    }
  }

  /** @internal */
  _attach(scope: Construct, target: PluginTarget): void {
    const claims: ("exp" | "nbf")[] =
      this.options.verifyNotBefore === false ? ["exp"] : ["exp", "nbf"];
    new KongPlugin(scope, "jwt", {
      ...target,
      name: "jwt",
      config: {
        claims_to_verify: claims,
        maximum_expiration: this.maxTokenLifetime?.toSeconds() ?? 0,
        key_claim_name: this.options.keyClaimName ?? "iss",
        header_names: [...(this.options.headerNames ?? ["authorization"])],
        run_on_preflight: true,
      },
    });
  }
}

class KeyAuthIdentity extends Identity {
  readonly plugin = "key-auth" as const;

  constructor(private readonly options: KeyAuthIdentityOptions) {
    super();
  }

  /** @internal */
  _attach(scope: Construct, target: PluginTarget): void {
    new KongPlugin(scope, "key-auth", {
      ...target,
      name: "key-auth",
      config: {
        key_names: [...(this.options.keyNames ?? ["apikey"])],
        hide_credentials: this.options.hideCredentials ?? true,
        key_in_body: false,
      },
    });
  }
}

class OpenIdConnectIdentity extends Identity {
  readonly plugin = "openid-connect" as const;

  constructor(private readonly options: OpenIdConnectIdentityOptions) {
    super();
    if (typeof options.issuer !== "string" || !/^https:\/\/[^\s]+$/.test(options.issuer)) {
      throw new UserError(
        `OpenID Connect issuer ${typeof options.issuer === "string" ? `"${options.issuer}" is invalid` : `is ${kindOf(options.issuer)}`}; expected an https:// URL.`,
      );
    }
  }

  override get groupsFromToken(): boolean {
    return true;
  }

  /** @internal */
  _attach(scope: Construct, target: PluginTarget): void {
    const o = this.options;
    new KongPlugin(scope, "openid-connect", {
      ...target,
      name: "openid-connect",
      config: {
        issuer: o.issuer,
        client_id: [o.clientId],
        client_secret: o.clientSecret ? [o.clientSecret] : undefined,
        auth_methods: [...(o.authMethods ?? ["bearer"])],
        authenticated_groups_claim: [o.groupsClaim ?? "groups"],
        audience_required: o.audienceRequired ? [...o.audienceRequired] : undefined,
      },
    });
  }
}
