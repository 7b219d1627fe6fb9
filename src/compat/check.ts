import { joinPointer } from "../common";
import {
  isNamed,
  type AvroSchema,
  type PrimitiveType,
  type RecordSchema,
  type UnionSchema,
} from "../avro";
import {
  decimalMismatch,
  missingBranch,
  missingSymbols,
  nameMismatch,
  sizeMismatch,
  typeMismatch,
  type Found,
} from "./findings";
import { writerFieldFor } from "./names";
import type { CompatibilityResult, Incompatibility } from "./types";

/** What a pair's check found: its own incompatibilities, or an incompatible pair under it. */
type Entry =
  { readonly found: Found } | { readonly tokens: readonly string[]; readonly pair: PairResult };

/** The checked (reader, writer) pair; only incompatible pairs are ever referenced. */
interface PairResult {
  readonly reader: AvroSchema;
  readonly writer: AvroSchema;
  readonly entries: readonly Entry[];
}

/** Writer types each reader primitive accepts besides its own (the spec's promotions). */
const PROMOTIONS: Readonly<Record<PrimitiveType, readonly PrimitiveType[]>> = {
  null: [],
  boolean: [],
  int: [],
  long: ["int"],
  float: ["int", "long"],
  double: ["int", "long", "float"],
  bytes: ["string"],
  string: ["bytes"],
};

/**
 * Can data written with `writer` be read with `reader`? Applies the Avro specification's
 * schema-resolution rules and reports every incompatibility, each with Avro's
 * `SchemaIncompatibilityType` and a JSON Pointer into the reader schema, as Java's
 * `SchemaCompatibility.checkReaderWriterCompatibility` does.
 *
 * An incompatibility inside a named type that the schemas use in several places is reported
 * once, at its first use in schema order (Java repeats it, at the first path each time).
 */
export function checkCompatibility(reader: AvroSchema, writer: AvroSchema): CompatibilityResult {
  const root = new PairChecker().check(reader, writer);
  const errors = root ? expand(root).map(toIncompatibility) : [];
  return { compatible: errors.length === 0, errors };
}

function toIncompatibility(found: Found): Incompatibility {
  // Java prints the root location as "/" rather than the empty pointer; tools compare paths
  // with Java's, so do the same.
  const path = found.tokens.length === 0 ? "/" : joinPointer("", ...found.tokens);
  return { type: found.type, path, message: found.message };
}

/** Lists a pair's incompatibilities with full locations, each pair of named types once. */
function expand(root: PairResult): Found[] {
  const out: Found[] = [];
  const shown = new Map<AvroSchema, Set<AvroSchema>>();
  const firstTime = ({ reader, writer }: PairResult): boolean => {
    if (!isNamed(reader) || !isNamed(writer)) return true;
    const writers = shown.get(reader) ?? new Set();
    shown.set(reader, writers);
    if (writers.has(writer)) return false;
    writers.add(writer);
    return true;
  };
  // Depth first, entries in order, with an explicit stack: the path may be as deep as the schema.
  const open: Array<{ pair: PairResult; prefix: readonly string[]; next: number }> = [];
  if (firstTime(root)) open.push({ pair: root, prefix: [], next: 0 });
  while (open.length > 0) {
    const top = open[open.length - 1];
    const entry = top.pair.entries[top.next++];
    if (entry === undefined) open.pop();
    else if ("found" in entry)
      out.push({ ...entry.found, tokens: [...top.prefix, ...entry.found.tokens] });
    else if (firstTime(entry.pair))
      open.push({ pair: entry.pair, prefix: [...top.prefix, ...entry.tokens], next: 0 });
  }
  return out;
}

/** A finished pair; `assumes` while it relied on a pair still being checked further up. */
interface Known {
  readonly result: PairResult;
  /** Stack depth of the highest pair in progress that this result assumed compatible. */
  readonly assumes?: number;
}

/**
 * Checks one (reader, writer) pair at a time and remembers the answer per pair of schema
 * objects, as Java does. A pair met again while it is still being checked is a cycle (a
 * recursive record): it is assumed compatible there, and any real incompatibility is reported
 * where the cycle started.
 *
 * Unlike Java, an answer that rests on such an assumption is kept only once the assumption
 * holds: when the pair assumed compatible turns out not to be, the answers that assumed it are
 * forgotten and worked out again when next needed. (Java keeps them, and can call a pair
 * compatible whose named type it has already found incompatible elsewhere, for example in a
 * union branch that another branch made up for.) Pairs refer only to finished pairs, so the
 * results form an acyclic graph that `expand` walks.
 */
class PairChecker {
  /** Per reader, per writer: the answer, or the stack depth of a pair being checked. */
  private readonly memo = new Map<AvroSchema, Map<AvroSchema, Known | number>>();
  /** Answers that rest on an assumption, in the order they finished. */
  private readonly provisional: Array<{
    byWriter: Map<AvroSchema, Known | number>;
    writer: AvroSchema;
  }> = [];
  private depth = 0;
  /** The highest in-progress depth the pair being checked has relied on so far. */
  private lowest = Infinity;

  /** The pair's result when incompatible; undefined when compatible or assumed so. */
  check(reader: AvroSchema, writer: AvroSchema): PairResult | undefined {
    let byWriter = this.memo.get(reader);
    if (!byWriter) {
      byWriter = new Map();
      this.memo.set(reader, byWriter);
    }
    const known = byWriter.get(writer);
    if (typeof known === "number") {
      this.lowest = Math.min(this.lowest, known);
      return undefined;
    }
    if (known) {
      if (known.assumes !== undefined) this.lowest = Math.min(this.lowest, known.assumes);
      return incompatible(known.result);
    }

    const depth = this.depth++;
    const outerLowest = this.lowest;
    const pendingFrom = this.provisional.length;
    byWriter.set(writer, depth);
    this.lowest = Infinity;
    const result: PairResult = { reader, writer, entries: this.calculate(reader, writer) };
    const assumes = this.lowest < depth ? this.lowest : undefined;
    this.depth--;
    this.lowest = Math.min(outerLowest, assumes ?? Infinity);

    if (result.entries.length > 0) {
      // Whatever was worked out while assuming this pair compatible may be wrong.
      for (const { byWriter: map, writer: w } of this.provisional.splice(pendingFrom))
        map.delete(w);
    } else if (assumes === undefined) {
      // Every assumption made since this pair started has held.
      for (const { byWriter: map, writer: w } of this.provisional.splice(pendingFrom)) {
        const entry = map.get(w);
        if (entry !== undefined && typeof entry !== "number") map.set(w, { result: entry.result });
      }
    }
    byWriter.set(writer, { result, assumes });
    if (assumes !== undefined) this.provisional.push({ byWriter, writer });
    return incompatible(result);
  }

  private under(tokens: readonly string[], reader: AvroSchema, writer: AvroSchema): Entry[] {
    const pair = this.check(reader, writer);
    return pair ? [{ tokens, pair }] : [];
  }

  // Loops rather than flatMap/some callbacks, here and in `fields`: each level of a schema costs
  // the fewest stack frames, so that the deepest schemas one file may hold (1000 levels; 499
  // optional arrays) are checked well within Node's default stack.
  private calculate(reader: AvroSchema, writer: AvroSchema): Entry[] {
    const entries: Entry[] = [];
    if (reader.kind === "union" && writer.kind === "union") {
      // Every writer branch must be readable by some reader branch.
      for (let i = 0; i < writer.branches.length; i++) {
        const branch = writer.branches[i];
        if (this.check(reader, branch)) entries.push({ found: missingBranch([String(i)], branch) });
      }
      return entries;
    }
    if (writer.kind === "union") {
      // A non-union reader must read every branch the writer may have picked.
      for (let i = 0; i < writer.branches.length; i++) {
        const pair = this.check(reader, writer.branches[i]);
        if (pair) entries.push({ tokens: [String(i)], pair });
      }
      return entries;
    }
    if (reader.kind === "union") {
      // Java accepts the writer when any reader branch reads it (the spec names the first
      // branch that matches; both agree except when two branches share an unqualified name).
      for (const branch of reader.branches) if (!this.check(branch, writer)) return entries;
      return [{ found: missingBranch([], writer) }];
    }
    return this.sameShape(reader, writer);
  }

  private sameShape(
    reader: Exclude<AvroSchema, UnionSchema>,
    writer: Exclude<AvroSchema, UnionSchema>,
  ): Entry[] {
    const found = (list: Found[]): Entry[] => list.map((f) => ({ found: f }));
    switch (reader.kind) {
      case "primitive":
        if (writer.kind !== "primitive") return found([typeMismatch(reader, writer)]);
        if (reader.type === writer.type)
          return found(decimalMismatch(reader.logicalType, writer.logicalType));
        return PROMOTIONS[reader.type].includes(writer.type)
          ? []
          : found([typeMismatch(reader, writer)]);
      case "array":
        if (writer.kind !== "array") return found([typeMismatch(reader, writer)]);
        return this.under(["items"], reader.items, writer.items);
      case "map":
        if (writer.kind !== "map") return found([typeMismatch(reader, writer)]);
        return this.under(["values"], reader.values, writer.values);
      case "fixed":
        if (writer.kind !== "fixed") return found([typeMismatch(reader, writer)]);
        return found([
          ...nameMismatch(reader, writer),
          ...sizeMismatch(reader, writer),
          ...decimalMismatch(reader.logicalType, writer.logicalType),
        ]);
      case "enum":
        if (writer.kind !== "enum") return found([typeMismatch(reader, writer)]);
        return found([...nameMismatch(reader, writer), ...missingSymbols(reader, writer)]);
      case "record":
        if (writer.kind !== "record") return found([typeMismatch(reader, writer)]);
        return [...found(nameMismatch(reader, writer)), ...this.fields(reader, writer)];
    }
  }

  private fields(reader: RecordSchema, writer: RecordSchema): Entry[] {
    const entries: Entry[] = [];
    for (let i = 0; i < reader.fields.length; i++) {
      const readerField = reader.fields[i];
      const writerField = writerFieldFor(writer, readerField);
      if (writerField) {
        const pair = this.check(readerField.type, writerField.type);
        if (pair) entries.push({ tokens: ["fields", String(i), "type"], pair });
      } else if (!readerField.hasDefault) {
        // The spec: a reader field the writer lacks takes the field's default, and without one
        // it is an error. (Java, for an enum field with an enum default, instead compares that
        // enum with the writer record and reports a TYPE_MISMATCH; the data fail to decode.)
        const tokens = ["fields", String(i)];
        entries.push({
          found: { type: "READER_FIELD_MISSING_DEFAULT_VALUE", tokens, message: readerField.name },
        });
      }
    }
    return entries;
  }
}

function incompatible(result: PairResult): PairResult | undefined {
  return result.entries.length > 0 ? result : undefined;
}
