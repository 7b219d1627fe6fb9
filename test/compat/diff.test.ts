import { parseSchema } from "../../src/avro";
import { diffSchemas, type SchemaChange } from "../../src/compat";

function diff(older: unknown, newer: unknown): SchemaChange[] {
  return diffSchemas(parseSchema(older), parseSchema(newer));
}

const record = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: "record",
  name: "shop.orders.OrderPlaced",
  fields,
  ...extra,
});

describe("diffSchemas: what changed between two versions, field by field", () => {
  it("an optional field added with a default, a required one added, a field removed", () => {
    expect(
      diff(
        record([
          { name: "orderId", type: "long" },
          { name: "legacy", type: "string", default: "" },
        ]),
        record([
          { name: "orderId", type: "long" },
          { name: "note", type: ["null", "string"], default: null },
          { name: "channel", type: "string" },
        ]),
      ),
    ).toEqual([
      { kind: "field-added", field: "note", to: "null | string", hasDefault: true, optional: true },
      { kind: "field-added", field: "channel", to: "string", hasDefault: false, optional: false },
      { kind: "field-removed", field: "legacy", from: "string", hasDefault: true, optional: false },
    ]);
  });

  it("a field renamed through an alias is one field, with its alias added", () => {
    expect(
      diff(
        record([{ name: "qty", type: "int" }]),
        record([{ name: "quantity", type: "int", aliases: ["qty"] }]),
      ),
    ).toEqual([
      { kind: "field-renamed", field: "quantity", from: "qty", to: "quantity" },
      { kind: "alias-added", field: "quantity", to: "qty" },
    ]);
  });

  it("types changed, logical types included, inside arrays, maps and nullable records", () => {
    const item = (price: unknown, name = "shop.orders.Item") => ({
      type: "record",
      name,
      fields: [{ name: "price", type: price }],
    });
    expect(
      diff(
        record([
          { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
          { name: "items", type: { type: "array", items: item("long") } },
          { name: "meta", type: { type: "map", values: "string" } },
          { name: "gift", type: ["null", item("int", "shop.orders.Gift")] },
        ]),
        record([
          { name: "at", type: { type: "long", logicalType: "timestamp-micros" } },
          { name: "items", type: { type: "array", items: item("double") } },
          { name: "meta", type: { type: "map", values: "bytes" } },
          { name: "gift", type: ["null", item("float", "shop.orders.Gift"), "string"] },
        ]),
      ),
    ).toEqual([
      {
        kind: "type-changed",
        field: "at",
        from: "long (timestamp-millis)",
        to: "long (timestamp-micros)",
      },
      { kind: "type-changed", field: "items[].price", from: "long", to: "double" },
      { kind: "type-changed", field: "meta{}", from: "string", to: "bytes" },
      {
        kind: "type-changed",
        field: "gift",
        from: "null | record shop.orders.Gift",
        to: "null | record shop.orders.Gift | string",
      },
      { kind: "type-changed", field: "gift.price", from: "int", to: "float" },
    ]);
  });

  it("enum symbols added and removed, enum default, record aliases", () => {
    const status = (symbols: string[], d?: string) => ({
      type: "enum",
      name: "shop.orders.Status",
      symbols,
      ...(d ? { default: d } : {}),
    });
    expect(
      diff(
        record([{ name: "status", type: status(["NEW", "PAID", "LOST"]) }], {
          aliases: ["shop.Order"],
        }),
        record([{ name: "status", type: status(["NEW", "PAID", "SHIPPED"], "NEW") }], {
          aliases: ["shop.orders.Order"],
        }),
      ),
    ).toEqual([
      { kind: "alias-added", field: "", to: "shop.orders.Order" },
      { kind: "alias-removed", field: "", from: "shop.Order" },
      { kind: "symbol-added", field: "status", to: "SHIPPED" },
      { kind: "symbol-removed", field: "status", from: "LOST" },
      { kind: "default-added", field: "status", to: '"NEW"' },
    ]);
  });

  it("defaults added, removed and changed; the same default written in another key order is no change", () => {
    const money = {
      type: "record",
      name: "shop.Money",
      fields: [
        { name: "amount", type: "long" },
        { name: "currency", type: "string" },
      ],
    };
    expect(
      diff(
        record([
          { name: "a", type: "int" },
          { name: "b", type: "int", default: 1 },
          { name: "c", type: "int", default: 1 },
          { name: "price", type: money, default: { amount: 0, currency: "EUR" } },
        ]),
        record([
          { name: "a", type: "int", default: 0 },
          { name: "b", type: "int" },
          { name: "c", type: "int", default: 2 },
          { name: "price", type: money, default: { currency: "EUR", amount: 0 } },
        ]),
      ),
    ).toEqual([
      { kind: "default-added", field: "a", to: "0" },
      { kind: "default-removed", field: "b", from: "1" },
      { kind: "default-changed", field: "c", from: "1", to: "2" },
    ]);
  });

  it("a recursive type is walked once; the same schema has no changes", () => {
    const list = {
      type: "record",
      name: "shop.Node",
      fields: [
        { name: "value", type: "int" },
        { name: "next", type: ["null", "shop.Node"] },
      ],
    };
    expect(diff(list, list)).toEqual([]);
    const changed = { ...list, fields: [{ name: "value", type: "long" }, list.fields[1]] };
    expect(diff(list, changed)).toEqual([
      { kind: "type-changed", field: "value", from: "int", to: "long" },
    ]);
  });
});
