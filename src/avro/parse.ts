import { isObject, joinPointer, showValue } from "../common";
import { checkDefault } from "./defaults";
import { parseJsonText } from "./json-text";
import { parseLogicalType } from "./logical";
import {
  branchName,
  simpleName,
  type AvroSchema,
  type EnumSchema,
  type FixedSchema,
  type NamedSchema,
  type RecordField,
  type RecordSchema,
  type UnionSchema,
} from "./model";
import {
  isPrimitiveType,
  isValidFullName,
  isValidNamespace,
  isValidSimpleName,
  namespaceOf,
  qualify,
} from "./names";
import { problemError, type SchemaProblem } from "./problems";

export interface ParseOptions {
  /** Named in every problem; repository-relative in the registry. */
  readonly file?: string;
  /** Named types defined in other files, by full name (shared types). */
  readonly namedTypes?: ReadonlyMap<string, NamedSchema>;
  /** Asked for a full name found neither in the file nor in `namedTypes` (loads on demand). */
  readonly resolve?: (fullName: string) => NamedSchema | undefined;
  /**
   * Where a full name is defined outside this file (a shared type's file), or undefined; this
   * file may then refer to that type but not define it again.
   */
  readonly definedElsewhere?: (fullName: string) => string | undefined;
}

export interface LintResult {
  /** The schema, when there are no problems. */
  readonly schema?: AvroSchema;
  readonly problems: readonly SchemaProblem[];
}

type Json = Readonly<Record<string, unknown>>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const COMPLEX_NEEDS: Readonly<Record<string, string>> = {
  record: "fields",
  error: "fields",
  enum: "symbols",
  fixed: "size",
  array: "items",
  map: "values",
};

/**
 * Parses one schema document. Named types are registered before their fields are read, so a
 * recursive reference yields the same object (a cyclic graph). In fail-fast mode the first
 * problem throws; otherwise every problem is collected and parsing carries on around it.
 */
class SchemaParser {
  readonly problems: SchemaProblem[] = [];
  private readonly known = new Map<string, NamedSchema>();
  private readonly deferred: Array<() => void> = [];

  constructor(
    private readonly options: ParseOptions,
    private readonly failFast: boolean,
  ) {}

  run(json: unknown): AvroSchema | undefined {
    const schema = this.parse(json, "", "");
    // Defaults are checked once every type is complete (a record default may use later fields).
    for (const check of this.deferred) check();
    return schema;
  }

  private report(pointer: string, message: string): void {
    const problem: SchemaProblem = { file: this.options.file, pointer, message };
    if (this.failFast) throw problemError(problem);
    this.problems.push(problem);
  }

  private parse(json: unknown, pointer: string, namespace: string): AvroSchema | undefined {
    if (typeof json === "string") return this.parseName(json, pointer, namespace);
    if (Array.isArray(json)) return this.parseUnion(json, pointer, namespace);
    if (isObject(json)) return this.parseObject(json, pointer, namespace);
    this.report(
      pointer,
      `expected a type name, a schema object or a union array, not ${showValue(json)}.`,
    );
    return undefined;
  }

  private parseName(name: string, pointer: string, namespace: string): AvroSchema | undefined {
    if (isPrimitiveType(name)) return { kind: "primitive", type: name };
    const needs = COMPLEX_NEEDS[name];
    if (needs !== undefined) {
      this.report(pointer, `type "${name}" must be written as an object with "${needs}".`);
      return undefined;
    }
    if (!isValidFullName(name)) {
      this.report(pointer, `invalid type name "${name}".`);
      return undefined;
    }
    const full = qualify(name, namespace);
    const found =
      this.lookup(full, pointer) ?? (full !== name ? this.lookup(name, pointer) : undefined); // as Java: fall back to no namespace
    if (found === undefined) this.report(pointer, `unknown type "${full}".`);
    return found;
  }

  private lookup(fullName: string, pointer: string): NamedSchema | undefined {
    const local = this.known.get(fullName);
    if (local !== undefined) return local;
    const external =
      this.options.namedTypes?.get(fullName) ?? this.options.resolve?.(fullName) ?? undefined;
    if (external !== undefined) this.adopt(external, pointer);
    return external;
  }

  /**
   * Makes an external type and every named type inside it known, so none is redefined here.
   * Iterative: an external type may nest as deep as its own shared types make it.
   */
  private adopt(root: NamedSchema, pointer: string): void {
    const open: AvroSchema[] = [root];
    for (let schema = open.pop(); schema !== undefined; schema = open.pop()) {
      if (schema.kind === "array") open.push(schema.items);
      else if (schema.kind === "map") open.push(schema.values);
      else if (schema.kind === "union") pushReversed(open, schema.branches);
      else if (schema.kind !== "primitive") {
        const existing = this.known.get(schema.name);
        if (existing === schema) continue;
        if (existing !== undefined) {
          this.report(
            pointer,
            `type "${root.name}" brings its own "${schema.name}", which this file defines again.`,
          );
          continue;
        }
        this.known.set(schema.name, schema);
        if (schema.kind === "record")
          pushReversed(
            open,
            schema.fields.map((f) => f.type),
          );
      }
    }
  }

  private parseObject(json: Json, pointer: string, namespace: string): AvroSchema | undefined {
    const type = json.type;
    if (type === undefined) {
      this.report(pointer, `missing "type".`);
      return undefined;
    }
    if (typeof type !== "string") {
      this.report(
        joinPointer(pointer, "type"),
        `"type" must be a string naming the type, not ${showValue(type)}.`,
      );
      return undefined;
    }
    if (isPrimitiveType(type)) {
      const report = (p: string, m: string): void => this.report(p, m);
      const logicalType = parseLogicalType(json, { primitive: type }, pointer, report);
      return logicalType ? { kind: "primitive", type, logicalType } : { kind: "primitive", type };
    }
    switch (type) {
      case "record":
      case "error":
        return this.parseRecord(json, type, pointer, namespace);
      case "enum":
        return this.parseEnum(json, pointer, namespace);
      case "fixed":
        return this.parseFixed(json, pointer, namespace);
      case "array": {
        if (!("items" in json)) {
          this.report(pointer, `missing "items".`);
          return undefined;
        }
        const items = this.parse(json.items, joinPointer(pointer, "items"), namespace);
        return items && { kind: "array", items };
      }
      case "map": {
        if (!("values" in json)) {
          this.report(pointer, `missing "values".`);
          return undefined;
        }
        const values = this.parse(json.values, joinPointer(pointer, "values"), namespace);
        return values && { kind: "map", values };
      }
      default:
        return this.parseName(type, joinPointer(pointer, "type"), namespace);
    }
  }

  /** Name, namespace, aliases and doc of a record, enum or fixed; undefined without a usable name. */
  private parseNamedBase(
    json: Json,
    kind: string,
    pointer: string,
    enclosing: string,
  ): { name: string; namespace: string; aliases: readonly string[]; doc?: string } | undefined {
    const name = json.name;
    let ok = true;
    if (name === undefined) {
      this.report(pointer, `missing "name" of the ${kind}.`);
      ok = false;
    } else if (typeof name !== "string") {
      this.report(joinPointer(pointer, "name"), `"name" must be a string, not ${showValue(name)}.`);
      ok = false;
    }
    let written = enclosing;
    if (json.namespace !== undefined) {
      if (typeof json.namespace !== "string") {
        this.report(
          joinPointer(pointer, "namespace"),
          `"namespace" must be a string, not ${showValue(json.namespace)}.`,
        );
      } else if (typeof name === "string" && !name.includes(".")) {
        if (isValidNamespace(json.namespace)) written = json.namespace;
        else
          this.report(joinPointer(pointer, "namespace"), `invalid namespace "${json.namespace}".`);
      }
    }
    const doc = this.optionalString(json, "doc", pointer);
    if (!ok || typeof name !== "string") return undefined;
    const fullName = qualify(name, written);
    if (!(name.includes(".") ? isValidFullName(name) : isValidSimpleName(name))) {
      this.report(
        joinPointer(pointer, "name"),
        `invalid name "${name}"; each part of a name must match [A-Za-z_][A-Za-z0-9_]*.`,
      );
    } else if (isPrimitiveType(simpleName(fullName))) {
      this.report(
        joinPointer(pointer, "name"),
        `"${simpleName(fullName)}" is a primitive type and cannot name a ${kind}.`,
      );
    } else if (this.known.has(fullName) || this.options.namedTypes?.has(fullName)) {
      this.report(joinPointer(pointer, "name"), `type "${fullName}" is already defined.`);
    } else {
      const elsewhere = this.options.definedElsewhere?.(fullName);
      if (elsewhere !== undefined) {
        this.report(
          joinPointer(pointer, "name"),
          `type "${fullName}" is already defined in ${elsewhere}; refer to it by name.`,
        );
      }
    }
    const ns = namespaceOf(fullName);
    const aliases = this.parseAliases(
      json,
      pointer,
      (alias) => qualify(alias, ns),
      isValidFullName,
    );
    return { name: fullName, namespace: ns, aliases, ...(doc !== undefined ? { doc } : {}) };
  }

  private optionalString(json: Json, key: string, pointer: string): string | undefined {
    const value = json[key];
    if (value === undefined || typeof value === "string") return value;
    this.report(joinPointer(pointer, key), `"${key}" must be a string, not ${showValue(value)}.`);
    return undefined;
  }

  private parseAliases(
    json: Json,
    pointer: string,
    full: (alias: string) => string,
    valid: (alias: string) => boolean,
  ): string[] {
    const aliases = json.aliases;
    if (aliases === undefined) return [];
    const at = joinPointer(pointer, "aliases");
    if (!Array.isArray(aliases)) {
      this.report(at, `"aliases" must be an array of names, not ${showValue(aliases)}.`);
      return [];
    }
    const result: string[] = [];
    aliases.forEach((alias: unknown, i) => {
      if (typeof alias !== "string" || !valid(alias)) {
        this.report(joinPointer(at, i), `invalid alias ${showValue(alias)}.`);
      } else {
        result.push(full(alias));
      }
    });
    return result;
  }

  private register(schema: NamedSchema, defined: boolean): void {
    if (defined && !this.known.has(schema.name)) this.known.set(schema.name, schema);
  }

  private parseRecord(
    json: Json,
    recordType: "record" | "error",
    pointer: string,
    enclosing: string,
  ): RecordSchema {
    const base = this.parseNamedBase(json, recordType, pointer, enclosing);
    const fields: RecordField[] = [];
    const record: Mutable<RecordSchema> = {
      kind: "record",
      name: base?.name ?? "",
      namespace: base?.namespace ?? enclosing,
      aliases: base?.aliases ?? [],
      ...(base?.doc !== undefined ? { doc: base.doc } : {}),
      recordType,
      fields,
    };
    this.register(record, base !== undefined); // before the fields: they may refer to it
    if (json.fields === undefined) {
      this.report(pointer, `missing "fields" of the ${recordType}.`);
      return record;
    }
    const at = joinPointer(pointer, "fields");
    if (!Array.isArray(json.fields)) {
      this.report(at, `"fields" must be an array, not ${showValue(json.fields)}.`);
      return record;
    }
    const seen = new Set<string>();
    json.fields.forEach((field: unknown, i) => {
      const parsed = this.parseField(field, joinPointer(at, i), record.namespace, seen);
      if (parsed) fields.push(parsed);
    });
    return record;
  }

  private parseField(
    json: unknown,
    pointer: string,
    namespace: string,
    seen: Set<string>,
  ): RecordField | undefined {
    if (!isObject(json)) {
      this.report(pointer, `a field must be an object, not ${showValue(json)}.`);
      return undefined;
    }
    const name = json.name;
    if (name === undefined) this.report(pointer, `missing "name" of the field.`);
    else if (typeof name !== "string" || !isValidSimpleName(name)) {
      this.report(joinPointer(pointer, "name"), `invalid field name ${showValue(name)}.`);
    } else if (seen.has(name)) {
      this.report(joinPointer(pointer, "name"), `duplicate field name "${name}".`);
    } else {
      seen.add(name);
    }
    const doc = this.optionalString(json, "doc", pointer);
    const aliases = this.parseAliases(json, pointer, (a) => a, isValidSimpleName);
    const order = json.order;
    if (
      order !== undefined &&
      order !== "ascending" &&
      order !== "descending" &&
      order !== "ignore"
    ) {
      this.report(
        joinPointer(pointer, "order"),
        `"order" must be "ascending", "descending" or "ignore", not ${showValue(order)}.`,
      );
    }
    if (!("type" in json)) {
      this.report(pointer, `missing "type" of the field.`);
      return undefined;
    }
    const type = this.parse(json.type, joinPointer(pointer, "type"), namespace);
    if (type === undefined || typeof name !== "string") return undefined;
    const hasDefault = "default" in json;
    if (hasDefault) {
      this.deferred.push(() => {
        const mismatch = checkDefault(type, json.default, joinPointer(pointer, "default"));
        if (mismatch) this.report(mismatch.pointer, mismatch.message);
      });
    }
    return {
      name,
      type,
      hasDefault,
      ...(hasDefault ? { default: json.default } : {}),
      aliases,
      ...(order === "ascending" || order === "descending" || order === "ignore" ? { order } : {}),
      ...(doc !== undefined ? { doc } : {}),
    };
  }

  private parseEnum(json: Json, pointer: string, enclosing: string): EnumSchema | undefined {
    const base = this.parseNamedBase(json, "enum", pointer, enclosing);
    const symbols: string[] = [];
    const seen = new Set<string>();
    const at = joinPointer(pointer, "symbols");
    if (json.symbols === undefined) this.report(pointer, `missing "symbols" of the enum.`);
    else if (!Array.isArray(json.symbols)) {
      this.report(at, `"symbols" must be an array, not ${showValue(json.symbols)}.`);
    } else {
      json.symbols.forEach((symbol: unknown, i) => {
        if (typeof symbol !== "string" || !isValidSimpleName(symbol)) {
          this.report(joinPointer(at, i), `invalid enum symbol ${showValue(symbol)}.`);
        } else if (seen.has(symbol)) {
          this.report(joinPointer(at, i), `duplicate enum symbol "${symbol}".`);
        } else {
          seen.add(symbol);
          symbols.push(symbol);
        }
      });
    }
    let defaultSymbol: string | undefined;
    if (json.default !== undefined) {
      if (typeof json.default === "string" && seen.has(json.default)) {
        defaultSymbol = json.default;
      } else {
        this.report(
          joinPointer(pointer, "default"),
          `enum default ${showValue(json.default)} is not one of its symbols.`,
        );
      }
    }
    if (base === undefined) return undefined;
    const schema: EnumSchema = {
      kind: "enum",
      ...base,
      symbols,
      ...(defaultSymbol !== undefined ? { default: defaultSymbol } : {}),
    };
    this.register(schema, true);
    return schema;
  }

  private parseFixed(json: Json, pointer: string, enclosing: string): FixedSchema | undefined {
    const base = this.parseNamedBase(json, "fixed", pointer, enclosing);
    const size = json.size;
    let validSize = false;
    if (size === undefined) this.report(pointer, `missing "size" of the fixed.`);
    else if (typeof size !== "number" || !Number.isInteger(size) || size < 0) {
      this.report(
        joinPointer(pointer, "size"),
        `fixed size must be a non-negative integer, not ${showValue(size)}.`,
      );
    } else {
      validSize = true;
    }
    if (base === undefined || !validSize) return undefined;
    const fixedSize = size as number;
    const report = (p: string, m: string): void => this.report(p, m);
    const logicalType = parseLogicalType(json, { fixedSize }, pointer, report);
    const schema: FixedSchema = {
      kind: "fixed",
      ...base,
      size: fixedSize,
      ...(logicalType ? { logicalType } : {}),
    };
    this.register(schema, true);
    return schema;
  }

  private parseUnion(json: readonly unknown[], pointer: string, namespace: string): UnionSchema {
    const branches: AvroSchema[] = [];
    const seen = new Set<string>();
    json.forEach((item, i) => {
      const at = joinPointer(pointer, i);
      if (Array.isArray(item)) {
        this.report(at, `a union cannot directly contain another union.`);
        return;
      }
      const branch = this.parse(item, at, namespace);
      if (branch === undefined) return;
      const key = branchName(branch);
      if (seen.has(key)) {
        this.report(at, `the union already has a branch of type "${key}".`);
        return;
      }
      seen.add(key);
      branches.push(branch);
    });
    return { kind: "union", branches };
  }
}

/** Pushes items last first, so that they pop in their written order (no spread: any length). */
function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
}

/** Parses a schema strictly; the first problem throws a `UserError` naming file and pointer. */
export function parseSchema(json: unknown, options: ParseOptions = {}): AvroSchema {
  const schema = new SchemaParser(options, true).run(json);
  // In fail-fast mode every failure has thrown already; this guards the type only.
  if (schema === undefined)
    throw problemError({ file: options.file, pointer: "", message: "not a schema." });
  return schema;
}

/** The same checks as `parseSchema`, every problem collected (for `schema check`). */
export function lintSchema(json: unknown, options: ParseOptions = {}): LintResult {
  const parser = new SchemaParser(options, false);
  const schema = parser.run(json);
  return parser.problems.length === 0 && schema !== undefined
    ? { schema, problems: [] }
    : { problems: parser.problems };
}

/** Parses schema text: malformed JSON is reported with line and column, then as `parseSchema`. */
export function parseSchemaText(
  text: string,
  file?: string,
  options: Omit<ParseOptions, "file"> = {},
): AvroSchema {
  return parseSchema(parseJsonText(text, file), { ...options, file });
}
