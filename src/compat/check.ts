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
  /** The pairs being checked, outermost first: a stack of its own, not the call stack's. */
  private readonly open: OpenPair[] = [];
  /** The highest in-progress depth the pair being checked has relied on so far. */
  private lowest = Infinity;

  /**
   * The pair's result when incompatible; undefined when compatible or assumed so. Each pair's
   * calculation is a generator that yields the pairs under it and is resumed with their
   * results, so a schema of any depth is checked with a constant call stack.
   */
  check(reader: AvroSchema, writer: AvroSchema): PairResult | undefined {
    const bottom = this.open.length;
    const known = this.begin(reader, writer);
    if (known !== undefined) return known.result;
    let answer: PairResult | undefined;
    for (;;) {
      const top = this.open[this.open.length - 1];
      const step = top.steps.next(answer);
      if (!step.done) {
        answer = this.begin(step.value[0], step.value[1])?.result;
        continue; // a new pair was opened, or its known answer goes back to `top`
      }
      this.open.pop();
      answer = this.finish(top, step.value);
      if (this.open.length === bottom) return answer;
    }
  }

  /** The answer when the pair is known or in progress; otherwise opens it and returns undefined. */
  private begin(reader: AvroSchema, writer: AvroSchema): { result?: PairResult } | undefined {
    let byWriter = this.memo.get(reader);
    if (!byWriter) {
      byWriter = new Map();
      this.memo.set(reader, byWriter);
    }
    const known = byWriter.get(writer);
    if (typeof known === "number") {
      this.lowest = Math.min(this.lowest, known);
      return {};
    }
    if (known) {
      if (known.assumes !== undefined) this.lowest = Math.min(this.lowest, known.assumes);
      return { result: incompatible(known.result) };
    }
    const depth = this.open.length;
    byWriter.set(writer, depth);
    this.open.push({
      reader,
      writer,
      byWriter,
      depth,
      outerLowest: this.lowest,
      pendingFrom: this.provisional.length,
      steps: this.calculate(reader, writer),
    });
    this.lowest = Infinity;
    return undefined;
  }

  /** Records a finished pair's answer (see the class comment on assumptions). */
  private finish(pair: OpenPair, entries: Entry[]): PairResult | undefined {
    const { reader, writer, byWriter, depth, outerLowest, pendingFrom } = pair;
    const result: PairResult = { reader, writer, entries };
    const assumes = this.lowest < depth ? this.lowest : undefined;
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

  /** A pair's entries; `yield [reader, writer]` checks a pair under it and gives its result. */
  private *calculate(reader: AvroSchema, writer: AvroSchema): Steps {
    const entries: Entry[] = [];
    if (reader.kind === "union" && writer.kind === "union") {
      // Every writer branch must be readable by some reader branch.
      for (let i = 0; i < writer.branches.length; i++) {
        const branch = writer.branches[i];
        if (yield [reader, branch]) entries.push({ found: missingBranch([String(i)], branch) });
      }
      return entries;
    }
    if (writer.kind === "union") {
      // A non-union reader must read every branch the writer may have picked.
      for (let i = 0; i < writer.branches.length; i++) {
        const pair = yield [reader, writer.branches[i]];
        if (pair) entries.push({ tokens: [String(i)], pair });
      }
      return entries;
    }
    if (reader.kind === "union") {
      // Java accepts the writer when any reader branch reads it (the spec names the first
      // branch that matches; both agree except when two branches share an unqualified name).
      for (const branch of reader.branches) if (!(yield [branch, writer])) return entries;
      return [{ found: missingBranch([], writer) }];
    }
    return yield* this.sameShape(reader, writer);
  }

  private *sameShape(
    reader: Exclude<AvroSchema, UnionSchema>,
    writer: Exclude<AvroSchema, UnionSchema>,
  ): Steps {
    const found = (list: Found[]): Entry[] => list.map((f) => ({ found: f }));
    switch (reader.kind) {
      case "primitive":
        if (writer.kind !== "primitive") return found([typeMismatch(reader, writer)]);
        if (reader.type === writer.type)
          return found(decimalMismatch(reader.logicalType, writer.logicalType));
        return PROMOTIONS[reader.type].includes(writer.type)
          ? []
          : found([typeMismatch(reader, writer)]);
      case "array": {
        if (writer.kind !== "array") return found([typeMismatch(reader, writer)]);
        const pair = yield [reader.items, writer.items];
        return pair ? [{ tokens: ["items"], pair }] : [];
      }
      case "map": {
        if (writer.kind !== "map") return found([typeMismatch(reader, writer)]);
        const pair = yield [reader.values, writer.values];
        return pair ? [{ tokens: ["values"], pair }] : [];
      }
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
        return [...found(nameMismatch(reader, writer)), ...(yield* this.fields(reader, writer))];
    }
  }

  private *fields(reader: RecordSchema, writer: RecordSchema): Steps {
    const entries: Entry[] = [];
    for (let i = 0; i < reader.fields.length; i++) {
      const readerField = reader.fields[i];
      const writerField = writerFieldFor(writer, readerField);
      if (writerField) {
        const pair = yield [readerField.type, writerField.type];
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

/** A calculation suspended at the pairs under it: yields them, resumed with their results. */
type Steps = Generator<readonly [AvroSchema, AvroSchema], Entry[], PairResult | undefined>;

/** A pair being checked, with what its answer needs once its calculation finishes. */
interface OpenPair {
  readonly reader: AvroSchema;
  readonly writer: AvroSchema;
  readonly byWriter: Map<AvroSchema, Known | number>;
  /** Its place in the stack of open pairs. */
  readonly depth: number;
  /** `lowest` of the pair that opened it, when it was opened. */
  readonly outerLowest: number;
  /** Where the provisional answers worked out under it begin. */
  readonly pendingFrom: number;
  readonly steps: Steps;
}

function incompatible(result: PairResult): PairResult | undefined {
  return result.entries.length > 0 ? result : undefined;
}
