import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readCosts, total } from "../../bench/callgrind";
import { instructionLines, loopChunk, measureInstructions } from "../../bench/gateway-instructions";
import { benchRoutes } from "../../bench/gateway-routes";

/**
 * `npm run bench -- gateway-instructions`: callgrind's files read right (self and inclusive
 * costs), the arithmetic of its lines, the loop route's chunk, and a tiny run under valgrind.
 */

// Two objects, compressed names, a call whose inclusive cost is the callee's, not the caller's.
const FILE = `# callgrind format
version: 1
positions: line
events: Ir
summary: 100

ob=(1) /usr/sbin/nginx
fl=(1) ???
fn=(1) ngx_http_lua_access_handler
0 10
+2 5
cob=(2) /usr/lib/libluajit.so
cfi=(1)
cfn=(2) 0x0000000000001000
calls=1 0
* 60

ob=(2)
fl=(1)
fn=(2)
0 60

ob=(1)
fn=(3) ngx_palloc
-1 25
`;

describe("reading callgrind's output", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callgrind-test-"));
  const file = path.join(dir, "out");
  fs.writeFileSync(file, FILE);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("counts what each function ran itself, by object, the callee's cost to the callee", () => {
    const { self } = readCosts(file);
    expect(Object.fromEntries(self)).toEqual({
      "/usr/sbin/nginx\tngx_http_lua_access_handler": 15,
      "/usr/lib/libluajit.so\t0x0000000000001000": 60,
      "/usr/sbin/nginx\tngx_palloc": 25,
    });
    expect(total(self)).toBe(100);
  });

  it("counts a function's calls in its inclusive cost", () => {
    const { inclusive } = readCosts(file);
    expect(inclusive.get("ngx_http_lua_access_handler")).toBe(75);
    expect(inclusive.get("ngx_palloc")).toBe(25);
  });
});

describe("the instruction lines", () => {
  const costs = (entries: Record<string, number>) => ({
    self: new Map(Object.entries(entries)),
    inclusive: new Map<string, number>(),
  });
  it("split what validation adds into the chunk's function per call and the rest", () => {
    const lines = Object.fromEntries(
      instructionLines(
        {
          plain: costs({ a: 100 }),
          read: costs({ a: 110 }),
          validate: costs({ a: 130, b: 20 }),
          whole1: costs({ a: 140, b: 20 }),
          wholeN: costs({ a: 140, b: 20, c: 450 }), // 10 calls: 9 more at 50 each
          wrapper1: costs({ a: 140 }),
          wrapperN: costs({ a: 140, c: 90 }),
        },
        10,
      ).map(([name, cost]) => [name.trim(), total(cost)]),
    );
    expect(lines).toEqual({
      "plain route (the baseline)": 100,
      "read route, added": 10,
      "validating route, added": 50,
      "chunk function, per call": 50,
      "its wrapper (the scanner stubbed)": 10,
      "the scanner": 40,
      "added outside the chunk function": 0,
    });
  });
});

describe("the loop route's chunk", () => {
  it("calls the order chunk's function whole or as its wrapper, as often as asked", () => {
    const chunk = loopChunk(benchRoutes().order.access[0]);
    expect(chunk).toContain("local whole = function()");
    expect(chunk).toContain("local wrapper = function()");
    // The wrapper's scanner is a stub that shadows the chunk's own.
    expect(chunk.indexOf("local scan_body = function() return true end")).toBeGreaterThan(
      chunk.indexOf("local whole = function()"),
    );
    expect(chunk).toContain('kong.request.get_header("x-bench-calls")');
  });
});

describe("a tiny run under valgrind", () => {
  it("counts every route and the chunk's function on the 1 KB order", async () => {
    const [row] = await measureInstructions({
      requests: 2,
      rounds: 1,
      // Enough for LuaJIT to compile its traces before the counting: compiling is costly.
      warmup: 100,
      loops: 2,
      bodies: ["1 KB"],
    });
    expect(row.label).toBe("1 KB");
    // Garbage collection lands in lumps of 10^5 instructions: two requests say nothing about
    // differences, only that every measurement counted whole requests and their phases.
    for (const costs of Object.values(row.measured)) {
      expect(total(costs.self)).toBeGreaterThan(10_000);
      expect(costs.inclusive.get("ngx_http_lua_access_handler")).toBeGreaterThan(1_000);
      expect(costs.inclusive.get("ngx_http_lua_log_handler")).toBeGreaterThan(1_000);
    }
    expect(instructionLines(row.measured, 2)).toHaveLength(7);
  }, 300_000);
});
