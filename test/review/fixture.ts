import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App } from "cdktf";
import { fingerprint, parseSchema, resolvedJson } from "../../src/avro";
import { createHash } from "crypto";
import { orderPlacedV1, orderPlacedV2 } from "../support/contracts";
import type { CompatibilityLevel } from "../../src/compat";
import { checkedReview } from "../support/review-report";
import { Environment, Gateway, KongStack, type ContractVersion } from "../../src/constructs";
import type { SchemaVersion } from "../../src/registry";
import {
  buildReview,
  readSynthOutput,
  type PinnedVersion,
  type Review,
  type RevisionInput,
  type SynthesizedStack,
} from "../../src/review";

/** Schemas by subject and version number, as a revision's `schemas/` would hold them. */
export type SchemaTable = Record<string, Record<number, unknown>>;

function version(subject: string, n: number, json: unknown): SchemaVersion {
  const schema = parseSchema(json) as SchemaVersion["schema"];
  const sha256 = createHash("sha256").update(resolvedJson(schema), "utf8").digest("hex");
  return {
    subject,
    version: n,
    file: `schemas/${subject}/v${n}.avsc`,
    schema,
    fingerprint: fingerprint(schema, "crc64"),
    sha256,
  };
}

const roles = { writer: { idpGroups: ["Writers"] }, reader: { idpGroups: ["Readers"] } };

/** One revision of a small project: which versions each environment pins, and its gateway. */
export interface RevisionSpec {
  readonly schemas: SchemaTable;
  /** Environment → subject → version. */
  readonly pins: Record<string, Record<string, number>>;
  /** Stack name → environment and team; default: one stack per pinned environment, named after it. */
  readonly stacks?: Record<string, { environment: string; team?: string }>;
  /** Declares the gateway of one stack. */
  readonly declare: (gateway: Gateway, stack: string) => void;
  readonly levels?: Record<string, CompatibilityLevel>;
  /** Environment → subject → the versions it ran before (the pins file's history). */
  readonly history?: Record<string, Record<string, number[]>>;
  /** Instead of synthesizing: this failure. */
  readonly synthError?: string;
  readonly label?: string;
  /** `stacks/promotion.json`'s order. */
  readonly promotionOrder?: string[];
}

/** Synthesizes the revision's stacks for real (cdktf App into a scratch outdir) and reads them back. */
export function revision(spec: RevisionSpec): RevisionInput {
  const table = new Map<string, SchemaVersion>();
  for (const [subject, versions] of Object.entries(spec.schemas))
    for (const [n, json] of Object.entries(versions))
      table.set(`${subject}@${n}`, version(subject, Number(n), json));
  const pins = new Map<string, Map<string, PinnedVersion & { history?: number[] }>>();
  for (const [environment, subjects] of Object.entries(spec.pins)) {
    const map = new Map<string, PinnedVersion>();
    for (const [subject, n] of Object.entries(subjects)) {
      const v = table.get(`${subject}@${n}`);
      if (!v) throw new Error(`fixture: no ${subject} v${n}`);
      const history = spec.history?.[environment]?.[subject];
      map.set(subject, {
        version: n,
        fingerprint: v.fingerprint,
        sha256: v.sha256,
        ...(history ? { history } : {}),
      });
    }
    pins.set(environment, map);
  }
  let synth: RevisionInput["synth"];
  if (spec.synthError !== undefined) synth = { error: spec.synthError };
  else synth = { stacks: synthesize(spec, table) };
  return {
    label: spec.label ?? "fixture",
    synth,
    pins,
    problems: [],
    ...(spec.promotionOrder ? { promotionOrder: spec.promotionOrder } : {}),
    schema: (subject, n) => table.get(`${subject}@${n}`),
    level: (subject) =>
      spec.schemas[subject] ? (spec.levels?.[subject] ?? "BACKWARD") : undefined,
  };
}

function synthesize(spec: RevisionSpec, table: Map<string, SchemaVersion>): SynthesizedStack[] {
  const outdir = mkdtempSync(join(tmpdir(), "avro-kong-review-test-"));
  try {
    const app = new App({ outdir });
    const stacks: NonNullable<RevisionSpec["stacks"]> =
      spec.stacks ?? Object.fromEntries(Object.keys(spec.pins).map((e) => [e, { environment: e }]));
    const environments = new Map<string, Environment>();
    for (const [name, { environment: environmentName, team }] of Object.entries(stacks)) {
      const pinned = spec.pins[environmentName] ?? {};
      const contracts = {
        pinned: (subject: string): ContractVersion | undefined => {
          const v =
            pinned[subject] === undefined ? undefined : table.get(`${subject}@${pinned[subject]}`);
          return v && { subject, version: v.version, schema: v.schema, fingerprint: v.fingerprint };
        },
        subjects: () => Object.keys(pinned),
      };
      // One Environment per name: the stacks of an environment share it.
      const environment =
        environments.get(environmentName) ?? new Environment({ name: environmentName, contracts });
      environments.set(environmentName, environment);
      const stack = new KongStack(app, name, { environment, team });
      spec.declare(new Gateway(stack, "kong", { environment, roles }), name);
    }
    app.synth();
    return readSynthOutput(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The review of `head` against `base`, as a machine reads it: through its JSON. */
export function reviewJson(base: RevisionInput, head: RevisionInput): Review {
  return checkedReview(JSON.parse(JSON.stringify(buildReview(base, head))) as Review);
}

/** The first version of the fixture's contract. */
export const orderV1 = orderPlacedV1;
/** Adds an optional field: BACKWARD compatible with v1. */
export const orderV2 = orderPlacedV2;
/** Adds a required field and changes a type: not BACKWARD compatible with v2. */
export const orderV3 = {
  ...orderV1,
  fields: [
    { name: "orderId", type: "long" },
    { name: "quantity", type: "int" },
    { name: "channel", type: "string" },
  ],
};
/** v1 plus a field without a default that v2 has: BACKWARD compatible with v2, not with v1. */
export const orderV4 = {
  ...orderV1,
  fields: [...orderV1.fields, { name: "note", type: ["null", "string"] }],
};
