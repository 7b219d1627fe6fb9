import { checkLevel, diffSchemas, type CompatibilityLevel, type SchemaChange } from "../compat";
import { isObject, referencedAddress, strings, type Entity } from "./entities";
import { Sensitive, Whole, type Presented } from "./present";
import type {
  ContractChange,
  ContractError,
  PinnedVersion,
  RanBefore,
  RevisionInput,
  RouteRef,
} from "./model";

function samePin(a: PinnedVersion | undefined, b: PinnedVersion | undefined): boolean {
  return a?.version === b?.version && a?.fingerprint === b?.fingerprint && a?.sha256 === b?.sha256;
}

/**
 * The subjects a plugin's Lua chunks check, and whether for requests or responses: the chunks
 * the review presents as contracts, which are avro-kong's own for the environment's pins.
 */
function checkedSubjects(
  entity: Entity,
): Array<{ subject: string; checks: "request" | "response" }> {
  const config = entity.presented.config_json;
  if (entity.type !== "kong_plugin" || !isPresentedObject(config)) return [];
  const out: Array<{ subject: string; checks: "request" | "response" }> = [];
  for (const phase of Object.values(config)) {
    if (!Array.isArray(phase)) continue;
    for (const chunk of phase as readonly Presented[]) {
      const contract = chunk instanceof Whole && isObject(chunk.value) ? chunk.value : undefined;
      if (typeof contract?.validates === "string" && typeof contract.subject === "string")
        out.push({
          subject: contract.subject,
          checks: contract.validates === "response" ? "response" : "request",
        });
    }
  }
  return out;
}

function isPresentedObject(
  value: Presented | undefined,
): value is { readonly [k: string]: Presented } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Whole) &&
    !(value instanceof Sensitive)
  );
}

/** The routes of one environment's entities that validate `subject`. */
function routesValidating(entities: Iterable<Entity>, subject: string): RouteRef[] {
  const list = [...entities];
  const routes = new Map<string, Entity>();
  for (const e of list) if (e.type === "kong_route") routes.set(`${e.stack}\u0000${e.address}`, e);
  const found = new Map<string, { route: Entity; checks: Set<"request" | "response"> }>();
  for (const plugin of list) {
    const uses = checkedSubjects(plugin).filter((u) => u.subject === subject);
    const routeAddress = referencedAddress(plugin.body.route_id);
    const route = routeAddress && routes.get(`${plugin.stack}\u0000${routeAddress}`);
    if (uses.length === 0 || !route) continue;
    const k = `${route.stack}\u0000${route.address}`;
    const entry = found.get(k) ?? { route, checks: new Set() };
    uses.forEach((u) => entry.checks.add(u.checks));
    found.set(k, entry);
  }
  return [...found.values()]
    .map(({ route, checks }) => ({
      address: route.address,
      route: route.label,
      methods: strings(route.body.methods),
      paths: strings(route.body.paths),
      checks: (["request", "response"] as const).filter((c) => checks.has(c)),
    }))
    .sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * The versions the new pin is checked against: the old pin, and under a transitive level every
 * version the environment ran (its history in either revision), oldest number first.
 */
function againstVersions(
  level: CompatibilityLevel,
  from: PinnedVersion & RanBefore,
  to: RanBefore,
): number[] {
  if (!level.endsWith("_TRANSITIVE")) return [from.version];
  const ran = new Set([...(from.history ?? []), ...(to.history ?? []), from.version]);
  return [...ran].sort((a, b) => a - b);
}

function compatibility(
  subject: string,
  from: (PinnedVersion & RanBefore) | null,
  to: (PinnedVersion & RanBefore) | null,
  base: RevisionInput,
  head: RevisionInput,
): Pick<ContractChange, "compatibility" | "compatible" | "errors"> {
  const level = head.level(subject) ?? base.level(subject) ?? null;
  if (!from || !to || !level) return { compatibility: level, compatible: true, errors: [] };
  const newer = head.schema(subject, to.version);
  const older = againstVersions(level, from, to).map((v) => ({
    v,
    found: base.schema(subject, v) ?? head.schema(subject, v),
  }));
  const unreadable: ContractError[] = older
    .filter((o) => !o.found)
    .map((o) => ({
      type: "UNREADABLE_SCHEMA",
      path: "",
      message: `version ${o.v} of ${subject} cannot be read in either revision.`,
    }));
  if (!newer)
    unreadable.push({
      type: "UNREADABLE_SCHEMA",
      path: "",
      message: `version ${to.version} of ${subject} cannot be read in the head.`,
    });
  if (!newer || unreadable.length > 0)
    return { compatibility: level, compatible: false, errors: unreadable };
  const history = older.map((o) => o.found!.schema);
  const errors: ContractError[] = checkLevel(level, newer.schema, history).flatMap((v) =>
    v.errors.map((e) => ({
      type: e.type,
      path: e.path,
      message: e.message,
      direction: v.direction,
      against: older[v.againstIndex].v,
    })),
  );
  return { compatibility: level, compatible: errors.length === 0, errors };
}

/** The field-level changes from the base's version to the head's, when both can be read. */
function schemaChanges(
  subject: string,
  from: PinnedVersion | undefined,
  to: PinnedVersion | undefined,
  base: RevisionInput,
  head: RevisionInput,
): SchemaChange[] {
  if (!from || !to) return [];
  const older = base.schema(subject, from.version) ?? head.schema(subject, from.version);
  const newer = head.schema(subject, to.version);
  return older && newer ? diffSchemas(older.schema, newer.schema) : [];
}

function record(pin: PinnedVersion | undefined): PinnedVersion | null {
  return pin ? { version: pin.version, fingerprint: pin.fingerprint, sha256: pin.sha256 } : null;
}

/**
 * Every subject whose pin differs between the revisions, per environment, with its verdict
 * under the subject's level and the routes it reaches (`entities` by environment, the head's
 * or, for an environment the head no longer has, the base's), environments `inOrder`.
 */
export function contractChanges(
  base: RevisionInput,
  head: RevisionInput,
  entities: (environment: string, removed: boolean) => Iterable<Entity>,
  inOrder: (environments: Iterable<string>) => string[],
): ContractChange[] {
  const environments = inOrder(new Set([...base.pins.keys(), ...head.pins.keys()]));
  const out: ContractChange[] = [];
  for (const environment of environments) {
    // A pins file that cannot be read is a problem of its own, reported once; what it pins is
    // unknown, not removed.
    if (base.unreadablePins?.includes(environment) || head.unreadablePins?.includes(environment))
      continue;
    const before = base.pins.get(environment) ?? new Map<string, PinnedVersion>();
    const after = head.pins.get(environment) ?? new Map<string, PinnedVersion>();
    const subjects = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const subject of subjects) {
      const a = before.get(subject);
      const b = after.get(subject);
      if (samePin(a, b)) continue;
      out.push({
        subject,
        environment,
        from: record(a),
        to: record(b),
        ...compatibility(subject, a ?? null, b ?? null, base, head),
        schemaChanges: schemaChanges(subject, a, b, base, head),
        routes: routesValidating(entities(environment, b === undefined), subject),
      });
    }
  }
  return out;
}
