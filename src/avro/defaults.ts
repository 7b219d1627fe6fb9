import { isObject, joinPointer, showValue } from "../common";
import { symbolSet } from "./lookup";
import { branchName, type AvroSchema } from "./model";
import { numberMismatch } from "./numbers";

/** Where inside a default value it stops matching its type, and why. */
export interface DefaultMismatch {
  readonly pointer: string;
  readonly message: string;
}

/** A type as named in messages: `int`, `shop.common.Money`, `array`, `map`. */
function describeType(schema: AvroSchema): string {
  switch (schema.kind) {
    case "primitive":
      return schema.type;
    case "record":
    case "enum":
    case "fixed":
      return `${schema.kind} ${schema.name}`;
    case "array":
      return `array of ${describeType(schema.items)}`;
    case "map":
      return `map of ${describeType(schema.values)}`;
    case "union":
      return `union [${schema.branches.map(branchName).join(", ")}]`;
  }
}

/** True when every code point is at most U+00FF, as bytes and fixed defaults are written. */
function isByteString(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Checks a field default (or a value nested in one) against its type, per the spec's table of
 * default values: a union's default matches its first branch; bytes and fixed are strings of
 * code points ≤ U+00FF; a record default is an object giving every field without a default.
 */
export function checkDefault(
  schema: AvroSchema,
  value: unknown,
  pointer: string,
): DefaultMismatch | undefined {
  const mismatch = (extra = ""): DefaultMismatch => ({
    pointer,
    message: `default ${showValue(value)} does not match type ${describeType(schema)}${extra}.`,
  });
  switch (schema.kind) {
    case "primitive":
      switch (schema.type) {
        case "null":
          return value === null ? undefined : mismatch();
        case "boolean":
          return typeof value === "boolean" ? undefined : mismatch();
        case "int":
        case "long":
        case "float":
        case "double": {
          // The payload validator's rule and reason: a default is a value like any other.
          if (typeof value !== "number") return mismatch();
          const why = numberMismatch(schema.type, value);
          return why === undefined ? undefined : mismatch(why);
        }
        case "string":
          return typeof value === "string" ? undefined : mismatch();
        case "bytes":
          if (typeof value !== "string") return mismatch();
          return isByteString(value) ? undefined : mismatch(" (code points above U+00FF)");
      }
      break;
    case "fixed":
      if (typeof value !== "string") return mismatch();
      if (!isByteString(value)) return mismatch(" (code points above U+00FF)");
      return value.length === schema.size
        ? undefined
        : mismatch(` (${value.length} characters, not ${schema.size})`);
    case "enum":
      if (typeof value !== "string") return mismatch();
      return symbolSet(schema).has(value)
        ? undefined
        : {
            pointer,
            message: `default ${showValue(value)} is not a symbol of enum ${schema.name}.`,
          };
    case "array":
      if (!Array.isArray(value)) return mismatch();
      for (let i = 0; i < value.length; i++) {
        const inner = checkDefault(schema.items, value[i], joinPointer(pointer, i));
        if (inner) return inner;
      }
      return undefined;
    case "map":
      if (!isObject(value)) return mismatch();
      for (const [key, item] of Object.entries(value)) {
        const inner = checkDefault(schema.values, item, joinPointer(pointer, key));
        if (inner) return inner;
      }
      return undefined;
    case "record":
      if (!isObject(value)) return mismatch();
      for (const field of schema.fields) {
        if (Object.prototype.hasOwnProperty.call(value, field.name)) {
          const inner = checkDefault(
            field.type,
            value[field.name],
            joinPointer(pointer, field.name),
          );
          if (inner) return inner;
        } else if (!field.hasDefault) {
          return mismatch(` (field "${field.name}" is missing and has no default)`);
        }
      }
      return undefined;
    case "union": {
      const first = schema.branches[0];
      if (first === undefined) return mismatch(" (an empty union has no values)");
      const inner = checkDefault(first, value, pointer);
      if (!inner) return undefined;
      return inner.pointer === pointer && inner.message.includes(" does not match type ")
        ? {
            pointer,
            message: `default ${showValue(value)} does not match type ${describeType(first)}, the first branch of the union.`,
          }
        : inner;
    }
  }
  return undefined;
}
