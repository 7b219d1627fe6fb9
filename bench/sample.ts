import type { AvroSchema } from "../src/avro";

/**
 * A deterministic, valid (plain dialect) payload for any schema, for timing: every field
 * present, unions take their first non-null branch, arrays directly under the top-level record
 * hold `topArrayLength` items (so the body can be sized), deeper arrays and maps two.
 */
export function samplePayload(schema: AvroSchema, topArrayLength: number): unknown {
  let counter = 0;
  const sample = (s: AvroSchema, depth: number, arrayLength: number): unknown => {
    counter++;
    switch (s.kind) {
      case "primitive":
        switch (s.type) {
          case "null":
            return null;
          case "boolean":
            return counter % 2 === 0;
          case "int":
            return s.logicalType?.name === "date" ? 20418 : counter % 1000;
          case "long":
            return 1764115200000 + counter;
          case "float":
          case "double":
            return counter + 0.25;
          case "bytes":
            return "\u0000\u0001\u00e8";
          case "string":
            return s.logicalType?.name === "uuid"
              ? "9b2f6c1e-4c1a-4f57-8d2a-0c7b7e1d2f3a"
              : `value-${counter}`;
        }
        break;
      case "fixed":
        return "x".repeat(s.size);
      case "enum":
        return s.symbols[counter % s.symbols.length];
      case "array": {
        const n = depth > 4 ? 0 : arrayLength;
        return Array.from({ length: n }, () => sample(s.items, depth + 1, 2));
      }
      case "map": {
        const out: Record<string, unknown> = {};
        if (depth <= 4) for (const k of ["alpha", "beta"]) out[k] = sample(s.values, depth + 1, 2);
        return out;
      }
      case "record": {
        const out: Record<string, unknown> = {};
        for (const f of s.fields)
          out[f.name] = sample(f.type, depth + 1, depth === 0 ? topArrayLength : 2);
        return out;
      }
      case "union": {
        const isNull = (b: AvroSchema): boolean => b.kind === "primitive" && b.type === "null";
        const branch = depth > 4 ? s.branches.find(isNull) : s.branches.find((b) => !isNull(b));
        return sample(branch ?? s.branches[0], depth, arrayLength);
      }
    }
    return null;
  };
  return sample(schema, 0, topArrayLength);
}

/** A body of about `bytes` bytes: the top-level arrays' length is scaled to reach it. */
export function sizedBody(schema: AvroSchema, bytes: number): string {
  const one = JSON.stringify(samplePayload(schema, 1)).length;
  const per = JSON.stringify(samplePayload(schema, 2)).length - one;
  const n = per > 0 ? Math.max(1, Math.ceil((bytes - one) / per) + 1) : 1;
  return JSON.stringify(samplePayload(schema, n));
}
