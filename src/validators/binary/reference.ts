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
 * arrays and maps is refused, as for JSON, which bounds the recursion.
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

  private value(schema: AvroSchema, depth: number): void {
    switch (schema.kind) {
      case "primitive":
        return this.primitive(schema.type);
      case "fixed":
        return this.take(schema.size, typeLabel(schema), this.pos);
      case "enum": {
        const start = this.pos;
        const index = this.varint(typeLabel(schema), 32);
        if (index < 0 || index >= schema.symbols.length)
          this.refuse(say.enumIndex(typeLabel(schema), start, index, schema.symbols.length));
        return;
      }
      case "union":
        return this.union(schema, depth);
      case "record":
        return this.record(schema, depth);
      case "array":
      case "map":
        return this.blocks(schema, depth);
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

  private union(schema: UnionSchema, depth: number): void {
    const start = this.pos;
    const index = this.varint("union", 32);
    const count = schema.branches.length;
    if (index < 0 || index >= count)
      this.refuse(say.unionIndex(start, index, count, schema.branches.map(branchName).join(", ")));
    this.value(schema.branches[index], depth);
  }

  private enter(depth: number): void {
    if (depth > MAX_NESTING_DEPTH) this.refuse(say.depth());
  }

  private record(schema: RecordSchema, depth: number): void {
    this.enter(depth);
    for (const field of schema.fields) {
      this.tokens.push(field.name);
      this.value(field.type, depth + 1);
      this.tokens.pop();
    }
  }

  /**
   * Arrays and maps: blocks of `count` items ended by a zero count; a negative count is followed
   * by the block's size in bytes, which must be exactly what its items take.
   */
  private blocks(schema: AvroSchema & { kind: "array" | "map" }, depth: number): void {
    this.enter(depth);
    const label = schema.kind;
    const item = schema.kind === "array" ? schema.items : schema.values;
    const empty = schema.kind === "array" && this.isEmpty(item);
    let index = 0;
    for (;;) {
      const start = this.pos;
      let count = this.varint(label, 64);
      if (count === 0) return;
      const sized = count < 0;
      const size = sized ? this.varint(label, 64) : 0;
      if (sized) count = -count;
      const itemsFrom = this.pos;
      if (empty) {
        // Zero-byte items: nothing to read; one walk finds the only possible error (depth).
        if (index === 0) this.item(item, 0, depth);
        index += count;
      } else {
        if (count > this.body.length - this.pos) this.refuse(say.blockCount(label, start));
        for (let k = 0; k < count; k++) {
          if (schema.kind === "map") this.entry(item, depth);
          else this.item(item, index, depth);
          index++;
        }
      }
      if (sized && size !== this.pos - itemsFrom) this.refuse(say.blockSize(label, start));
    }
  }

  private item(schema: AvroSchema, index: number, depth: number): void {
    this.tokens.push(index);
    this.value(schema, depth + 1);
    this.tokens.pop();
  }

  private entry(values: AvroSchema, depth: number): void {
    const start = this.pos;
    const from = this.lengthThenBytes("map key");
    this.utf8(from, "map key", start);
    this.tokens.push(UTF8.decode(this.body.subarray(from, this.pos)));
    this.value(values, depth + 1);
    this.tokens.pop();
  }
}
