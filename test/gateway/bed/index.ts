export { startGateway } from "./gateway";
export type { BedRoute, Gateway } from "./gateway";
export { startNginx } from "./nginx";
export type { RunningNginx } from "./nginx";
export { startUpstream, startCollector } from "./servers";
export type { Collector, Upstream } from "./servers";
export { send } from "./client";
export type { BedRequest } from "./client";
