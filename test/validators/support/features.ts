import type { AvroSchema, NamedSchema } from "../../../src/avro";
import { isNamed } from "../../../src/avro";

/**
 * What a schema exercises, for the sanity test that proves the generator still covers every
 * type: `primitive:int`, `logical:date`, `enum`, `fixed`, `array`, `map`, `nested-record`,
 * `union-with-null`, `union-without-null`, `recursion`, `named-reuse`, `default`,
 * `field-named-__proto__`.
 */
export function schemaFeatures(root: AvroSchema): Set<string> {
  const features = new Set<string>();
  const uses = new Map<NamedSchema, number>();
  const onPath = new Set<NamedSchema>();
  const walk = (schema: AvroSchema): void => {
    if (isNamed(schema)) {
      const count = (uses.get(schema) ?? 0) + 1;
      uses.set(schema, count);
      if (onPath.has(schema)) features.add("recursion");
      if (count > 1) {
        features.add("named-reuse");
        return;
      }
    }
    switch (schema.kind) {
      case "primitive":
        features.add(`primitive:${schema.type}`);
        if (schema.logicalType) features.add(`logical:${schema.logicalType.name}`);
        return;
      case "enum":
        features.add("enum");
        return;
      case "fixed":
        features.add("fixed");
        if (schema.logicalType) features.add(`logical:${schema.logicalType.name}`);
        return;
      case "array":
        features.add("array");
        return walk(schema.items);
      case "map":
        features.add("map");
        return walk(schema.values);
      case "union":
        features.add(
          schema.branches.some((b) => b.kind === "primitive" && b.type === "null")
            ? "union-with-null"
            : "union-without-null",
        );
        return schema.branches.forEach(walk);
      case "record":
        if (schema !== root) features.add("nested-record");
        onPath.add(schema);
        for (const field of schema.fields) {
          if (field.hasDefault) features.add("default");
          if (field.name === "__proto__") features.add("field-named-__proto__");
          walk(field.type);
        }
        onPath.delete(schema);
        return;
    }
  };
  walk(root);
  return features;
}
