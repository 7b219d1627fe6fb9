import type { CompatibilityLevel, IncompatibilityType, SchemaChange } from "../compat";
import type { SchemaVersion } from "../registry";

/** A JSON value as read from `cdk.tf.json`. */
export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };
export type JsonObject = { readonly [k: string]: Json };

// ---- What the review reads: two synthesized revisions ---------------------------------------

/** One synthesized stack of `cdktf.out`. */
export interface SynthesizedStack {
  /** The stack's name in `manifest.json`. */
  readonly name: string;
  /** The environment it deploys (its `"//"` marker, else its resources' `environment:` tag, else its name). */
  readonly environment: string;
  /** The parsed `cdk.tf.json`. */
  readonly config: JsonObject;
  /** Warning annotations of the synthesis (guardrails), as `manifest.json` holds them. */
  readonly warnings: readonly Annotation[];
}

/** A part of the app (an environment) that did not synthesize while the others did. */
export interface FailedPart {
  /** Its name in the manifest: the environment, for the parts `buildEach` builds. */
  readonly name: string;
  /** Its error sentences, one per line. */
  readonly error: string;
}

export interface Annotation {
  readonly constructPath: string;
  readonly message: string;
}

/** One revision of the repository as the review sees it. */
export interface RevisionInput {
  /** How the revision is named to people: a ref and its commit, or "working tree". */
  readonly label: string;
  /**
   * The stacks, or why synthesis failed. `failed`: the parts (environments) the app could not
   * build while it synthesized the others (docs/reference/review-json.md).
   */
  readonly synth:
    | { readonly stacks: readonly SynthesizedStack[]; readonly failed?: readonly FailedPart[] }
    | { readonly error: string };
  /** Environment → subject → pinned version (`stacks/pins/*.json`). */
  readonly pins: ReadonlyMap<string, ReadonlyMap<string, PinnedVersion & RanBefore>>;
  /** A version of a subject as this revision's `schemas/` holds it, when it can be read. */
  readonly schema: (subject: string, version: number) => SchemaVersion | undefined;
  /** The subject's compatibility level in this revision, when the subject exists. */
  readonly level: (subject: string) => CompatibilityLevel | undefined;
  /** Problems reading the revision's schemas or pins, each one sentence. */
  readonly problems: readonly string[];
  /** Environments whose pins file cannot be read (one of `problems`): their pins are unknown. */
  readonly unreadablePins?: readonly string[];
  /** Why this revision is the base, when the default had a choice to make. */
  readonly reason?: string;
  /** The environments in promotion order (`stacks/promotion.json`), when it can be read. */
  readonly promotionOrder?: readonly string[];
}

/** The versions an environment ran before its pin, oldest first (the pins file's `history`). */
export interface RanBefore {
  readonly history?: readonly number[];
}

export interface PinnedVersion {
  readonly version: number;
  readonly fingerprint: string;
  readonly sha256: string;
}

// ---- What the review reports (the JSON of `review --format json`) ---------------------------

export interface Review {
  /** The shape of this report; raised only on an incompatible change to it. */
  readonly formatVersion: 1;
  readonly base: RevisionSummary;
  readonly head: RevisionSummary;
  readonly environments: readonly EnvironmentReview[];
  readonly contractChanges: readonly ContractChange[];
  /** Guardrail warnings of the head's synthesis. */
  readonly guardrails: readonly GuardrailWarning[];
  /** What a reviewer must see first, most severe kind first (see RISK_KINDS). */
  readonly risks: readonly Risk[];
}

/**
 * `removed`: a route, service, consumer, credential… clients reach is removed.
 * `weakened`: identity, ACL, rate limit or validation removed or loosened on an existing route.
 * `rate-limit`: a rate limit lowered. `incompatible`: a contract made incompatible.
 * `new-state`: a new stack (a new Terraform state) or an entity moving between stacks.
 * `plugin-disabled`: a plugin switched off. `destructive`: any other change that breaks
 * clients working today (identity, ACL, limit or validation put on an existing route, a match
 * narrowed, a rename Terraform carries out as destroy-and-create).
 */
export type RiskKind =
  | "removed"
  | "weakened"
  | "rate-limit"
  | "incompatible"
  | "new-state"
  | "plugin-disabled"
  | "destructive";

export interface EntityRisk {
  readonly kind: RiskKind;
  readonly message: string;
}

export interface Risk extends EntityRisk {
  readonly environment: string;
  /** The entity's address (the new one for a rename), or the stack / subject concerned. */
  readonly address?: string;
  readonly stack?: string;
  readonly subject?: string;
  /** Kong's name for the entity, when the risk is an entity's. */
  readonly label?: string;
}

export interface RevisionSummary {
  readonly label: string;
  /** Why this revision is the base, when the default had a choice to make (origin/main or main). */
  readonly reason?: string;
  readonly synthesized: boolean;
  /** Why synthesis failed. */
  readonly error?: string;
  readonly problems: readonly string[];
}

/** An environment of the review; `environments` lists them in promotion order (`stacks/promotion.json`), others after, by name. */
export interface EnvironmentReview {
  readonly environment: string;
  /** Why the head's stacks of this environment did not synthesize (the others did); then nothing is compared. */
  readonly error?: string;
  /** The head's stacks of this environment (the base's when the head has none). */
  readonly stacks: readonly string[];
  /** False when either revision did not synthesize: then the entity lists are empty, not known. */
  readonly compared: boolean;
  /** Resource addresses, e.g. `kong_route.kong_orders_create-order_route_CF1220B1`. */
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Renamed entities Terraform destroys and creates (new address). */
  readonly replaced: readonly string[];
  /** Renamed entities a `moved` block keeps in place (new address). */
  readonly moved: readonly string[];
  /** The stacks with an entity added, changed or removed, or new (the others are unchanged). */
  readonly changedStacks: readonly string[];
  /** Stacks of the head this environment's base did not have (each a new Terraform state). */
  readonly newStacks: readonly string[];
  /** Every added, changed or removed entity with its details, by address. */
  readonly entities: readonly EntityChange[];
  /** How many contract changes reach this environment. */
  readonly contracts: number;
}

/**
 * `replaced`: the same Kong entity (its name or its match) under a new address: Terraform
 * destroys the old and creates the new. `moved`: the same, with a `moved` block, kept in place.
 */
export type ChangeKind = "added" | "changed" | "removed" | "replaced" | "moved";

export interface EntityChange {
  readonly address: string;
  readonly change: ChangeKind;
  /** The stack the entity is in (the head's; the base's for a removal). */
  readonly stack: string;
  /** Kong's name for it, e.g. `orders/create-order` for a route, `rate-limiting` for a plugin. */
  readonly label: string;
  /** For a change, replacement or move: each attribute that differs. For an addition: its key attributes (`from` absent). For a removal: empty. */
  readonly attributes: readonly AttributeChange[];
  /** For a replacement or move: the entity it was. */
  readonly previous?: { readonly address: string; readonly stack: string; readonly label: string };
  /** Why this change breaks clients; empty when it does not. */
  readonly destructive: readonly string[];
  /** Everything this change risks, breaking or not. */
  readonly risks: readonly EntityRisk[];
}

/**
 * One attribute that differs, by its path (`paths`, `config_json.minute`,
 * `config_json.access[0].version`). `from`/`to` are absent where the attribute is absent, and
 * always absent when `sensitive` is set: a credential is never shown.
 */
export interface AttributeChange {
  readonly path: string;
  readonly from?: Json;
  readonly to?: Json;
  readonly sensitive?: true;
}

export interface ContractChange {
  readonly subject: string;
  readonly environment: string;
  /** The pin in the base; null when the environment did not run the subject. */
  readonly from: PinnedVersion | null;
  /** The pin in the head; null when the environment no longer runs it. */
  readonly to: PinnedVersion | null;
  /** The subject's level in the head (the base's when it was removed). */
  readonly compatibility: CompatibilityLevel | null;
  /** Whether `to` is compatible with `from` under `compatibility`; true when either is null. */
  readonly compatible: boolean;
  readonly errors: readonly ContractError[];
  /** What differs between the two versions, field by field (empty when either is null or unreadable). */
  readonly schemaChanges: readonly SchemaChange[];
  /** Routes of that environment that validate the subject, in the head (or the base). */
  readonly routes: readonly RouteRef[];
}

export interface ContractError {
  readonly type: IncompatibilityType | "UNREADABLE_SCHEMA";
  /** JSON Pointer into the reader schema. */
  readonly path: string;
  readonly message: string;
  /** `backward`: the new version cannot read the old one's data; `forward`: the reverse. */
  readonly direction?: "backward" | "forward";
  /** The earlier version the new one was checked against (several under a transitive level). */
  readonly against?: number;
}

export interface RouteRef {
  readonly address: string;
  /** `service/route`. */
  readonly route: string;
  readonly methods: readonly string[];
  readonly paths: readonly string[];
  /** How the route uses the subject. */
  readonly checks: readonly ("request" | "response")[];
}

export interface GuardrailWarning {
  readonly environment: string;
  readonly stack: string;
  readonly constructPath: string;
  readonly message: string;
  /** Not among the base's warnings. */
  readonly new: boolean;
}
