import { contractChanges } from "./contracts";
import { additionBreaks, changeBreaks, removalBreaks } from "./destructive";
import { diffAttributes } from "./diff";
import { collectEntities, type Entity } from "./entities";
import type {
  EntityChange,
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

function byEnvironment(stacks: readonly SynthesizedStack[] = []): Map<string, SynthesizedStack[]> {
  const out = new Map<string, SynthesizedStack[]>();
  for (const stack of stacks)
    out.set(stack.environment, [...(out.get(stack.environment) ?? []), stack]);
  return out;
}

function summary(revision: RevisionInput): RevisionSummary {
  return {
    label: revision.label,
    synthesized: "stacks" in revision.synth,
    ...("error" in revision.synth ? { error: revision.synth.error } : {}),
    problems: revision.problems,
  };
}

function change(
  entity: Entity,
  kind: EntityChange["change"],
  destructive: string[],
  before?: Entity,
): EntityChange {
  return {
    address: entity.address,
    change: kind,
    stack: entity.stack,
    label: entity.label,
    attributes: before ? diffAttributes(before.presented, entity.presented) : [],
    destructive,
  };
}

/** The entity changes of one environment, sorted by address. */
function diffEnvironment(before: Map<string, Entity>, after: Map<string, Entity>): EntityChange[] {
  const changes: EntityChange[] = [];
  for (const [k, entity] of after) {
    const old = before.get(k);
    if (!old) changes.push(change(entity, "added", additionBreaks(entity)));
    else {
      const c = change(entity, "changed", changeBreaks(old, entity), old);
      if (c.attributes.length > 0) changes.push(c);
    }
  }
  for (const [k, entity] of before)
    if (!after.has(k)) changes.push(change(entity, "removed", removalBreaks(entity)));
  // The same address in another stack of the environment: Terraform destroys and recreates it.
  const moved = (c: EntityChange, other: EntityChange["change"]) =>
    changes.find((o) => o.change === other && o.address === c.address && o.stack !== c.stack);
  return changes
    .map((c) => {
      const partner =
        c.change === "changed" ? undefined : moved(c, c.change === "added" ? "removed" : "added");
      if (!partner) return c;
      const [from, to] =
        c.change === "removed" ? [c.stack, partner.stack] : [partner.stack, c.stack];
      const why = `moves from stack ${from} to stack ${to}: Terraform destroys it in one state and creates it in the other`;
      return { ...c, destructive: [...c.destructive, why] };
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
  const environmentNames = [
    ...new Set([
      ...baseStacks.keys(),
      ...headStacks.keys(),
      ...base.pins.keys(),
      ...head.pins.keys(),
    ]),
  ].sort();
  const entities = new Map<string, { before: Map<string, Entity>; after: Map<string, Entity> }>();
  for (const name of environmentNames) {
    entities.set(name, {
      before: collectEntities(baseStacks.get(name) ?? []),
      after: collectEntities(headStacks.get(name) ?? []),
    });
  }
  const contracts = contractChanges(base, head, (environment, removed) => {
    const e = entities.get(environment);
    const head = e?.after.size ? e.after : undefined;
    return (removed ? (e?.before ?? head) : (head ?? e?.before))?.values() ?? [];
  });

  const environments: EnvironmentReview[] = environmentNames.map((environment) => {
    const e = entities.get(environment);
    const changes = compared && e ? diffEnvironment(e.before, e.after) : [];
    const of = (kind: EntityChange["change"]) =>
      changes.filter((c) => c.change === kind).map((c) => c.address);
    const stacks = headStacks.get(environment) ?? baseStacks.get(environment) ?? [];
    return {
      environment,
      stacks: stacks.map((s) => s.name).sort(),
      compared,
      added: of("added"),
      changed: of("changed"),
      removed: of("removed"),
      entities: changes,
      contracts: contracts.filter((c) => c.environment === environment).length,
    };
  });
  return {
    base: summary(base),
    head: summary(head),
    environments,
    contractChanges: contracts,
    guardrails: guardrails(base, head),
  };
}
