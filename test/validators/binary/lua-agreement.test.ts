import { fingerprint, parseSchema } from "../../../src/avro";
import type { AvroSchema } from "../../../src/avro";
import { MAX_NESTING_DEPTH } from "../../../src/validators";
import { validateBinary, validateSingleObject } from "../../../src/validators/binary";
import type { WriterSchema } from "../../../src/validators/binary";
import { generateBinaryWalker } from "../../../src/validators/binary/lua";
import { runLuaCases, type LuaChunk } from "../lua/harness";
import { generateBinaryCases } from "../support/binary-bodies";

/**
 * The generated Lua walker and the TypeScript reference agree, verdict, message and path, on
 * every body: avsc's encodings of generated payloads and their mutations (truncated, extra
 * bytes, overlong varints, flipped bits, bad UTF-8, stray indexes), run in real LuaJIT inside
 * Kong's sandbox allow list. Set AVRO_KONG_SEED to explore other seeds.
 */

const SEED = Number(process.env.AVRO_KONG_SEED ?? 20261205);

/** A chunk that answers 400 with the walker's message and path, or 200. */
function walkerChunk(writers: readonly WriterSchema[], single: boolean): LuaChunk {
  const code = generateBinaryWalker(writers);
  return {
    source: `${code.source}
return function()
  local message, path = ${single ? code.singleObject : code.binary}(kong.request.get_raw_body(0))
  if message then return kong.response.exit(400, { message = message, path = path }) end
  return kong.response.exit(200)
end`,
  };
}

interface Expectation {
  readonly chunk: LuaChunk;
  readonly body: Uint8Array;
  readonly expected: { message: string; path: string } | undefined;
  readonly id: string;
}

/** An error as `{ message, path }`, in that key order, whatever order cjson wrote. */
const pick = (e: { message: string; path: string }) => ({ message: e.message, path: e.path });

function verdicts(cases: readonly Expectation[]) {
  const lua = runLuaCases(
    cases.map((c) => ({ chunk: c.chunk, body: c.body, bufferSize: 1 << 30 })),
  );
  return cases.map((c, i) => {
    const v = lua[i];
    const got = v.error
      ? { error: v.error }
      : v.exit?.status === 200
        ? undefined
        : pick(v.exit?.body as { message: string; path: string });
    return {
      id: c.id,
      body: Buffer.from(c.body).toString("hex"),
      got,
      expected: c.expected && pick(c.expected),
    };
  });
}

const writer = (schema: AvroSchema): WriterSchema => ({ fingerprint: fingerprint(schema), schema });

describe("Lua binary walker against the reference", () => {
  it("agree on every generated body, valid and mutated", () => {
    const cases = generateBinaryCases(SEED, 200);
    const chunks = new Map<AvroSchema, LuaChunk>();
    const expectations = cases.map((c) => {
      let chunk = chunks.get(c.schema);
      if (!chunk) chunks.set(c.schema, (chunk = walkerChunk([writer(c.schema)], false)));
      return { chunk, body: c.body, id: c.id, expected: validateBinary(c.schema, c.body)[0] };
    });
    expect(expectations.filter((e) => e.expected === undefined).length).toBeGreaterThan(50);
    expect(expectations.filter((e) => e.expected !== undefined).length).toBeGreaterThan(300);
    const disagreements = verdicts(expectations).filter(
      (v) => JSON.stringify(v.got) !== JSON.stringify(v.expected),
    );
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it("agree on single-object bodies: header, fingerprint, and the writer it names", () => {
    const cases = generateBinaryCases(SEED + 1, 60);
    const older = writer(
      parseSchema({ type: "record", name: "t.Old", fields: [{ name: "a", type: "string" }] }),
    );
    const chunks = new Map<AvroSchema, LuaChunk>();
    const expectations: Expectation[] = [];
    for (const c of cases) {
      const writers = [writer(c.schema), older];
      let chunk = chunks.get(c.schema);
      if (!chunk) chunks.set(c.schema, (chunk = walkerChunk(writers, true)));
      const header = (fp: string) =>
        Buffer.concat([Buffer.from([0xc3, 0x01]), Buffer.from(fp, "hex")]);
      for (const body of [
        Buffer.concat([header(writers[0].fingerprint), c.body]),
        Buffer.concat([header(older.fingerprint), Buffer.from([2, 0x41])]),
        Buffer.concat([header("0102030405060708"), c.body]),
        Buffer.concat([Buffer.from([0xc3, 0x02]), c.body]),
        header(writers[0].fingerprint).subarray(0, c.body.length % 10),
      ])
        expectations.push({
          chunk,
          body,
          id: c.id,
          expected: validateSingleObject(writers, body)[0],
        });
    }
    const disagreements = verdicts(expectations).filter(
      (v) => JSON.stringify(v.got) !== JSON.stringify(v.expected),
    );
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it("agree at the nesting limit, with the whole path", () => {
    const self = parseSchema({
      type: "record",
      name: "t.Self",
      fields: [
        { name: "tags", type: { type: "map", values: "int" } },
        { name: "next", type: ["null", "t.Self"] },
      ],
    });
    const chunk = walkerChunk([writer(self)], false);
    const body = (levels: number) =>
      Uint8Array.from([
        ...Array<number[]>(levels - 1)
          .fill([0, 2])
          .flat(),
        0,
        0,
      ]);
    const expectations = [MAX_NESTING_DEPTH, MAX_NESTING_DEPTH + 1].map((levels) => ({
      chunk,
      body: body(levels),
      id: String(levels),
      expected: validateBinary(self, body(levels))[0],
    }));
    // Record 1000 is at depth 1000; its map would be the 1001st level.
    expect(expectations[1].expected?.path).toBe("/next".repeat(MAX_NESTING_DEPTH - 1) + "/tags");
    const results = verdicts(expectations);
    for (const r of results) expect(r.got).toEqual(r.expected);
  });
});
