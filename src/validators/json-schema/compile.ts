import type {
  AvroSchema,
  NamedSchema,
  PrimitiveSchema,
  RecordSchema,
  UnionSchema,
} from "../../avro";
import { branchName } from "../../avro";
import type { ValidationOptions } from "../options";
import { resolveOptions } from "../options";
import { FLOAT_MAX, INT32_MAX, INT32_MIN, INT64_LIMIT, INT64_MIN } from "../ranges";
import { DRAFT_04, type JsonSchemaDocument, type JsonSchemaNode } from "./document";

/**
 * Code points U+0000–U+00FF only: how bytes and fixed travel in JSON. Written with `\x` escapes,
 * which both ECMAScript (`u` flag) and PCRE in UTF mode read as code points; `\u` escapes would
 * not compile in PCRE. A validator that matches patterns byte by byte on UTF-8 (PCRE without UTF
 * mode) would let code points above U+00FF through: it is then more lenient, never stricter.
 */
const LATIN1_PATTERN = "^[\\x00-\\xff]*$";

/**
 * Compiles an Avro schema to a JSON Schema draft-04 document (for Kong Enterprise's
 * `request-validator`) that accepts exactly the payloads `validatePayload` accepts, with one
 * written-down exception: the JSON Schema cannot limit nesting depth, so a payload nested deeper
 * than MAX_NESTING_DEPTH passes it; Kong's JSON decoder refuses such a body before any validator.
 *
 * Named types become `definitions` keyed by full name and are referred to by `$ref`, so each is
 * emitted once and recursive types need nothing special. `long` bounds are doubles, as ajv and
 * Lua compare them: `maximum` 2^63, exclusive.
 */
export function compileJsonSchema(
  schema: AvroSchema,
  options?: ValidationOptions,
): JsonSchemaDocument {
  const compiler = new Compiler(resolveOptions(options));
  const root = compiler.node(schema);
  const definitions = compiler.definitions;
  return {
    $schema: DRAFT_04,
    ...root,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
  };
}

/** Sets an own property even for keys such as `__proto__`, which plain assignment would swallow. */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

class Compiler {
  readonly definitions: Record<string, JsonSchemaNode> = {};
  private readonly started = new Set<string>();

  constructor(private readonly options: Required<ValidationOptions>) {}

  node(schema: AvroSchema): JsonSchemaNode {
    switch (schema.kind) {
      case "primitive":
        return primitive(schema);
      case "record":
      case "enum":
      case "fixed":
        return this.reference(schema);
      case "array":
        return { type: "array", items: this.node(schema.items) };
      case "map":
        return { type: "object", additionalProperties: this.node(schema.values) };
      case "union":
        return this.union(schema);
    }
  }

  /** Emits a named type's definition on first use (before its body, so recursion stops). */
  private reference(schema: NamedSchema): JsonSchemaNode {
    if (!this.started.has(schema.name)) {
      this.started.add(schema.name);
      setOwn(this.definitions, schema.name, {}); // reserves the slot: definitions in first-use order
      setOwn(this.definitions, schema.name, this.named(schema));
    }
    return { $ref: `#/definitions/${schema.name}` };
  }

  private named(schema: NamedSchema): JsonSchemaNode {
    switch (schema.kind) {
      case "enum":
        return { type: "string", enum: [...schema.symbols] };
      case "fixed":
        return {
          type: "string",
          pattern: LATIN1_PATTERN,
          minLength: schema.size,
          maxLength: schema.size,
        };
      case "record":
        return this.record(schema);
    }
  }

  private record(schema: RecordSchema): JsonSchemaNode {
    const properties: Record<string, JsonSchemaNode> = {};
    const required: string[] = [];
    const everyField = this.options.dialect === "avro-json";
    for (const field of schema.fields) {
      setOwn(properties, field.name, this.node(field.type));
      if (everyField || !field.hasDefault) required.push(field.name);
    }
    return {
      type: "object",
      properties,
      // Draft-04 requires a non-empty `required` array when present.
      ...(required.length > 0 ? { required } : {}),
      ...(this.options.allowUnknownFields ? {} : { additionalProperties: false }),
    };
  }

  private union(schema: UnionSchema): JsonSchemaNode {
    if (this.options.dialect === "plain")
      return { anyOf: schema.branches.map((b) => this.node(b)) };
    // Avro JSON encoding: null is bare, every other branch is {"<branch name>": value}.
    return {
      anyOf: schema.branches.map((branch): JsonSchemaNode => {
        if (branch.kind === "primitive" && branch.type === "null") return { type: "null" };
        const name = branchName(branch);
        const properties: Record<string, JsonSchemaNode> = {};
        setOwn(properties, name, this.node(branch));
        return { type: "object", properties, required: [name], additionalProperties: false };
      }),
    };
  }
}

function primitive(schema: PrimitiveSchema): JsonSchemaNode {
  switch (schema.type) {
    case "null":
    case "boolean":
    case "string":
      return { type: schema.type };
    case "int":
      return { type: "integer", minimum: INT32_MIN, maximum: INT32_MAX };
    case "long":
      return { type: "integer", minimum: INT64_MIN, maximum: INT64_LIMIT, exclusiveMaximum: true };
    case "float":
      return { type: "number", minimum: -FLOAT_MAX, maximum: FLOAT_MAX };
    case "double":
      return { type: "number" };
    case "bytes":
      return { type: "string", pattern: LATIN1_PATTERN };
  }
}

/**
 * The document as JSON text, indented by two spaces. ±2^63 (the `long` bounds) are written as
 * the exact integers 9223372036854775808 rather than JavaScript's shortest form
 * 9223372036854776000: the same double, but the one a reader recognises.
 */
export function formatJsonSchema(document: JsonSchemaDocument): string {
  return JSON.stringify(document, null, 2).replace(
    /(?<=[:[,\s])(-?)9223372036854776000(?=[,\s\]}]|$)/g,
    "$19223372036854775808",
  );
}
