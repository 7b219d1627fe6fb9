import type { AvroSchema, RecordSchema, UnionSchema } from "../../avro";
import { branchName } from "../../avro";
import { joinPointer } from "../../common";
import type { PayloadError } from "../options";
import { MAX_NESTING_DEPTH } from "../ranges";
import { typeLabel } from "../shared-rules";
import type { WriterSchema } from "./encodings";
import { SINGLE_OBJECT_HEADER_BYTES, SINGLE_OBJECT_MARKER } from "./encodings";
import { binaryMessages as say } from "./messages";
import { encodesEmpty } from "./shapes";

/** Thrown inside the walk to stop at the first error; never leaves this module. */
class Refusal {
  constructor(readonly error: PayloadError) {}
}

const UTF8 = new TextDecoder("utf-8");

/**
 * Checks a body in Avro's binary encoding against `schema`, exactly to its last byte. Returns
 * no error, or the first one with the JSON Pointer of the value it is in (the pointer the same
 * value would have as JSON). Linear in the body: every loop step consumes a byte, except blocks
 * of zero-byte items, which are checked once. Nesting deeper than MAX_NESTING_DEPTH records,
 * arrays and maps is refused, as for JSON; the walk keeps its own stack, not one JavaScript
 * frame per level.
 */
export function validateBinary(schema: AvroSchema, body: Uint8Array): PayloadError[] {
  return new BinaryWalker(body, 0).run(schema);
}

/**
 * Checks a single-object body: C3 01, the writer schema's fingerprint, then its binary
 * encoding. The fingerprint must be one of `writers` (the route's pinned version first), and
 * the rest is walked against that writer's schema.
 */
export function validateSingleObject(
  writers: readonly WriterSchema[],
  body: Uint8Array,
): PayloadError[] {
  if (body.length < SINGLE_OBJECT_HEADER_BYTES) {
    const prefixOk = SINGLE_OBJECT_MARKER.every((b, i) => i >= body.length || body[i] === b);
    return [{ path: "", message: prefixOk ? say.header() : say.marker() }];
  }
  if (body[0] !== SINGLE_OBJECT_MARKER[0] || body[1] !== SINGLE_OBJECT_MARKER[1])
    return [{ path: "", message: say.marker() }];
  const found = Buffer.from(body.subarray(2, SINGLE_OBJECT_HEADER_BYTES)).toString("hex");
  const writer = writers.find((w) => w.fingerprint === found);
  if (!writer) {
    const accepted = [...new Set(writers.map((w) => w.fingerprint))];
    return [{ path: "", message: say.fingerprint(found, accepted) }];
  }
  return new BinaryWalker(body, SINGLE_OBJECT_HEADER_BYTES).run(writer.schema);
}

class BinaryWalker {
  private pos: number;
  /** Reference tokens of the value being read; joined only when an error is reported. */
  private readonly tokens: Array<string | number> = [];
  private readonly empty = new Map<AvroSchema, boolean>();

  constructor(
    private readonly body: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }

  run(schema: AvroSchema): PayloadError[] {
    try {
      this.value(schema, 1);
      if (this.pos !== this.body.length)
        this.refuse(say.trailing(this.pos, this.body.length - this.pos));
      return [];
    } catch (thrown) {
      if (thrown instanceof Refusal) return [thrown.error];
      throw thrown;
    }
  }

  private refuse(message: string): never {
    throw new Refusal({ path: joinPointer("", ...this.tokens), message });
  }

  private isEmpty(schema: AvroSchema): boolean {
    let known = this.empty.get(schema);
    if (known === undefined) this.empty.set(schema, (known = encodesEmpty(schema)));
    return known;
  }

  /**
   * Walks the value of `root` with a stack of open records, arrays and maps instead of one
   * JavaScript frame per level: the walk needs the same little stack at any depth, so that
   * MAX_NESTING_DEPTH is the only bound, wherever it is called from.
   */
  private value(root: AvroSchema, depth: number): void {
    const open: Container[] = [];
    let visit: Visit | undefined = { schema: root, depth };
    for (;;) {
      if (visit !== undefined) {
        const container = this.start(visit.schema, visit.depth);
        if (container !== undefined) open.push(container);
      }
      const top = open[open.length - 1];
      if (top === undefined) return;
      visit = top.next();
      if (visit === undefined) open.pop();
    }
  }

  /** Reads a value that holds no other (a union reads its branch's), or opens a container. */
  private start(schema: AvroSchema, depth: number): Container | undefined {
    for (;;) {
      switch (schema.kind) {
        case "primitive":
          this.primitive(schema.type);
          return undefined;
        case "fixed":
          this.take(schema.size, typeLabel(schema), this.pos);
          return undefined;
        case "enum": {
          const start = this.pos;
          const index = this.varint(typeLabel(schema), 32);
          if (index < 0 || index >= schema.symbols.length)
            this.refuse(say.enumIndex(typeLabel(schema), start, index, schema.symbols.length));
          return undefined;
        }
        case "union":
          schema = this.branch(schema);
          continue;
        case "record":
          this.enter(depth);
          return this.fields(schema, depth);
        case "array":
        case "map":
          this.enter(depth);
          return this.blocks(schema, depth);
      }
    }
  }

  private primitive(type: string): void {
    const start = this.pos;
    switch (type) {
      case "null":
        return;
      case "boolean": {
        this.take(1, "boolean", start);
        const found = this.body[start];
        if (found > 1) this.refuse(say.boolean(start, found));
        return;
      }
      case "int":
        this.varint("int", 32);
        return;
      case "long":
        this.varint("long", 64);
        return;
      case "float":
        return this.take(4, "float", start);
      case "double":
        return this.take(8, "double", start);
      case "bytes":
        this.lengthThenBytes("bytes");
        return;
      case "string":
        this.utf8(this.lengthThenBytes("string"), "string", start);
        return;
    }
  }

  /** Skips `count` bytes of the value that starts at `start`, refusing a truncated body. */
  private take(count: number, label: string, start: number): void {
    if (count > this.body.length - this.pos) this.refuse(say.ends(label, start));
    this.pos += count;
  }

  /**
   * A zig-zag varint: an int takes at most 5 bytes and 32 bits, a long 10 bytes and 64 bits.
   * The value is computed in doubles exactly as the Lua walker does (exact up to 2^53, which
   * is all that is ever compared against the body's length or printed).
   */
  private varint(label: string, bits: 32 | 64): number {
    const start = this.pos;
    const last = bits === 32 ? 4 : 9;
    const lastMax = bits === 32 ? 0x0f : 0x01;
    let magnitude = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (this.pos >= this.body.length) this.refuse(say.ends(label, start));
      const b = this.body[this.pos++];
      if (i === last && b > lastMax) this.refuse(say.varint(label, start, bits));
      magnitude += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 128;
    }
    return this.body[start] & 1 ? -(magnitude + 1) / 2 : magnitude / 2;
  }

  /** A long length and that many bytes; returns where the bytes start. */
  private lengthThenBytes(label: string): number {
    const start = this.pos;
    const length = this.varint(label, 64);
    if (length < 0) this.refuse(say.negativeLength(label, start));
    const from = this.pos;
    this.take(length, label, start);
    return from;
  }

  /** Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) of body[from, pos). */
  private utf8(from: number, label: string, start: number): void {
    const body = this.body;
    const end = this.pos;
    let i = from;
    while (i < end) {
      const b = body[i];
      if (b < 0x80) {
        i++;
        continue;
      }
      let need: number;
      let low = 0x80;
      let high = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) low = 0xa0;
        else if (b === 0xed) high = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) low = 0x90;
        else if (b === 0xf4) high = 0x8f;
      } else return this.refuse(say.utf8(label, start, i));
      if (i + need >= end) return this.refuse(say.utf8(label, start, i));
      const second = body[i + 1];
      if (second < low || second > high) return this.refuse(say.utf8(label, start, i));
      for (let k = 2; k <= need; k++) {
        const c = body[i + k];
        if (c < 0x80 || c > 0xbf) return this.refuse(say.utf8(label, start, i));
      }
      i += need + 1;
    }
  }

  /** The branch a union's index selects. */
  private branch(schema: UnionSchema): AvroSchema {
    const start = this.pos;
    const index = this.varint("union", 32);
    const count = schema.branches.length;
    if (index < 0 || index >= count)
      this.refuse(say.unionIndex(start, index, count, schema.branches.map(branchName).join(", ")));
    return schema.branches[index];
  }

  private enter(depth: number): void {
    if (depth > MAX_NESTING_DEPTH) this.refuse(say.depth());
  }

  /** A record's fields, in order. */
  private fields(schema: RecordSchema, depth: number): Container {
    let at = 0;
    return {
      next: () => {
        if (at > 0) this.tokens.pop();
        if (at === schema.fields.length) return undefined;
        const field = schema.fields[at++];
        this.tokens.push(field.name);
        return { schema: field.type, depth: depth + 1 };
      },
    };
  }

  /**
   * Arrays and maps: blocks of `count` items ended by a zero count; a negative count is followed
   * by the block's size in bytes, which must be exactly what its items take.
   */
  private blocks(schema: AvroSchema & { kind: "array" | "map" }, depth: number): Container {
    const label = schema.kind;
    const item = schema.kind === "array" ? schema.items : schema.values;
    const empty = schema.kind === "array" && this.isEmpty(item);
    let index = 0;
    let left = 0; // items of the current block still to read
    let pushed = false;
    let block: { start: number; sized: boolean; size: number; itemsFrom: number } | undefined;
    const visitItem = (): Visit => {
      pushed = true;
      return { schema: item, depth: depth + 1 };
    };
    return {
      next: () => {
        if (pushed) this.tokens.pop();
        pushed = false;
        for (;;) {
          if (left > 0) {
            left--;
            if (schema.kind === "map") {
              const start = this.pos;
              const from = this.lengthThenBytes("map key");
              this.utf8(from, "map key", start);
              this.tokens.push(UTF8.decode(this.body.subarray(from, this.pos)));
            } else this.tokens.push(index);
            index++;
            return visitItem();
          }
          if (block?.sized && block.size !== this.pos - block.itemsFrom)
            this.refuse(say.blockSize(label, block.start));
          const start = this.pos;
          let count = this.varint(label, 64);
          if (count === 0) return undefined;
          const sized = count < 0;
          const size = sized ? this.varint(label, 64) : 0;
          if (sized) count = -count;
          block = { start, sized, size, itemsFrom: this.pos };
          if (empty) {
            // Zero-byte items: nothing to read; one walk finds the only possible error (depth).
            const first = index === 0;
            index += count;
            if (first) {
              this.tokens.push(0);
              return visitItem();
            }
          } else {
            if (count > this.body.length - this.pos) this.refuse(say.blockCount(label, start));
            left = count;
          }
        }
      },
    };
  }
}

/** A value inside a record, array or map to read next, its reference token already pushed. */
interface Visit {
  readonly schema: AvroSchema;
  readonly depth: number;
}

/**
 * An open record, array or map: `next` pops the token of the child just read, then pushes the
 * next child's token and returns it, or returns undefined when the container is read.
 */
interface Container {
  next(): Visit | undefined;
}
