import { fingerprint, parseSchema, resolvedJson, type NamedSchema } from "../../src/avro";

const order = {
  type: "record",
  name: "Order",
  namespace: "shop.orders",
  doc: "An order",
  aliases: ["OldOrder"],
  fields: [
    { name: "id", type: { type: "string", logicalType: "uuid" }, doc: "id", order: "ignore" },
    { name: "total", type: { type: "bytes", logicalType: "decimal", precision: 9, scale: 2 } },
    {
      name: "status",
      type: { type: "enum", name: "Status", symbols: ["NEW", "DONE"], default: "NEW" },
      default: "NEW",
    },
    { name: "previous", type: ["null", "Status"], default: null, aliases: ["prev"] },
    { name: "meta", type: { type: "map", values: "int" }, default: { b: 1, a: 2 } },
  ],
};

describe("resolvedJson", () => {
  it("writes every attribute readers depend on, keys in a fixed order", () => {
    expect(resolvedJson(parseSchema(order))).toBe(
      '{"type":"record","name":"shop.orders.Order","doc":"An order","aliases":["shop.orders.OldOrder"],"fields":[' +
        '{"name":"id","type":{"type":"string","logicalType":"uuid"},"doc":"id","order":"ignore"},' +
        '{"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},' +
        '{"name":"status","type":{"type":"enum","name":"shop.orders.Status","symbols":["NEW","DONE"],"default":"NEW"},"default":"NEW"},' +
        '{"name":"previous","type":["null","shop.orders.Status"],"aliases":["prev"],"default":null},' +
        '{"name":"meta","type":{"type":"map","values":"int"},"default":{"a":2,"b":1}}]}',
    );
  });

  it("parses back to the same schema", () => {
    const once = resolvedJson(parseSchema(order));
    expect(resolvedJson(parseSchema(JSON.parse(once)))).toBe(once);
    const nullNamespace = parseSchema({
      type: "record",
      name: "a.Outer",
      fields: [{ name: "inner", type: { type: "fixed", name: "F", namespace: "", size: 1 } }],
    });
    const text = resolvedJson(nullNamespace);
    expect(text).toContain('"name":"F","namespace":""');
    expect(resolvedJson(parseSchema(JSON.parse(text)))).toBe(text);
  });

  it("changes when an attribute the canonical form strips changes, where the fingerprint does not", () => {
    const edited = JSON.parse(JSON.stringify(order)) as typeof order;
    edited.fields[3] = {
      name: "previous",
      type: ["null", "Status"],
      aliases: ["prev"],
    } as (typeof order.fields)[3];
    expect(fingerprint(parseSchema(edited))).toBe(fingerprint(parseSchema(order)));
    expect(resolvedJson(parseSchema(edited))).not.toBe(resolvedJson(parseSchema(order)));
  });

  it("includes shared named types in full, so editing one is visible in every user", () => {
    const money = (scale: number): NamedSchema =>
      parseSchema({
        type: "record",
        name: "shop.common.Money",
        fields: [
          { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 12, scale } },
        ],
      }) as NamedSchema;
    const user = (m: NamedSchema): string =>
      resolvedJson(
        parseSchema(
          {
            type: "record",
            name: "shop.X",
            fields: [
              { name: "a", type: "shop.common.Money" },
              { name: "b", type: "shop.common.Money" },
            ],
          },
          { namedTypes: new Map([[m.name, m]]) },
        ),
      );
    expect(user(money(2))).toContain('{"name":"b","type":"shop.common.Money"}');
    expect(user(money(2))).not.toBe(user(money(3)));
  });
});
