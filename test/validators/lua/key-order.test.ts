import { parseSchema } from "../../../src/avro";
import { validatePayload } from "../../../src/validators";
import { compileLuaValidator } from "../../../src/validators/lua";
import { pathAgrees } from "./harness/agreement";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * The second documented difference: a Lua table keeps no key order. Where several keys of one
 * JSON object are wrong (unknown fields, or invalid values of a map), the reference reports the
 * first in document order and Lua one of them in hash order; declared fields keep schema order.
 */

const schema = parseSchema({
  type: "record",
  name: "R",
  fields: [
    { name: "a", type: "int" },
    { name: "b", type: "int" },
    { name: "m", type: { type: "map", values: "int" }, default: {} },
  ],
});
const chunk: LuaChunk = {
  source: compileLuaValidator(schema, { subject: "R", version: 1, fingerprint: "00" }),
};
const pathOf = (body: unknown): string => {
  const [verdict] = runLuaCases([{ chunk, body: JSON.stringify(body) }]);
  const exit = verdict.exit?.body;
  return typeof exit === "object" ? String(exit.path) : "valid";
};

describe("key order in Lua tables", () => {
  it("declared fields are still checked in schema order", () => {
    const payload = { b: "x", a: "y" };
    expect(pathOf(payload)).toBe("/a");
    expect(validatePayload(schema, payload)[0].path).toBe("/a");
  });

  it("of several unknown fields, Lua names one the reference also reports", () => {
    const payload = Object.fromEntries([
      ["a", 1],
      ["b", 2],
      ...Array.from({ length: 8 }, (_, i) => [`x${i}`, i]),
    ]);
    const errors = validatePayload(schema, payload);
    const lua = pathOf(payload);
    expect(errors.map((e) => e.path)).toContain(lua);
    expect(pathAgrees(errors, lua)).toBe(true);
  });

  it("of several invalid map values, Lua names one the reference also reports", () => {
    const payload = {
      a: 1,
      b: 2,
      m: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, "bad"])),
    };
    const errors = validatePayload(schema, payload);
    expect(errors).toHaveLength(8);
    expect(errors.map((e) => e.path)).toContain(pathOf(payload));
  });

  it("the differential rule accepts no other reordering", () => {
    const errors = validatePayload(schema, { a: "x", b: "y" });
    expect(pathAgrees(errors, "/a")).toBe(true);
    expect(pathAgrees(errors, "/b")).toBe(false);
  });
});
