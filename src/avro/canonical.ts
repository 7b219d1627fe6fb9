import type { AvroSchema } from "./model";

/**
 * The schema's Parsing Canonical Form, per the specification: primitives as bare names
 * [PRIMITIVES], full names [FULLNAMES], only the attributes that matter for parsing [STRIP],
 * in the order name, type, fields, symbols, items, values, size [ORDER], no escapes beyond
 * JSON's own [STRINGS], plain integers [INTEGERS], no whitespace [WHITESPACE]. A named type
 * is written in full at its first occurrence, by full name afterwards.
 */
export function canonicalForm(schema: AvroSchema): string {
  const written = new Set<string>();
  const write = (s: AvroSchema): string => {
    switch (s.kind) {
      case "primitive":
        return JSON.stringify(s.type);
      case "array":
        return `{"type":"array","items":${write(s.items)}}`;
      case "map":
        return `{"type":"map","values":${write(s.values)}}`;
      case "union":
        return `[${s.branches.map(write).join(",")}]`;
      case "record":
      case "enum":
      case "fixed": {
        const name = JSON.stringify(s.name);
        if (written.has(s.name)) return name;
        written.add(s.name);
        if (s.kind === "fixed") return `{"name":${name},"type":"fixed","size":${s.size}}`;
        if (s.kind === "enum") {
          return `{"name":${name},"type":"enum","symbols":${JSON.stringify(s.symbols)}}`;
        }
        const fields = s.fields.map(
          (f) => `{"name":${JSON.stringify(f.name)},"type":${write(f.type)}}`,
        );
        return `{"name":${name},"type":${JSON.stringify(s.recordType)},"fields":[${fields.join(",")}]}`;
      }
    }
  };
  return write(schema);
}
