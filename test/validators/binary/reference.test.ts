import { Type } from "avsc";
import { fingerprint, parseSchema } from "../../../src/avro";
import {
  binaryMessages as say,
  validateBinary,
  validateSingleObject,
} from "../../../src/validators/binary";
import { MAX_NESTING_DEPTH } from "../../../src/validators";
import { generateBinaryCases } from "../support/binary-bodies";
import { jsonFromSmallStack, SRC } from "../../support/small-stack";

/** A record with one field `v` of the given type. */
const wrap = (type: unknown) =>
  parseSchema({ type: "record", name: "t.R", fields: [{ name: "v", type }] });
const bytes = (...b: number[]) => Uint8Array.from(b);
const errorsOf = (type: unknown, ...body: number[]) => validateBinary(wrap(type), bytes(...body));

describe("bodies avsc encodes", () => {
  const cases = generateBinaryCases(2026, 120);
  const valid = cases.filter((c) => c.expectValid);

  it("are enough to mean something", () => {
    expect(valid.length).toBeGreaterThan(40);
  });

  it("are valid, every one", () => {
    for (const c of valid) expect([c.id, validateBinary(c.schema, c.body)]).toEqual([c.id, []]);
  });

  it("are refused when truncated or followed by extra bytes (Avro binary is prefix-free)", () => {
    const damaged = cases.filter((c) => c.mutation === "truncate" || c.mutation === "extra");
    for (const c of damaged) {
      if (c.original?.length === 0) continue; // an empty body has no shorter prefix
      expect([c.id, c.body.toString("hex"), validateBinary(c.schema, c.body)]).toEqual([
        c.id,
        c.body.toString("hex"),
        [expect.anything()],
      ]);
    }
  });

  it("when accepted after any mutation, are also read whole by avsc", () => {
    for (const c of cases) {
      if (validateBinary(c.schema, c.body).length > 0) continue;
      const type = Type.forSchema(c.schemaJson as never, { wrapUnions: true });
      expect(() => type.fromBuffer(c.body)).not.toThrow();
    }
  });
});

describe("primitives", () => {
  it("reads zig-zag ints within 32 bits in at most 5 bytes", () => {
    expect(errorsOf("int", 0xfe, 0xff, 0xff, 0xff, 0x0f)).toEqual([]); // 2^31 - 1
    expect(errorsOf("int", 0xff, 0xff, 0xff, 0xff, 0x0f)).toEqual([]); // -2^31
    expect(errorsOf("int", 0x80, 0x80, 0x80, 0x80, 0x10)).toEqual([
      { path: "/v", message: say.varint("int", 0, 32) },
    ]);
    expect(errorsOf("int", 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)).toEqual([
      { path: "/v", message: say.varint("int", 0, 32) },
    ]);
  });

  it("reads longs within 64 bits in at most 10 bytes", () => {
    const max = [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(errorsOf("long", ...max)).toEqual([]);
    expect(errorsOf("long", ...max.slice(0, 9), 0x02)).toEqual([
      { path: "/v", message: say.varint("long", 0, 64) },
    ]);
  });

  it("refuses a boolean other than 0 or 1", () => {
    expect(errorsOf("boolean", 1)).toEqual([]);
    expect(errorsOf("boolean", 2)).toEqual([{ path: "/v", message: say.boolean(0, 2) }]);
  });

  it("takes 4 bytes for a float and 8 for a double", () => {
    expect(errorsOf("float", 0, 0, 0, 0)).toEqual([]);
    expect(errorsOf("double", 0, 0, 0, 0)).toEqual([
      { path: "/v", message: say.ends("double", 0) },
    ]);
  });

  it("checks strings are strict UTF-8", () => {
    const text = (...b: number[]) => errorsOf("string", b.length * 2, ...b);
    expect(text(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)).toEqual([]);
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0xff],
    ])
      expect(text(0x41, ...bad)).toEqual([{ path: "/v", message: say.utf8("string", 0, 2) }]);
    expect(errorsOf("bytes", 2, 0xff)).toEqual([]);
  });

  it("refuses negative lengths and lengths beyond the body", () => {
    expect(errorsOf("bytes", 1)).toEqual([{ path: "/v", message: say.negativeLength("bytes", 0) }]);
    expect(errorsOf("string", 6, 0x41)).toEqual([{ path: "/v", message: say.ends("string", 0) }]);
  });
});

describe("named types and unions", () => {
  it("checks enum indexes and fixed sizes", () => {
    const e = { type: "enum", name: "t.E", symbols: ["A", "B"] };
    expect(errorsOf(e, 2)).toEqual([]);
    expect(errorsOf(e, 4)).toEqual([{ path: "/v", message: say.enumIndex("enum t.E", 0, 2, 2) }]);
    expect(errorsOf(e, 1)).toEqual([{ path: "/v", message: say.enumIndex("enum t.E", 0, -1, 2) }]);
    const f = { type: "fixed", name: "t.F", size: 3 };
    expect(errorsOf(f, 1, 2, 3)).toEqual([]);
    expect(errorsOf(f, 1, 2)).toEqual([{ path: "/v", message: say.ends("fixed t.F", 0) }]);
  });

  it("checks union indexes and walks the chosen branch at the same path", () => {
    expect(errorsOf(["null", "string"], 2, 2, 0x41)).toEqual([]);
    expect(errorsOf(["null", "string"], 4)).toEqual([
      { path: "/v", message: say.unionIndex(0, 2, 2, "null, string") },
    ]);
    expect(errorsOf(["null", "boolean"], 2, 7)).toEqual([
      { path: "/v", message: say.boolean(1, 7) },
    ]);
  });
});

describe("arrays and maps", () => {
  it("reads blocks, with byte sizes after negative counts, to the zero count", () => {
    // [1, 2] as one block of 2, then as a sized block of -2 items in 2 bytes.
    expect(errorsOf({ type: "array", items: "int" }, 4, 2, 4, 0)).toEqual([]);
    expect(errorsOf({ type: "array", items: "int" }, 3, 4, 2, 4, 0)).toEqual([]);
    expect(errorsOf({ type: "array", items: "int" }, 3, 6, 2, 4, 0)).toEqual([
      { path: "/v", message: say.blockSize("array", 0) },
    ]);
    expect(errorsOf({ type: "array", items: "int" }, 2, 2, 0x80)).toEqual([
      { path: "/v", message: say.ends("array", 2) },
    ]);
    expect(errorsOf({ type: "array", items: "int" }, 2, 0x80)).toEqual([
      { path: "/v/0", message: say.ends("int", 1) },
    ]);
  });

  it("refuses a count larger than the bytes left, and skips zero-byte items in constant time", () => {
    const huge = [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]; // 2^62 - 1
    expect(errorsOf({ type: "array", items: "int" }, ...huge, 0)).toEqual([
      { path: "/v", message: say.blockCount("array", 0) },
    ]);
    expect(errorsOf({ type: "array", items: "null" }, ...huge, 0)).toEqual([]);
  });

  it("names map keys in the path and checks them as UTF-8", () => {
    const map = { type: "map", values: "boolean" };
    expect(errorsOf(map, 2, 4, 0x61, 0x2f, 1, 0)).toEqual([]);
    expect(errorsOf(map, 2, 4, 0x61, 0x2f, 3, 0)).toEqual([
      { path: "/v/a~1", message: say.boolean(4, 3) },
    ]);
    expect(errorsOf(map, 2, 2, 0xff, 1, 0)).toEqual([
      { path: "/v", message: say.utf8("map key", 1, 2) },
    ]);
  });

  it("refuses nesting deeper than the JSON limit, at the path of the deepest container", () => {
    const self = parseSchema({
      type: "record",
      name: "t.Self",
      fields: [{ name: "next", type: ["null", "t.Self"] }],
    });
    const body = (levels: number) => Uint8Array.from([...Array(levels - 1).fill(2), 0]);
    expect(validateBinary(self, body(MAX_NESTING_DEPTH))).toEqual([]);
    const [error] = validateBinary(self, body(MAX_NESTING_DEPTH + 1));
    expect(error.message).toBe(say.depth());
    expect(error.path).toBe("/next".repeat(MAX_NESTING_DEPTH));
  });

  it("needs the same little stack at any depth (a quarter of Node's default)", () => {
    // A tree whose union recurses directly and through a map: every kind of container, 1000 deep.
    const results = jsonFromSmallStack(`
      const { parseSchema } = require(${SRC("avro")});
      const { validateBinary } = require(${SRC("validators/binary")});
      const tree = parseSchema({ type: "record", name: "t.Tree", fields: [
        { name: "kids", type: ["null", "t.Tree", { type: "map", values: "t.Tree" }] },
        { name: "list", type: { type: "array", items: "t.Tree" } },
      ] });
      // A tree's levels: "r" (kids: the next tree), "m" (kids: a map { k: next }), "a" (list: [next]).
      const body = (levels) => {
        const open = [], close = [];
        for (const level of levels) {
          if (level === "r") { open.push(2); close.push(0); }
          if (level === "m") { open.push(4, 2, 2, 0x6b); close.push(0, 0); }
          if (level === "a") { open.push(0, 2); close.push(0); }
        }
        return Uint8Array.from([...open, 0, 0, ...close.reverse()]);
      };
      const walk = (levels) => validateBinary(tree, body(levels)).map((e) => [e.path, e.message]);
      console.log(JSON.stringify([
        walk(Array(998).fill("r")),
        walk([...Array(199).fill(["m", "a", "r"]).flat(), "r", "r", "r"]),
        walk(Array(999).fill("r")),
        walk(Array(100000).fill("r")),
      ]));
    `);
    // The innermost tree's empty list is one level below it: 998 levels above it is the most.
    expect(results).toEqual([
      [],
      [],
      [["/kids".repeat(999) + "/list", say.depth()]],
      [["/kids".repeat(MAX_NESTING_DEPTH), say.depth()]],
    ]);
  });
});

describe("the whole body", () => {
  it("must end where the value ends", () => {
    expect(errorsOf("int", 2, 0, 0)).toEqual([{ path: "", message: say.trailing(1, 2) }]);
  });
});

describe("single-object bodies", () => {
  const schema = wrap("int");
  const fp = fingerprint(schema);
  const header = [0xc3, 0x01, ...Buffer.from(fp, "hex")];
  const writers = [{ fingerprint: fp, schema }];

  it("are C3 01, the writer's fingerprint and its binary encoding", () => {
    expect(validateSingleObject(writers, bytes(...header, 2))).toEqual([]);
    expect(validateSingleObject(writers, bytes(...header, 2, 2))).toEqual([
      { path: "", message: say.trailing(11, 1) },
    ]);
  });

  it("name a fingerprint the route does not accept", () => {
    const other = [0xc3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 2];
    expect(validateSingleObject(writers, bytes(...other))).toEqual([
      { path: "", message: say.fingerprint("0102030405060708", [fp]) },
    ]);
  });

  it("are walked against the writer the fingerprint names", () => {
    const older = wrap("string");
    const both = [...writers, { fingerprint: fingerprint(older), schema: older }];
    const body = bytes(0xc3, 0x01, ...Buffer.from(fingerprint(older), "hex"), 2, 0x41);
    expect(validateSingleObject(both, body)).toEqual([]);
    expect(validateSingleObject(writers, body)).toHaveLength(1);
  });

  it("refuse a missing marker or a short header", () => {
    expect(validateSingleObject(writers, bytes(0xc3, 0x02, ...header.slice(2), 2))).toEqual([
      { path: "", message: say.marker() },
    ]);
    expect(validateSingleObject(writers, bytes(0xc3, 0x01, 1))).toEqual([
      { path: "", message: say.header() },
    ]);
  });
});
