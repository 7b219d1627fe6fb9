import { canonicalForm, parseSchema, parseSchemaText } from "../../src/avro";

/** Facts from the Avro project's Parsing Canonical Form vectors (schema-tests.txt), as input → form. */
const officialVectors: Array<[string, string]> = [
  ['"null"', '"null"'],
  ['{"type":"null"}', '"null"'],
  ['{"type":"boolean"}', '"boolean"'],
  ['"int"', '"int"'],
  ['{"type":"long"}', '"long"'],
  ['{"type":"float"}', '"float"'],
  ['"double"', '"double"'],
  ['{"type":"bytes"}', '"bytes"'],
  ['{"type":"string"}', '"string"'],
  ["[  ]", "[]"],
  ['[ "int"  ]', '["int"]'],
  ['[ "int" , {"type":"boolean"} ]', '["int","boolean"]'],
  ['{"fields":[], "type":"record", "name":"foo"}', '{"name":"foo","type":"record","fields":[]}'],
  [
    '{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}',
    '{"name":"x.y.foo","type":"record","fields":[]}',
  ],
  [
    '{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}',
    '{"name":"a.b.foo","type":"record","fields":[]}',
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "doc":"Useful info"}',
    '{"name":"foo","type":"record","fields":[]}',
  ],
  [
    '{"fields":[], "type":"record", "name":"foo", "aliases":["foo","bar"]}',
    '{"name":"foo","type":"record","fields":[]}',
  ],
  [
    '{"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"}',
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}',
  ],
  [
    '{ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},\n {"order":"descending","name":"f2","doc":"Hello","type":"int"}],\n "type":"record", "name":"foo"\n}',
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}',
  ],
  [
    '{"type":"enum", "name":"foo", "symbols":["A1"]}',
    '{"name":"foo","type":"enum","symbols":["A1"]}',
  ],
  [
    '{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}',
    '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}',
  ],
  ['{"name":"foo","type":"fixed","size":15}', '{"name":"foo","type":"fixed","size":15}'],
  [
    '{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}',
    '{"name":"x.y.z.foo","type":"fixed","size":32}',
  ],
  ['{ "items":{"type":"null"}, "type":"array"}', '{"type":"array","items":"null"}'],
  ['{ "values":"string", "type":"map"}', '{"type":"map","values":"string"}'],
  [
    '{"name":"PigValue","type":"record",\n "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}',
    '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
  ],
];

describe("canonicalForm", () => {
  it.each(officialVectors)("%s → %s (official vector)", (input, form) => {
    expect(canonicalForm(parseSchemaText(input))).toBe(form);
  });

  it("writes a nested named type in full once, by full name afterwards, with inherited namespaces", () => {
    const schema = parseSchema({
      type: "record",
      name: "Order",
      namespace: "shop.orders",
      doc: "stripped",
      fields: [
        {
          name: "total",
          type: {
            type: "record",
            name: "Money",
            namespace: "shop.common",
            fields: [{ name: "units", type: "long" }],
          },
        },
        { name: "refund", type: ["null", "shop.common.Money"], default: null },
        {
          name: "status",
          type: { type: "enum", name: "Status", symbols: ["NEW", "DONE"], default: "NEW" },
        },
        { name: "history", type: { type: "array", items: "Status" } },
      ],
    });
    expect(canonicalForm(schema)).toBe(
      '{"name":"shop.orders.Order","type":"record","fields":[' +
        '{"name":"total","type":{"name":"shop.common.Money","type":"record","fields":[{"name":"units","type":"long"}]}},' +
        '{"name":"refund","type":["null","shop.common.Money"]},' +
        '{"name":"status","type":{"name":"shop.orders.Status","type":"enum","symbols":["NEW","DONE"]}},' +
        '{"name":"history","type":{"type":"array","items":"shop.orders.Status"}}]}',
    );
  });

  it("strips logical types, enum defaults and other attributes", () => {
    expect(canonicalForm(parseSchema({ type: "long", logicalType: "timestamp-millis" }))).toBe(
      '"long"',
    );
    expect(
      canonicalForm(
        parseSchema({
          type: "fixed",
          name: "D",
          size: 8,
          logicalType: "decimal",
          precision: 10,
          scale: 2,
          custom: 1,
        }),
      ),
    ).toBe('{"name":"D","type":"fixed","size":8}');
  });

  it("normalises integers", () => {
    expect(canonicalForm(parseSchemaText('{"type":"fixed","name":"F","size":1.6e1}'))).toBe(
      '{"name":"F","type":"fixed","size":16}',
    );
  });

  it("keeps the error record type and writes strings without escapes", () => {
    expect(canonicalForm(parseSchema({ type: "error", name: "E", fields: [] }))).toBe(
      '{"name":"E","type":"error","fields":[]}',
    );
    expect(
      canonicalForm(parseSchemaText('{"type":"enum","name":"\\u0045","symbols":["\\u0041"]}')),
    ).toBe('{"name":"E","type":"enum","symbols":["A"]}');
  });
});
