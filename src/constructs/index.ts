/**
 * `avro-kong`: the constructs a platform team declares Kong with, and what their users need
 * besides (the errors they throw, the plugin names and config types, the provider's L1
 * bindings as `kong` for what the constructs do not cover). Everything exported here is public
 * and shows in the API report (`api-report/`); helpers the constructs share stay unexported.
 */
export { UserError, ValidationError } from "../common";
export type { PluginName, PluginConfigs, KongEdition } from "../plugins";
export { kong } from "../provider";
export { Duration } from "./duration";
export { Environment, GUARDRAIL_LEVELS } from "./environment";
export type {
  EnvironmentLoadProps,
  EnvironmentProps,
  GuardrailLevel,
  StateBackend,
} from "./environment";
export { KongStack } from "./kong-stack";
export type { KongStackProps } from "./kong-stack";
export { Gateway } from "./gateway";
export type { GatewayProps } from "./gateway";
export type { IGateway } from "./gateway-scope";
export type { AdminAuth } from "./gateway-provider";
export { Service, SERVICE_PROTOCOLS } from "./service";
export type { ServiceOptions, ServiceProtocol } from "./service";
export { Certificate } from "./certificate";
export type { CertificateOptions } from "./certificate";
export { Upstream } from "./upstream";
export type {
  UpstreamOptions,
  SharedUpstreamOptions,
  UpstreamTarget,
  UpstreamHashOn,
  UpstreamHealthChecks,
  ActiveHealthCheck,
  PassiveHealthCheck,
  HealthCheckType,
} from "./upstream";
export { Route, ROUTE_PROTOCOLS, HTTP_METHODS } from "./route";
export type { IService, RouteOptions, RouteProtocol, HttpMethod } from "./route";
export { MANAGED_BY_TAG, ownershipTags } from "./tags";
export type { ContractSource, ContractVersion } from "./contracts";
export { KongPlugin } from "./plugin";
export type { KongPluginProps } from "./plugin";
export { UncheckedPlugin } from "./unchecked-plugin";
export type { UncheckedPluginConfig, UncheckedPluginProps } from "./unchecked-plugin";
export { Secret } from "./secret";
export { Identity, JwtIdentity } from "./identity";
export type {
  JwtIdentityOptions,
  KeyAuthIdentityOptions,
  OpenIdConnectIdentityOptions,
  PluginTarget,
} from "./identity";
export type { RoleDefinition } from "./roles";
export type { RateLimit } from "./rate-limit";
export { Logging } from "./logging";
export type { HttpLogOptions, FileLogOptions } from "./logging";
export { Consumer, Credential } from "./consumer";
export type { ConsumerOptions, JwtCredentialOptions } from "./consumer";
export type {
  RouteValidation,
  BodyValidation,
  RequestValidation,
  ResponseValidation,
  ResolvedValidation,
  ValidationEngine,
} from "./validation";
export { GUARDRAIL_RULES } from "../guardrails";
export type { GuardrailRule } from "../guardrails";
export type { ExemptibleRule } from "../guardrails";
export { adoptExisting } from "./adopt";
export { synthesizeApp, runApp, buildEach, SynthesisError } from "../synthesis";
export type { SynthesisProblem } from "../synthesis";
