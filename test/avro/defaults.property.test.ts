import fc from "fast-check";
import { parseSchema, type AvroSchema, type RecordSchema } from "../../src/avro";
import { validatePayload } from "../../src/validators";
import { propertyRuns } from "../support/properties";
import {
  Rng,
  generateSchema,
  mutatePayload,
  schemaToJson,
  validPayload,
} from "../validators/support";

/**
 * A field default is accepted exactly when it is a valid value of its type, under the rules of
 * the payload validator: the spec reads a default as JSON whose unions take their first branch
 * (unwrapped), with a record's fields that have defaults optional and extra keys ignored. So a
 * default is valid iff the reference validator accepts it, in the plain dialect with unknown
 * fields allowed, for the type with every union replaced by its first branch.
 */

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The type as defaults read it: every union replaced by its first branch. */
function firstBranches(schema: AvroSchema, done = new Map<AvroSchema, AvroSchema>()): AvroSchema {
  const known = done.get(schema);
  if (known) return known;
  switch (schema.kind) {
    case "primitive":
    case "enum":
    case "fixed":
      return schema;
    case "array":
      return { kind: "array", items: firstBranches(schema.items, done) };
    case "map":
      return { kind: "map", values: firstBranches(schema.values, done) };
    case "union":
      return firstBranches(schema.branches[0], done);
    case "record": {
      // Records can be recursive: register the copy before its fields.
      const copy: Mutable<RecordSchema> = { ...schema, fields: [] };
      done.set(schema, copy);
      copy.fields = schema.fields.map((f) => ({ ...f, type: firstBranches(f.type, done) }));
      return copy;
    }
  }
}

/** How the generated record is used as the field's type. */
const WRAPPINGS = [
  "record",
  "array",
  "map",
  "union-first",
  "union-second",
  "long",
  "int",
  "float",
  "bytes",
] as const;
type Wrapping = (typeof WRAPPINGS)[number];

function fieldType(record: unknown, wrapping: Wrapping): unknown {
  switch (wrapping) {
    case "record":
      return record;
    case "array":
      return { type: "array", items: record };
    case "map":
      return { type: "map", values: record };
    case "union-first":
      return [record, "null"];
    case "union-second":
      return ["null", record];
    default:
      return wrapping;
  }
}

function holder(type: unknown, withDefault?: { value: unknown }): unknown {
  const field = { name: "f", type, ...(withDefault ? { default: withDefault.value } : {}) };
  // Through JSON text, as a schema file would give it (keys such as __proto__ stay own keys).
  return JSON.parse(JSON.stringify({ type: "record", name: "zz.Holder", fields: [field] }));
}

/** Undefined when the parser accepts the default, else its message. */
function refusal(type: unknown, value: unknown): string | undefined {
  try {
    parseSchema(holder(type, { value }));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const DEFAULTS_READ = { dialect: "plain", allowUnknownFields: true } as const;

/** A valid value, unless the type has none: read as its first branch, `["R", "null"]` inside R is endless. */
function finiteValue(type: AvroSchema, rng: Rng): unknown {
  try {
    return validPayload(type, rng, DEFAULTS_READ);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

describe("field defaults (properties)", () => {
  it("are accepted exactly when the payload validator accepts them as values of their type", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.constantFrom(...WRAPPINGS),
        fc.constantFrom("valid", "mutated", "any"),
        fc.jsonValue({ maxDepth: 3 }),
        (seed, wrapping, source, any) => {
          const rng = new Rng(seed);
          const type = fieldType(schemaToJson(generateSchema(rng)), wrapping);
          const field = (parseSchema(holder(type)) as RecordSchema).fields[0].type;
          const asRead = firstBranches(field);
          const valid = finiteValue(asRead, rng) ?? any;
          const value =
            source === "valid"
              ? valid
              : source === "mutated"
                ? (mutatePayload(asRead, valid, rng, {
                    ...DEFAULTS_READ,
                    allowUnknownFields: false,
                  })?.payload ?? any)
                : any;
          const errors = validatePayload(asRead, JSON.parse(JSON.stringify(value)), DEFAULTS_READ);
          const refused = refusal(type, value);
          const agree = (refused === undefined) === (errors.length === 0);
          expect(
            agree
              ? "agree"
              : `default ${JSON.stringify(value)}: the parser ${refused ?? "accepts it"}; the validator ${errors.length === 0 ? "accepts it" : `${errors[0].path}: ${errors[0].message}`}`,
          ).toBe("agree");
        },
      ),
      propertyRuns(400),
    );
  });
});
