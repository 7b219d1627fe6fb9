import { contractChanges } from "./contracts";
import { additionRisks, BREAKING, changeRisks, removalRisks, type Presence } from "./destructive";
import { diffAttributes } from "./diff";
import { collectEntities, isObject, referencedAddress, type Entity } from "./entities";
import { pinnedContracts } from "./pinned-contracts";
import { RISK_KINDS } from "./fail-on";
import { keyAttributes, noun, ownerOf, pairRenames } from "./renames";
import type {
  ContractChange,
  EntityChange,
  EntityRisk,
  Json,
  Risk,
  EnvironmentReview,
  GuardrailWarning,
  Review,
  RevisionInput,
  RevisionSummary,
  SynthesizedStack,
} from "./model";

function stacksOf(revision: RevisionInput): readonly SynthesizedStack[] | undefined {
  return "stacks" in revision.synth ? revision.synth.stacks : undefined;
}

/** Environment → why its stacks did not synthesize in `revision` while the others did. */
function failuresOf(revision: RevisionInput): Map<string, string> {
  const failed = "stacks" in revision.synth ? (revision.synth.failed ?? []) : [];
  return new Map(failed.map((f) => [f.name, f.error]));
}

function byEnvironment(stacks: readonly SynthesizedStack[] = []): Map<string, SynthesizedStack[]> {
  const out = new Map<string, SynthesizedStack[]>();
  for (const stack of stacks)
    out.set(stack.environment, [...(out.get(stack.environment) ?? []), stack]);
  return out;
}

function summary(revision: RevisionInput): RevisionSummary {
  return {
    label: revision.label,
    ...(revision.reason ? { reason: revision.reason } : {}),
    synthesized: "stacks" in revision.synth,
    ...("error" in revision.synth ? { error: revision.synth.error } : {}),
    problems: revision.problems,
  };
}

function change(
  entity: Entity,
  kind: EntityChange["change"],
  risks: EntityRisk[],
  before?: Entity,
): EntityChange {
  return {
    address: entity.address,
    change: kind,
    stack: entity.stack,
    label: entity.label,
    attributes:
      kind === "added"
        ? keyAttributes(entity)
        : before
          ? diffAttributes(before.presented, entity.presented).filter(
              // A reference that follows its renamed owner is that owner's change, not this one's.
              (a) =>
                kind === "changed" ||
                referencedAddress(a.from) === undefined ||
                referencedAddress(a.to) === undefined,
            )
          : [],
    ...(before && kind !== "changed"
      ? { previous: { address: before.address, stack: before.stack, label: before.label } }
      : {}),
    destructive: risks.filter((r) => BREAKING.has(r.kind)).map((r) => r.message),
    risks,
  };
}

/** The entity changes of one environment, sorted by address. */
function diffEnvironment(
  before: Map<string, Entity>,
  after: Map<string, Entity>,
  moves: ReadonlyMap<string, string>,
): EntityChange[] {
  const beforeAddresses = new Set([...before.values()].map((e) => e.address));
  const afterAddresses = new Set([...after.values()].map((e) => e.address));
  const environmentExisted = before.size > 0;
  const environmentRemains = after.size > 0;
  const existed: Presence = (a) => (a === undefined ? environmentExisted : beforeAddresses.has(a));
  const remains: Presence = (a) => (a === undefined ? environmentRemains : afterAddresses.has(a));
  const added = [...after].filter(([k]) => !before.has(k)).map(([, e]) => e);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, e]) => e);
  const renames = pairRenames(removed, added, moves);
  const changes: EntityChange[] = [];
  for (const [k, entity] of after) {
    const old = before.get(k);
    if (old) {
      const c = change(entity, "changed", changeRisks(old, entity), old);
      if (c.attributes.length > 0) changes.push(c);
      continue;
    }
    const pair = renames.byNew.get(entity);
    if (pair) {
      const moved = pair.moved;
      const risks: EntityRisk[] = moved
        ? []
        : [
            {
              kind: "destructive",
              message: `${pair.old.label} renamed to ${entity.label} (${pair.old.address} → ${entity.address}): Terraform destroys the old ${noun(entity.type)} and creates the new one, so for a moment neither exists; renamedFrom on the construct (a moved block) keeps it in place`,
            },
          ];
      changes.push(
        change(
          entity,
          moved ? "moved" : "replaced",
          [...risks, ...changeRisks(pair.old, entity)],
          pair.old,
        ),
      );
      continue;
    }
    changes.push(change(entity, "added", additionRisks(entity, ownerOf(entity), existed)));
  }
  for (const entity of removed)
    if (!renames.byOld.has(entity))
      changes.push(change(entity, "removed", removalRisks(entity, ownerOf(entity), remains)));
  // The same address in another stack of the environment: Terraform destroys and recreates it.
  const moved = (c: EntityChange, other: EntityChange["change"]) =>
    changes.find((o) => o.change === other && o.address === c.address && o.stack !== c.stack);
  return changes
    .map((c) => {
      const partner =
        c.change === "added" || c.change === "removed"
          ? moved(c, c.change === "added" ? "removed" : "added")
          : undefined;
      if (!partner) return c;
      const [from, to] =
        c.change === "removed" ? [c.stack, partner.stack] : [partner.stack, c.stack];
      const why = `moves from stack ${from} to stack ${to}: Terraform destroys it in one state and creates it in the other`;
      // The pair is one move: the removal's own risks are the move's.
      const risks: EntityRisk[] = [{ kind: "new-state", message: why }];
      return {
        ...c,
        destructive: [...c.destructive.filter(() => false), why],
        risks,
      };
    })
    .sort((a, b) => a.address.localeCompare(b.address) || a.stack.localeCompare(b.stack));
}

function guardrails(base: RevisionInput, head: RevisionInput): GuardrailWarning[] {
  const known = new Set((stacksOf(base) ?? []).flatMap((s) => s.warnings.map((w) => w.message)));
  return (stacksOf(head) ?? []).flatMap((stack) =>
    stack.warnings.map((w) => ({
      environment: stack.environment,
      stack: stack.name,
      constructPath: w.constructPath,
      message: w.message,
      // Without the base's synthesis there is no telling: every warning counts as new.
      new: stacksOf(base) === undefined || !known.has(w.message),
    })),
  );
}

/** The plan review of `head` against `base`: what changes in Kong and in the contracts, per environment. */
export function buildReview(base: RevisionInput, head: RevisionInput): Review {
  const baseStacks = byEnvironment(stacksOf(base));
  const headStacks = byEnvironment(stacksOf(head));
  const compared = stacksOf(base) !== undefined && stacksOf(head) !== undefined;
  // An environment that failed alone in the head is reported with its error, not compared.
  const failed = failuresOf(head);
  const inOrder = promotionOrder(head.promotionOrder ?? base.promotionOrder ?? []);
  const environmentNames = inOrder([
    ...baseStacks.keys(),
    ...headStacks.keys(),
    ...base.pins.keys(),
    ...head.pins.keys(),
    ...failed.keys(),
  ]);
  const entities = new Map<string, { before: Map<string, Entity>; after: Map<string, Entity> }>();
  for (const name of environmentNames) {
    entities.set(name, {
      before: collectEntities(baseStacks.get(name) ?? [], pinnedContracts(base, name)),
      after: collectEntities(headStacks.get(name) ?? [], pinnedContracts(head, name)),
    });
  }
  const contracts = contractChanges(
    base,
    head,
    (environment, removed) => {
      const e = entities.get(environment);
      const head = e?.after.size ? e.after : undefined;
      return (removed ? (e?.before ?? head) : (head ?? e?.before))?.values() ?? [];
    },
    inOrder,
  );

  const moves = movedBlocks(stacksOf(head) ?? []);
  const environments: EnvironmentReview[] = environmentNames.map((environment) => {
    const e = entities.get(environment);
    const error = failed.get(environment);
    const compares = compared && error === undefined;
    const changes = compares && e ? diffEnvironment(e.before, e.after, moves) : [];
    const of = (kind: EntityChange["change"]) =>
      changes.filter((c) => c.change === kind).map((c) => c.address);
    const stacks = headStacks.get(environment) ?? baseStacks.get(environment) ?? [];
    const baseNames = new Set((baseStacks.get(environment) ?? []).map((s) => s.name));
    return {
      environment,
      ...(error === undefined ? {} : { error }),
      stacks: stacks.map((s) => s.name).sort(),
      compared: compares,
      added: of("added"),
      changed: of("changed"),
      removed: of("removed"),
      replaced: of("replaced"),
      moved: of("moved"),
      changedStacks: [
        ...new Set([
          ...changes.map((c) => c.stack),
          ...changes.flatMap((c) => c.previous?.stack ?? []),
        ]),
      ].sort(),
      newStacks: compares
        ? (headStacks.get(environment) ?? [])
            .map((s) => s.name)
            .filter((n) => !baseNames.has(n))
            .sort()
        : [],
      entities: changes,
      contracts: contracts.filter((c) => c.environment === environment).length,
    };
  });
  return {
    formatVersion: 1,
    base: summary(base),
    head: summary(head),
    environments,
    contractChanges: contracts,
    guardrails: guardrails(base, head),
    risks: collectRisks(environments, contracts),
  };
}

/**
 * Sorts environment names in promotion order (dev before staging before prod, as
 * `stacks/promotion.json` lists them); names it does not list come after, by name.
 */
function promotionOrder(order: readonly string[]): (names: Iterable<string>) => string[] {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  return (names) => [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Head address → base address, from the stacks' `moved` blocks. */
function movedBlocks(stacks: readonly SynthesizedStack[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stack of stacks) {
    const moved = stack.config.moved;
    if (!Array.isArray(moved)) continue;
    for (const block of moved as readonly Json[]) {
      if (isObject(block) && typeof block.from === "string" && typeof block.to === "string")
        out.set(block.to, block.from);
    }
  }
  return out;
}

function collectRisks(
  environments: readonly EnvironmentReview[],
  contracts: readonly ContractChange[],
): Risk[] {
  const out: Risk[] = [];
  for (const e of environments) {
    for (const stack of e.newStacks)
      out.push({
        kind: "new-state",
        environment: e.environment,
        stack,
        message: `new stack ${stack}: a new Terraform state, whose backend must exist before apply`,
      });
    for (const c of e.entities)
      for (const r of c.risks)
        out.push({
          ...r,
          environment: e.environment,
          address: c.address,
          stack: c.stack,
          label: c.label,
        });
  }
  for (const c of contracts)
    if (!c.compatible)
      out.push({
        kind: "incompatible",
        environment: c.environment,
        subject: c.subject,
        message: `contract ${c.subject} v${c.from?.version ?? "?"} → v${c.to?.version ?? "?"} is not ${c.compatibility ?? "compatible"}-compatible (${c.errors.length} error(s))`,
      });
  const rank = (r: Risk) => RISK_KINDS.indexOf(r.kind);
  // Stable: within a kind, environments keep their order.
  return out
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}
