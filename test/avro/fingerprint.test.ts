import {
  crc64Avro,
  fingerprint,
  fingerprintSigned64,
  parseSchema,
  parseSchemaText,
} from "../../src/avro";

/** Facts from the Avro project's vectors (schema-tests.txt): input → CRC-64-AVRO as signed 64-bit. */
const officialVectors: Array<[string, string]> = [
  ['"null"', "7195948357588979594"],
  ['"boolean"', "-6970731678124411036"],
  ['"int"', "8247732601305521295"],
  ['"long"', "-3434872931120570953"],
  ['"float"', "5583340709985441680"],
  ['"double"', "-8181574048448539266"],
  ['"bytes"', "5746618253357095269"],
  ['"string"', "-8142146995180207161"],
  ["[  ]", "-1241056759729112623"],
  ['[ "int"  ]', "-5232228896498058493"],
  ['[ "int" , {"type":"boolean"} ]', "5392556393470105090"],
  ['{"fields":[], "type":"record", "name":"foo"}', "-4824392279771201922"],
  ['{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}', "5916914534497305771"],
  ['{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}', "-4616218487480524110"],
  [
    '{"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]}',
    "-4824392279771201922",
  ],
  [
    '{"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"}',
    "7843277075252814651",
  ],
  [
    '{ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true}, {"order":"descending","name":"f2","doc":"Hello","type":"int"}], "type":"record", "name":"foo"}',
    "-4860222112080293046",
  ],
  ['{"type":"enum", "name":"foo", "symbols":["A1"]}', "-6342190197741309591"],
  [
    '{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}',
    "-4448647247586288245",
  ],
  ['{"name":"foo","type":"fixed","size":15}', "1756455273707447556"],
  [
    '{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}',
    "-3064184465700546786",
  ],
  ['{ "items":{"type":"null"}, "type":"array"}', "-589620603366471059"],
  ['{ "values":"string", "type":"map"}', "-8732877298790414990"],
  [
    '{"name":"PigValue","type":"record","fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}',
    "-1759257747318642341",
  ],
];

describe("fingerprint", () => {
  it.each(officialVectors)("CRC-64-AVRO of %s is %s (official vector)", (input, signed) => {
    expect(fingerprintSigned64(parseSchemaText(input))).toBe(signed);
  });

  it("prints crc64 as the 8 bytes in little-endian order", () => {
    expect(fingerprint(parseSchema("int"))).toBe("8f5c393f1ad57572");
    expect(fingerprint(parseSchema("int"), "crc64")).toBe("8f5c393f1ad57572");
    // -4824392279771201922 is 0xbd0c50c84319be7e: its bytes from the least significant.
    expect(fingerprint(parseSchema({ type: "record", name: "foo", fields: [] }))).toBe(
      "7ebe1943c8500cbd",
    );
    expect(
      fingerprint(
        parseSchemaText(
          '{"name":"PigValue","type":"record","fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}',
        ),
      ),
    ).toBe("5be9b75666dc95e7");
  });

  it("hashes the canonical form with SHA-256 and MD5", () => {
    expect(fingerprint(parseSchema({ type: "int" }), "sha256")).toBe(
      "3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45",
    );
    expect(fingerprint(parseSchema("int"), "md5")).toBe("ef524ea1b91e73173d938ade36c1db32");
    expect(
      fingerprint(
        parseSchema({ type: "record", name: "foo", doc: "stripped", fields: [] }),
        "sha256",
      ),
    ).toBe("ac35c07ecd88fe52d0a310135a01329b012c45ade36dd8b4880effb55b7f725c");
  });

  it("computes CRC-64-AVRO of raw bytes; the empty input gives the spec's EMPTY constant", () => {
    expect(crc64Avro(new Uint8Array())).toBe(0xc15d213aa4d7a795n);
  });
});
