import { fingerprint, parseSchema } from "../../src/avro";
import type { ContractSource, ContractVersion } from "../../src/constructs";

/** An in-memory set of pins: subject → version and Avro schema JSON. */
export function contractsOf(
  pins: Record<string, { version: number; schema: unknown }>,
): ContractSource {
  const versions = new Map<string, ContractVersion>();
  for (const [subject, { version, schema }] of Object.entries(pins)) {
    const parsed = parseSchema(schema);
    versions.set(subject, {
      subject,
      version,
      schema: parsed,
      fingerprint: fingerprint(parsed, "crc64"),
    });
  }
  return { pinned: (s) => versions.get(s), subjects: () => [...versions.keys()] };
}

export const orderPlacedV1 = {
  type: "record",
  name: "OrderPlaced",
  namespace: "shop.orders",
  fields: [
    { name: "orderId", type: "string" },
    { name: "quantity", type: "int" },
  ],
};

export const orderPlacedV2 = {
  ...orderPlacedV1,
  fields: [...orderPlacedV1.fields, { name: "note", type: ["null", "string"], default: null }],
};

export const orderAccepted = {
  type: "record",
  name: "OrderAccepted",
  namespace: "shop.orders",
  fields: [{ name: "orderId", type: "string" }],
};
