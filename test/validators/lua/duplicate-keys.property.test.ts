import { spawnSync } from "child_process";
import fc from "fast-check";
import { joinPointer } from "../../../src/common";
import { DUPLICATE_KEY_CHECK } from "../../../src/validators/lua/duplicate-keys";
import { PRELUDE } from "../../../src/validators/lua/prelude";
import { propertyRuns } from "../../support/properties";

/**
 * The chunks' repeated-key check (src/validators/lua/duplicate-keys.ts) in LuaJIT, against a
 * model of the document: per body, what it answers (the pointer of the first repeated key in
 * text order, or null) and how many keys lua-cjson's decoded tables hold, to hold the check to
 * cjson's idea of "the same key".
 */
function scan(bodies: readonly string[]): { duplicate: string | null; decodedKeys: number }[] {
  const lua = String.raw`
local cjson = require("cjson")
local scan = (function()
  local ngx = { null = cjson.null }
  ${PRELUDE}
  ${DUPLICATE_KEY_CHECK}
  return repeated_key
end)()
local function keys(v)
  if type(v) ~= "table" then return 0 end
  local n = 0
  for k, x in pairs(v) do
    if type(k) == "string" then n = n + 1 end
    n = n + keys(x)
  end
  return n
end
for line in io.lines() do
  local body = cjson.decode(line)
  local duplicate = scan(body)
  io.write(cjson.encode({ duplicate = duplicate or cjson.null, decodedKeys = keys(cjson.decode(body)) }), "\n")
end
`;
  const run = spawnSync("luajit", ["-e", lua], {
    input: bodies.map((b) => JSON.stringify(b)).join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`luajit failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { duplicate: string | null; decodedKeys: number });
}

/** A JSON value whose objects are lists of [key, value] pairs, so that a key may repeat. */
type Value = null | boolean | number | string | Value[] | { pairs: [string, Value][] };

const keyText = fc.oneof(
  {
    arbitrary: fc.constantFrom("a", "b", "id", "é", "😀", 'q"uote', "back\\slash", "tab\t", ""),
    weight: 4,
  },
  { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
);
const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.oneof(keyText, fc.constantFrom('":', '\\":', '{"a":1,"a":2}', "[", "}")),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.record({ pairs: fc.array(fc.tuple(keyText, tie("value")), { maxLength: 5 }) }),
  ),
})).value;

/** A string literal for `text`, each character written plainly or as `\uXXXX` at random. */
function writeString(text: string, escapes: readonly boolean[], at: { i: number }): string {
  let out = '"';
  for (const unit of text.split("")) {
    const code = unit.charCodeAt(0);
    const plain = JSON.stringify(unit).slice(1, -1);
    const escape = escapes[at.i++ % escapes.length];
    out += escape || plain.startsWith("\\") ? `\\u${code.toString(16).padStart(4, "0")}` : plain;
  }
  return `${out}"`;
}

/**
 * The JSON text of `v`, with random escapes and spaces, and the first key (in text order) that
 * repeats within one object: what the scanner must answer.
 */
function write(v: Value, escapes: readonly boolean[], spaces: readonly string[]) {
  const at = { i: 0 };
  let first: string | null = null;
  const space = () => spaces[at.i++ % spaces.length];
  const go = (x: Value, path: string): string => {
    if (x === null || typeof x !== "object")
      return typeof x === "string" ? writeString(x, escapes, at) : JSON.stringify(x);
    if (Array.isArray(x))
      return `[${space()}${x.map((item, i) => go(item, `${path}/${i}`)).join(`,${space()}`)}${space()}]`;
    const seen = new Set<string>();
    const members = x.pairs.map(([k, item]) => {
      const member = joinPointer(path, k);
      if (seen.has(k) && first === null) first = member;
      seen.add(k);
      const key = writeString(k, escapes, at);
      return `${key}${space()}:${space()}${go(item, member)}`;
    });
    return `{${space()}${members.join(`,${space()}`)}${space()}}`;
  };
  const text = go(v, "");
  return { text, first: first as string | null };
}

/** How many keys `v`'s objects hold after last-wins decoding. */
function distinctKeys(v: Value): number {
  if (v === null || typeof v !== "object") return 0;
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + distinctKeys(x), 0);
  const last = new Map(v.pairs);
  return [...last.values()].reduce<number>((n, x) => n + distinctKeys(x), last.size);
}

describe("the chunks' repeated-key check", () => {
  it("finds the first repeated key in text order, however the keys are escaped, at any depth", () => {
    const cases: [string, string | null][] = [
      ['{"a":1,"b":2}', null],
      ['{"a":1,"a":2}', "/a"],
      ['{"a":1 , "b" : {"a":2}, "c":[{"a":1},{"a":2}]}', null],
      ['{"x":{"a":1,"b":{"c":1,"c":2},"a":3}}', "/x/b/c"],
      ['[{"a":1},{"b":[{"k":1,"k":2}]}]', "/1/b/0/k"],
      ['{"a":1,"\\u0061":2}', "/a"],
      ['{"\\ud83d\\ude00":1,"😀":2}', "/😀"],
      ['{"q\\"":1,"q\\u0022":2}', '/q"'],
      ['{"v":"\\\\","v\\\\":1,"w":"a\\"b:\\"","w":0}', "/w"],
      ['{"s":"{\\"a\\":1,\\"a\\":2}"}', null],
      ["[1,2,3]", null],
      ['{"":1,"":2}', "/"],
    ];
    expect(scan(cases.map(([body]) => body)).map((r) => r.duplicate)).toEqual(
      cases.map(([, expected]) => expected),
    );
  });

  it("agrees with a model of the document on generated bodies, with and without duplicates", () => {
    const samples = fc.sample(
      fc.tuple(
        fc.record({ pairs: fc.array(fc.tuple(keyText, value), { minLength: 1, maxLength: 6 }) }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.array(fc.constantFrom("", " ", "\n", "\t ", "\r\n"), { minLength: 1, maxLength: 5 }),
      ),
      propertyRuns(600),
    );
    const documents = samples.map(([v, escapes, spaces]) => ({ v, ...write(v, escapes, spaces) }));
    const results = scan(documents.map((d) => d.text));
    documents.forEach((d, i) => {
      expect({
        body: d.text,
        duplicate: results[i].duplicate,
        keys: results[i].decodedKeys,
      }).toEqual({
        body: d.text,
        duplicate: d.first,
        keys: distinctKeys(d.v),
      });
    });
    // The generator reaches both cases often.
    const withDuplicates = documents.filter((d) => d.first !== null).length;
    expect(withDuplicates).toBeGreaterThan(documents.length / 10);
    expect(documents.length - withDuplicates).toBeGreaterThan(documents.length / 10);
  });
});
