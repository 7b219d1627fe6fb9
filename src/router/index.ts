/**
 * Kong's router, as far as synth can know it: which route regexes Kong 3.9 accepts, and which
 * routes it could not tell apart. Pure functions; the Route construct applies them.
 */
export { checkRouteRegex } from "./regex";
export { RouteIndex } from "./collisions";
export type { RouteMatch } from "./collisions";
