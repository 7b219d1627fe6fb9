import { compileLuaCheck, compileLuaValidator } from "../../../src/validators/lua";
import { KITCHEN_SINK, SINK_VALUE } from "./fixtures";
import { runLuaBodies, runLuaCases, type LuaChunk, type LuaVerdict } from "./harness";

/**
 * The harness sends a body read by several chunks once (the scanner's differential check runs
 * each body through seven): each chunk must answer it exactly as in a case of its own, the
 * per-body state (logs, serialized values, Content-Type lookups) starting afresh for each.
 */

const IDENTITY = { subject: "test.lua.Sink", version: 3, fingerprint: "00ff00ff00ff00ff" };
const access: LuaChunk = { source: compileLuaValidator(KITCHEN_SINK, IDENTITY) };
const check: LuaChunk = { source: compileLuaCheck(KITCHEN_SINK), phase: "check" };

describe("runLuaBodies", () => {
  const texts: Array<string | Uint8Array> = [
    JSON.stringify(SINK_VALUE),
    "{}",
    '{"cut":',
    Uint8Array.from([0x7b, 0xff, 0x7d]),
  ];

  it("gives each chunk's verdict on a body as runLuaCases does, in the order of the chunks", () => {
    const chunks = [access, check, access];
    const together = runLuaBodies(texts.map((body) => ({ body, chunks })));
    const alone = runLuaCases(texts.flatMap((body) => chunks.map((chunk) => ({ chunk, body }))));
    expect(together.map((verdicts) => verdicts.length)).toEqual([3, 3, 3, 3]);
    // The id is the body's index in each call.
    const withoutId = (verdict: LuaVerdict) => ({ ...verdict, id: undefined });
    expect(together.flat().map(withoutId)).toEqual(alone.map(withoutId));
    expect(together[0][0].exit).toBeUndefined();
    expect(together[1][0].exit?.status).toBe(400);
    expect(together[1][2]).toEqual(together[1][0]);
  });
});
