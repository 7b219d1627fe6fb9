import { Type } from "avsc";
import type { AvroSchema } from "../../../src/avro";
import { generateSuite } from "./cases";
import { Rng } from "./prng";

/**
 * Avro binary test bodies: avsc (an independent implementation) encodes the avro-json payloads
 * of the generated suites, and `mutateBody` damages them the ways a hostile or broken client
 * would: truncation, extra bytes, overlong varints, bad union and enum indexes, bad UTF-8.
 */

export interface BinaryCase {
  readonly id: string;
  readonly schema: AvroSchema;
  readonly schemaJson: unknown;
  readonly body: Buffer;
  readonly expectValid?: boolean;
  readonly mutation?: BodyMutation;
  /** For a mutated body: the valid body it was made from. */
  readonly original?: Buffer;
}

/** avsc's reading of an Avro-JSON payload, encoded; undefined when avsc cannot read it. */
function encodeWithAvsc(schemaJson: unknown, payload: unknown): Buffer | undefined {
  try {
    const type = Type.forSchema(schemaJson as never, { wrapUnions: true });
    return type.toBuffer(type.fromString(JSON.stringify(payload)));
  } catch {
    // A payload avsc cannot represent (unknown fields, a long beyond 2^53): not a test body.
    return undefined;
  }
}

export const BODY_MUTATIONS = [
  "truncate",
  "extra",
  "overlong-varint",
  "big-byte",
  "flip-byte",
  "bad-utf8",
  "splice-ff",
] as const;
export type BodyMutation = (typeof BODY_MUTATIONS)[number];

function mutateBody(body: Buffer, rng: Rng, kind: BodyMutation): Buffer {
  const at = body.length === 0 ? 0 : rng.int(0, body.length - 1);
  switch (kind) {
    case "truncate":
      return body.subarray(0, rng.int(0, Math.max(0, body.length - 1)));
    case "extra":
      return Buffer.concat([body, Buffer.from([rng.int(0, 255)])]);
    case "overlong-varint":
      return Buffer.concat([body.subarray(0, at), Buffer.alloc(11, 0xff), body.subarray(at)]);
    case "big-byte":
      return Buffer.concat([body.subarray(0, at), Buffer.from([0x7f]), body.subarray(at + 1)]);
    case "flip-byte": {
      const copy = Buffer.from(body);
      if (copy.length > 0) copy[at] ^= 1 << rng.int(0, 7);
      return copy;
    }
    case "bad-utf8":
      return Buffer.concat([
        body.subarray(0, at),
        Buffer.from(rng.pick([[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf5], [0xe2, 0x82]])),
        body.subarray(at + 1),
      ]);
    case "splice-ff":
      return Buffer.concat([body.subarray(0, at), Buffer.from([0x01]), body.subarray(at)]);
  }
}

/** Valid bodies from `count` generated suites, and mutations of each. */
export function generateBinaryCases(seed: number, count: number): BinaryCase[] {
  const cases: BinaryCase[] = [];
  const rng = new Rng(seed);
  for (let index = 0; index < count; index++) {
    const suite = generateSuite(seed, index);
    if (suite.dialect !== "avro-json" || suite.allowUnknownFields) continue;
    for (const p of suite.payloads) {
      if (!p.expectValid) continue;
      const body = encodeWithAvsc(suite.schemaJson, p.payload);
      if (!body) continue;
      const base = { id: suite.id, schema: suite.schema, schemaJson: suite.schemaJson };
      cases.push({ ...base, body, expectValid: true });
      for (const mutation of BODY_MUTATIONS)
        cases.push({ ...base, body: mutateBody(body, rng, mutation), mutation, original: body });
    }
  }
  return cases;
}
