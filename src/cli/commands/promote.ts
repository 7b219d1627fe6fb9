import { UserError } from "../../common";
import {
  applyPromotion,
  loadPromotionState,
  planPromotion,
  planPromotionFrom,
  type PromotionChange,
  type PromotionPlan,
  type PromotionScope,
  withPinsLock,
} from "../../promotion";
import { defineCommand, usageLine, type CommandSpec, type ParsedArgs } from "../args";
import type { CliIo } from "../io";
import { findProjectRoot } from "../root";

const spec = {
  name: "promote",
  summary: "pin a contract version in an environment, through the promotion gate",
  synopsis: [
    "promote SUBJECT VERSION --env ENV",
    "promote --from ENV --env ENV [--subject SUBJECT] [--team TEAM]",
  ],
  positionals: [
    { name: "SUBJECT", optional: true, description: "the subject, e.g. shop.orders.OrderPlaced" },
    { name: "VERSION", optional: true, description: "its version number, e.g. 2" },
  ],
  options: {
    env: { value: "ENV", required: true, description: "the environment whose pins change" },
    from: {
      value: "ENV",
      description:
        "instead of SUBJECT VERSION: every version this environment runs, the one right before --env",
    },
    subject: {
      value: "SUBJECT",
      description: "with --from: only this subject",
    },
    team: {
      value: "TEAM",
      description: 'with --from: only the subjects whose subject.json says "team": TEAM',
    },
  },
  details: [
    "Refuses (exit 1, nothing written) a version that does not exist or was edited after it was pinned, one that is not compatible under its subject's level with what ENV runs (with every version ENV ran, for _TRANSITIVE levels), and one that the environment before ENV in stacks/promotion.json does not run. With --from, all of them or none; --subject and --team narrow what moves (both: that subject, which must be the team's). A subject not in schemas/, a team no subject.json names, or a subject of another team is exit 2. Runs in the project root, found from any folder inside it.",
  ],
} as const satisfies CommandSpec;

/** `promote …`, as docs/reference/cli.md's command table says: 0 done, 1 refused, 2 usage. */
export const command = defineCommand(spec, async (args, io) =>
  // Pins are read, checked and written under one lock: concurrent promotions queue.
  withPinsLock(
    findProjectRoot(io.cwd),
    (sentence) => io.err(sentence),
    () => promote(args, io),
  ),
);

function promote(args: ParsedArgs<typeof spec>, io: CliIo): number {
  const environment = args.value("env");
  const from = args.value("from");
  const scope: PromotionScope = { subject: args.value("subject"), team: args.value("team") };
  const root = findProjectRoot(io.cwd);
  let plan: PromotionPlan;
  if (from !== undefined) {
    if (args.positionals.length > 0) {
      usageError(`promote --from takes no SUBJECT or VERSION, got "${args.positionals[0]}"`);
    }
    plan = planPromotionFrom(loadPromotionState(root), from, environment, scope);
  } else {
    const scoped =
      scope.subject !== undefined ? "--subject" : scope.team !== undefined ? "--team" : undefined;
    if (scoped !== undefined) usageError(`${scoped} goes with --from`);
    const [subject, version] = positionals(args.positionals);
    plan = planPromotion(loadPromotionState(root), environment, subject, version);
  }
  const source = from === undefined ? undefined : { from, ...scope };
  return report(io, plan, source, () => applyPromotion(root, plan));
}

function usageError(message: string): never {
  throw new UserError(`${message} (usage: ${usageLine(spec)}).`);
}

function positionals(given: readonly string[]): [string, number] {
  if (given.length !== 2) usageError(given.length === 0 ? "Missing SUBJECT" : "Missing VERSION");
  const [subject, version] = given;
  if (!/^[1-9][0-9]*$/.test(version)) {
    usageError(`VERSION must be a version number such as 2, not "${version}"`);
  }
  return [subject, Number(version)];
}

function report(
  io: CliIo,
  plan: PromotionPlan,
  from: (PromotionScope & { readonly from: string }) | undefined,
  write: () => boolean,
): number {
  if (plan.refusals.length > 0) {
    for (const refusal of plan.refusals) {
      io.err([refusal.sentence, ...refusal.details.map((d) => `  ${d}`)].join("\n"));
    }
    return 1;
  }
  if (!write()) {
    io.out(
      from === undefined
        ? `${plan.environment} runs that version already; ${plan.file} is unchanged.`
        : `${plan.environment} runs ${what(from)} already; ${plan.file} is unchanged.`,
    );
    return 0;
  }
  io.out(
    [...plan.changes.map((c) => describeChange(plan.environment, c)), `Wrote ${plan.file}.`].join(
      "\n",
    ),
  );
  return 0;
}

/** What `--from` would move, in words: "every version dev runs [of team T]", or of one subject. */
function what(scope: PromotionScope & { readonly from: string }): string {
  if (scope.subject !== undefined) return `the version ${scope.from} runs of ${scope.subject}`;
  const team = scope.team === undefined ? "" : ` of team ${scope.team}`;
  return `every version ${scope.from} runs${team}`;
}

function describeChange(environment: string, change: PromotionChange): string {
  const { subject, from, to } = change;
  if (from === undefined) {
    return `${environment}: ${subject} first pinned at v${to.version} (fingerprint ${to.fingerprint})`;
  }
  const rollback = to.version < from.version ? ", a rollback" : "";
  return `${environment}: ${subject} v${from.version} → v${to.version} (fingerprint ${from.fingerprint} → ${to.fingerprint}${rollback})`;
}
