import { parseSchema } from "../../../src/avro";
import { validatePayload } from "../../../src/validators";
import { compileLuaCheck, KONG_SANDBOX_GLOBALS } from "../../../src/validators/lua";
import { runLuaCases, type LuaChunk } from "./harness";

/**
 * The error's JSON Pointer costs memory linear in its length, however deep the error: the
 * chunk keeps the path's pieces and joins them once (prelude.ts, `e_path`) instead of
 * prepending each level's piece to a string, which copies the path once per level. Measured as
 * the Lua heap the failing check allocates (garbage collection stopped), not as time.
 */

const RECURSIVE = parseSchema({
  type: "record",
  name: "t.Node",
  fields: [
    { name: "value", type: "int" },
    { name: "next", type: ["null", "t.Node"], default: null },
  ],
});

/** A chain `depth` records deep whose innermost value is a string: one error at the bottom. */
function chain(depth: number): string {
  let text = '{"value":"bottom"}';
  for (let i = 1; i < depth; i++) text = `{"value":${i},"next":${text}}`;
  return text;
}

/** The compiled check, answering the kilobytes it allocated before its message. */
function measuringCheck(): LuaChunk {
  return {
    phase: "check",
    globals: [...Object.keys(KONG_SANDBOX_GLOBALS), "collectgarbage"],
    source: `local inner = (function()
${compileLuaCheck(RECURSIVE)}
end)()
return function(value)
  collectgarbage("collect")
  collectgarbage("stop")
  local before = collectgarbage("count")
  local ok, message, path = inner(value)
  local used = collectgarbage("count") - before
  collectgarbage("restart")
  return ok, used .. "|" .. tostring(message), path
end`,
  };
}

describe("the error path of the Lua check", () => {
  const depths = [200, 800];
  const chunk = measuringCheck();
  const verdicts = runLuaCases(depths.map((depth) => ({ chunk, body: chain(depth) })));

  it("is the reference's path and message at every depth", () => {
    depths.forEach((depth, i) => {
      const [expected] = validatePayload(RECURSIVE, JSON.parse(chain(depth)) as unknown);
      expect(expected.path).toBe("/next".repeat(depth - 1) + "/value");
      const check = verdicts[i].check!;
      expect(check.ok).toBe(false);
      expect(check.path).toBe(expected.path);
      expect(check.message!.split("|").slice(1).join("|")).toBe(expected.message);
    });
  });

  it("allocates memory linear in the depth: four times the depth, at most five times the heap", () => {
    const used = verdicts.map((v) => Number(v.check!.message!.split("|")[0]));
    expect(used[0]).toBeGreaterThan(0);
    // Prepending "/next" at each level allocates about 1.6 MB at 800 levels, 16 times 200's.
    expect(used[1]).toBeLessThan(5 * used[0]);
  });
});
