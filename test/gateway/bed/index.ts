export { startGateway } from "./gateway";
export type { BedRoute, Gateway, GatewayOptions } from "./gateway";
export { startNginx, assertNginxInstalled, freePort } from "./nginx";
export type { NginxOptions, RunningNginx } from "./nginx";
export { startUpstream, startCollector } from "./servers";
export type {
  Collector,
  LogRecord,
  ReceivedRequest,
  Responder,
  Upstream,
  UpstreamAnswer,
} from "./servers";
export { send } from "./client";
export type { BedRequest, BedResponse } from "./client";
