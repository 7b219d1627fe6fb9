import * as fs from "fs";
import * as path from "path";
import type { AvroSchema } from "../src/avro";
import { parseSchema } from "../src/avro";
import { loadRegistry, type Registry } from "../src/registry";
import { samplePayload, sizedBody } from "./sample";

/** One body to time: a schema and a JSON text valid for it. */
export interface Workload {
  readonly name: string;
  readonly schema: AvroSchema;
  readonly body: string;
  /** A shape chosen to be slow, not a realistic payload: shown, but outside the goal. */
  readonly hostile?: boolean;
}

const MONEY = {
  type: "record",
  name: "Money",
  namespace: "shop.common",
  fields: [
    { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 12, scale: 2 } },
    { name: "currency", type: { type: "string" } },
  ],
};

const ADDRESS = {
  type: "record",
  name: "Address",
  namespace: "shop.common",
  fields: [
    { name: "line1", type: "string" },
    { name: "line2", type: ["null", "string"], default: null },
    { name: "city", type: "string" },
    { name: "postcode", type: "string" },
    { name: "country", type: { type: "fixed", name: "CountryCode", size: 2 } },
  ],
};

/** A realistic order document: nested records, an array of lines, enums, unions, a map. */
export const ORDER_SCHEMA = parseSchema({
  type: "record",
  name: "OrderPlaced",
  namespace: "shop.orders",
  fields: [
    { name: "orderId", type: { type: "string", logicalType: "uuid" } },
    { name: "placedAt", type: { type: "long", logicalType: "timestamp-millis" } },
    {
      name: "customer",
      type: {
        type: "record",
        name: "Customer",
        fields: [
          { name: "customerId", type: "string" },
          { name: "email", type: "string" },
          {
            name: "tier",
            type: { type: "enum", name: "Tier", symbols: ["STANDARD", "GOLD", "PLATINUM"] },
            default: "STANDARD",
          },
        ],
      },
    },
    {
      name: "lines",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "OrderLine",
          fields: [
            { name: "sku", type: "string" },
            { name: "quantity", type: "int" },
            { name: "unitPrice", type: MONEY },
            { name: "discount", type: ["null", "shop.common.Money"], default: null },
            { name: "tags", type: { type: "array", items: "string" }, default: [] },
          ],
        },
      },
    },
    { name: "shippingAddress", type: ADDRESS },
    { name: "billingAddress", type: ["null", "shop.common.Address"], default: null },
    { name: "total", type: "shop.common.Money" },
    { name: "channel", type: { type: "enum", name: "Channel", symbols: ["WEB", "APP", "STORE"] } },
    { name: "attributes", type: { type: "map", values: "string" }, default: {} },
  ],
});

/** A small telemetry message, a few hundred bytes. */
export const SENSOR_SCHEMA = parseSchema({
  type: "record",
  name: "SensorReading",
  namespace: "iot.telemetry",
  fields: [
    { name: "sensorId", type: "string" },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "temperature", type: "double" },
    { name: "humidity", type: ["null", "double"], default: null },
    { name: "battery", type: "int" },
    { name: "firmware", type: "string" },
    {
      name: "status",
      type: { type: "enum", name: "Status", symbols: ["OK", "DEGRADED", "FAULT"] },
    },
    {
      name: "position",
      type: {
        type: "record",
        name: "Position",
        fields: [
          { name: "lat", type: "double" },
          { name: "lon", type: "double" },
        ],
      },
    },
  ],
});

function orderLine(i: number): unknown {
  return {
    sku: `SKU-${100000 + i}`,
    quantity: 1 + (i % 7),
    unitPrice: { amount: "\u0000\u0001\u00e8", currency: "EUR" },
    discount: i % 3 === 0 ? { amount: "\u0000\u0032", currency: "EUR" } : null,
    tags: i % 2 === 0 ? ["gift", "fragile"] : [],
  };
}

export function orderBody(lines: number): string {
  return JSON.stringify({
    orderId: "9b2f6c1e-4c1a-4f57-8d2a-0c7b7e1d2f3a",
    placedAt: 1764115200000,
    customer: { customerId: "C-004211", email: "ada@example.org", tier: "GOLD" },
    lines: Array.from({ length: lines }, (_, i) => orderLine(i)),
    shippingAddress: {
      line1: "1 Analytical Way",
      line2: null,
      city: "London",
      postcode: "N1 9GU",
      country: "GB",
    },
    billingAddress: null,
    total: { amount: "\u0000\u0013\u0088", currency: "EUR" },
    channel: "WEB",
    attributes: { campaign: "winter", referrer: "newsletter" },
  });
}

export const SENSOR_BODY = JSON.stringify({
  sensorId: "greenhouse-7/probe-12",
  at: 1764115200123,
  temperature: 21.375,
  humidity: 0.62,
  battery: 87,
  firmware: "2.4.1+build.5821",
  status: "OK",
  position: { lat: 51.50722, lon: -0.1275 },
});

/** The lines count whose order body is closest to `bytes`. */
function linesFor(bytes: number): number {
  const one = orderBody(1).length;
  const per = orderBody(2).length - one;
  return Math.max(1, Math.ceil((bytes - one) / per) + 1);
}

/**
 * The worst shape found for the chunk's union trials (issue 19): a union with two records whose
 * fields overlap and a map of one of them. Every second level is `{"kids": {"kids": <next>},
 * "x": {"kids": null}}`: tried as t.A, then as t.B, each recurses all the way down before the
 * unknown key "x" fails it; as a map of t.A it is valid. Without remembered verdicts that is
 * about 3^(depth / 2) checks; with them each (branch, object) pair is checked once. The cost
 * per level grows with the number of branches that take an object (each is tried once per
 * object), not with depth: a union of 4 such records costs about twice this one per byte, 8
 * about three times.
 */
const OVERLAPPING_UNION_SCHEMA = parseSchema({
  type: "record",
  name: "t.A",
  fields: [
    {
      name: "kids",
      type: [
        "null",
        "t.A",
        {
          type: "record",
          name: "t.B",
          fields: [
            { name: "kids", type: ["null", "t.A", "t.B", { type: "map", values: "t.A" }] },
            { name: "b", type: ["null", "int"], default: null },
          ],
        },
        { type: "map", values: "t.A" },
      ],
    },
    { name: "a", type: ["null", "int"], default: null },
  ],
});

/** That body, 2 × `steps` + 2 objects deep (Kong's cjson refuses more than 1000). */
function overlappingUnionBody(steps: number): string {
  let body = '{"kids":null}';
  for (let i = 0; i < steps; i++) body = `{"kids":{"kids":${body}},"x":{"kids":null}}`;
  return `{"kids":${body}}`;
}

export function builtInWorkloads(): Workload[] {
  return [
    {
      name: "overlapping union, 996 levels",
      schema: OVERLAPPING_UNION_SCHEMA,
      body: overlappingUnionBody(497),
      hostile: true,
    },
    { name: "sensor reading (small)", schema: SENSOR_SCHEMA, body: SENSOR_BODY },
    { name: "order, ~1 KB", schema: ORDER_SCHEMA, body: orderBody(linesFor(1024)) },
    { name: "order, ~100 KB", schema: ORDER_SCHEMA, body: orderBody(linesFor(100 * 1024)) },
    { name: "order, ~1 MB", schema: ORDER_SCHEMA, body: orderBody(linesFor(1024 * 1024)) },
  ];
}

/**
 * The repository's example schemas (the latest version of every record subject under
 * `schemas/`, shared types resolved) with a sample body each, and the order schema scaled to
 * the sizes of the goal. Empty when the directory is missing or does not load.
 */
export function exampleWorkloads(root: string): Workload[] {
  if (!fs.existsSync(path.join(root, "schemas"))) return [];
  let registry: Registry;
  try {
    registry = loadRegistry(root);
  } catch {
    return [];
  }
  const out: Workload[] = [];
  for (const subject of registry.subjects.values()) {
    const latest = subject.versions[subject.versions.length - 1];
    if (latest?.schema.kind !== "record") continue;
    out.push({
      name: `${subject.name} v${latest.version}`,
      schema: latest.schema,
      body: JSON.stringify(samplePayload(latest.schema, 3)),
    });
  }
  const order = registry.subjects.get("shop.orders.OrderPlaced");
  const orderSchema = order?.versions[order.versions.length - 1]?.schema;
  if (orderSchema)
    for (const [label, bytes] of [
      ["1 KB", 1024],
      ["100 KB", 100 * 1024],
      ["1 MB", 1024 * 1024],
    ] as const)
      out.push({
        name: `shop.orders.OrderPlaced, ~${label}`,
        schema: orderSchema,
        body: sizedBody(orderSchema, bytes),
      });
  return out;
}
