/** What Kong's router matches a route on (the attributes the constructs set). */
export interface RouteMatch {
  readonly name: string;
  readonly service: string;
  readonly protocols: readonly string[];
  /** Empty: any method. */
  readonly methods: readonly string[];
  /** Empty: any host. */
  readonly hosts: readonly string[];
  /** Empty: any path. */
  readonly paths: readonly string[];
}

/** The values both lists hold; both empty ("any") counts as a shared "any". */
function shared(a: readonly string[], b: readonly string[]): string[] | "any" | undefined {
  if (a.length === 0 && b.length === 0) return "any";
  // One list empty and the other not: Kong ranks the route that sets the attribute first.
  if (a.length === 0 || b.length === 0) return undefined;
  const inB = new Set(b);
  const both = a.filter((value) => inB.has(value));
  return both.length > 0 ? both : undefined;
}

/**
 * Where two routes match the same requests with the same priority, so that Kong could not tell
 * them apart (it would pick one by creation order): a shared protocol, and a shared method, host
 * and path (exactly equal, or both unset). A route that sets an attribute the other leaves unset
 * ranks first, so the two are told apart. Undefined when Kong can tell them apart.
 */
function routeOverlap(a: RouteMatch, b: RouteMatch): string | undefined {
  const protocols = shared(a.protocols, b.protocols);
  const methods = shared(a.methods, b.methods);
  // Kong matches host names case-insensitively.
  const hosts = shared(
    a.hosts.map((h) => h.toLowerCase()),
    b.hosts.map((h) => h.toLowerCase()),
  );
  const paths = shared(a.paths, b.paths);
  if (!protocols || !methods || !hosts || !paths) return undefined;
  const list = (values: string[] | "any", noun: string) =>
    values === "any" ? `any ${noun}` : values.join(", ");
  return `${list(methods, "method")} on ${list(paths, "path")} for ${list(hosts, "host")} over ${list(protocols, "protocol")}`;
}

/** The routes of one gateway, indexed by path, refusing a route Kong could not tell from another. */
export class RouteIndex {
  private readonly byPath = new Map<string, RouteMatch[]>();

  /**
   * Adds `route` and answers undefined; or, when Kong could not tell it from a route already
   * added, adds nothing and answers one sentence naming both (the caller knows where to report it).
   */
  add(route: RouteMatch): string | undefined {
    const collision = this.collisionWith(route);
    if (collision !== undefined) return collision;
    for (const key of keysOf(route)) {
      const bucket = this.byPath.get(key);
      if (bucket) bucket.push(route);
      else this.byPath.set(key, [route]);
    }
    return undefined;
  }

  private collisionWith(route: RouteMatch): string | undefined {
    for (const key of keysOf(route)) {
      for (const other of this.byPath.get(key) ?? []) {
        const overlap = routeOverlap(other, route);
        if (overlap) {
          return `Routes ${other.name} (service ${other.service}) and ${route.name} (service ${route.service}) both match ${overlap}; Kong could not tell them apart; expected a different path, host or method.`;
        }
      }
    }
    return undefined;
  }
}

function keysOf(route: RouteMatch): readonly string[] {
  return route.paths.length > 0 ? route.paths : [""];
}
