import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseSchema, readJsonText, type AvroSchema } from "../../../src/avro";
import { isValidPayload, type ValidationOptions } from "../../../src/validators";
import { compileLuaScan } from "../../../src/validators/lua/chunks";
import { runLuaCases } from "./harness";

/**
 * The scanner's one-loop form (src/validators/lua/scanner-stack.ts): for a schema whose unions
 * take an object in at most one branch, the scanner is one loop with its own stack, so that a
 * recursive schema's scan is no recursion of Lua functions. LuaJIT gave up on the recursive
 * form's loops ("loop unroll limit reached", then blacklisted) and ran them in the interpreter.
 */

/** A catalog tree, as the example's shop.catalog.Category: a record holding an array of itself. */
const CATEGORY = parseSchema({
  type: "record",
  name: "t.Category",
  fields: [
    { name: "id", type: "string" },
    { name: "slug", type: ["null", "string"], default: null },
    { name: "children", type: { type: "array", items: "t.Category" }, default: [] },
  ],
});

/** Avro JSON unions, a map and a record inside one another, recursively. */
const WRAPPED = parseSchema({
  type: "record",
  name: "t.Node",
  fields: [
    { name: "next", type: ["null", "t.Node"] },
    { name: "tags", type: { type: "map", values: ["null", "string", "t.Node"] } },
  ],
});

/** `{"id":"n","children":[…]}` nested `depth` records deep. */
function tree(depth: number): string {
  let text = '{"id":"leaf"}';
  for (let n = 1; n < depth; n++) text = `{"id":"n${n}","slug":null,"children":[${text}]}`;
  return text;
}

function scanned(schema: AvroSchema, bodies: readonly string[], options: ValidationOptions = {}) {
  const chunk = { source: compileLuaScan(schema, options), phase: "scan" as const };
  return runLuaCases(bodies.map((body) => ({ chunk, body }))).map((v) => v.scan);
}

function referenceValid(schema: AvroSchema, body: string, options: ValidationOptions = {}) {
  const read = readJsonText(body);
  return "value" in read && isValidPayload(schema, read.value, options);
}

describe("the scanner's one-loop form", () => {
  it("is what a recursive schema gets: one loop, no scanning function per record", () => {
    const source = compileLuaScan(CATEGORY);
    expect(source).toContain("function scan_stack(s, i)");
    expect(source).not.toMatch(/^SC\[\d+\] = function/m);
  });

  it("is certain of valid trees of any depth up to the nesting limit, and of nothing invalid", () => {
    const bodies = [
      tree(1),
      tree(3),
      tree(499),
      '{"id":"a","children":[{"id":"b"},{"id":"c","children":[]}]}',
      '{"id":"a","children":[{"id":"b","id":"b"}]}',
      '{"id":"a","children":[{"slug":"x"}]}',
      '{"id":"a","children":[{"id":"b"},]}',
      '{"id":"a","children":[{"id":"b"}]',
      '{"id":"a","children":{"id":"b"}}',
    ];
    const certain = scanned(CATEGORY, bodies);
    expect(certain).toEqual([true, true, true, true, false, false, false, false, false]);
    bodies.forEach((body, n) => {
      if (certain[n]) expect(referenceValid(CATEGORY, body)).toBe(true);
    });
  });

  it("reads Avro JSON unions around records and maps, in the avro-json dialect", () => {
    const options: ValidationOptions = { dialect: "avro-json" };
    const bodies = [
      '{"next":null,"tags":{}}',
      '{"next":{"t.Node":{"next":null,"tags":{"a":{"string":"x"},"b":null}}},"tags":{"c":{"t.Node":{"next":null,"tags":{}}}}}',
      '{"next":{"t.Node":{"next":null}},"tags":{}}',
      '{"next":{"string":"x"},"tags":{}}',
      '{"next":null,"tags":{"a":null,"a":null}}',
    ];
    const certain = scanned(WRAPPED, bodies, options);
    expect(certain).toEqual([true, true, false, false, false]);
    bodies.forEach((body, n) => {
      if (certain[n]) expect(referenceValid(WRAPPED, body, options)).toBe(true);
    });
  });

  it("gives way to one function per container for a schema too large for one Lua function", () => {
    const wide = parseSchema({
      type: "record",
      name: "t.Wide",
      fields: Array.from({ length: 150 }, (_, n) => ({
        name: `r${n}`,
        type: {
          type: "record",
          name: `t.R${n}`,
          fields: [
            { name: "a", type: "string" },
            { name: "b", type: ["null", "long", "string"] },
            { name: "c", type: { type: "array", items: "int" } },
          ],
        },
      })),
    });
    const source = compileLuaScan(wide);
    expect(source).not.toContain("scan_stack");
    const body = JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 150 }, (_, n) => [`r${n}`, { a: "x", b: n, c: [n] }]),
      ),
    );
    expect(scanned(wide, [body])).toEqual([true]);
  });

  it("runs compiled in LuaJIT: no trace of the scan gives up on a loop", () => {
    // Counted with LuaJIT's own trace log (-jv), not timed: the recursive form logged
    // "loop unroll limit reached" dozens of times on this body and blacklisted its loops.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-trace-"));
    try {
      const chunk = path.join(dir, "scan.lua");
      fs.writeFileSync(
        chunk,
        `local scan = (function()\nlocal ngx = { null = {} }\n${compileLuaScan(CATEGORY)}\nend)()\n` +
          `local body = ${JSON.stringify(tree(6))}\n` +
          `for _ = 1, 20000 do assert(scan(body)) end\n`,
      );
      const log = path.join(dir, "jv.txt");
      const run = spawnSync("luajit", [`-jv=${log}`, chunk], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      const trace = fs.readFileSync(log, "utf8");
      expect(trace).toContain("TRACE   1");
      expect(trace).not.toMatch(/loop unroll limit|blacklisted/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
