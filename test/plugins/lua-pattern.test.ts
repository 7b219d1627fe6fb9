import { luaPatternToRegExp } from "../../src/plugins";

describe("luaPatternToRegExp", () => {
  it("keeps Lua's find semantics: unanchored unless ^ or $ are given", () => {
    expect(luaPatternToRegExp("//").test("/a//b")).toBe(true);
    expect(luaPatternToRegExp("//").test("/a/b")).toBe(false);
    expect(luaPatternToRegExp("^ab$").test("xab")).toBe(false);
    expect(luaPatternToRegExp("^ab$").test("ab")).toBe(true);
  });

  it("translates file-log's filename rule: %% is a literal percent sign inside a set", () => {
    const filename = luaPatternToRegExp("^[^*&%%\\`]+$");
    expect(filename.test("/var/log/kong/orders.log")).toBe(true);
    for (const bad of ["/tmp/a*b", "/tmp/a&b", "/tmp/100%", "/tmp/a\\b", "/tmp/a`b", ""]) {
      expect(filename.test(bad)).toBe(false);
    }
  });

  it("treats %- as a literal dash and keeps the [nn] quirk of http-log's Content-Length rule", () => {
    const contentLength = luaPatternToRegExp(
      "^[Cc][Oo][Nn][Tt][Ee][Nn][Tt]%-[Ll][Ee][nn][Gg][Tt][Hh]$",
    );
    expect(contentLength.test("Content-Length")).toBe(true);
    expect(contentLength.test("content-length")).toBe(true);
    expect(contentLength.test("Content-LeNgth")).toBe(false);
  });

  it("supports character classes, their complements, ranges and the lazy quantifier", () => {
    expect(luaPatternToRegExp("^%d+$").test("123")).toBe(true);
    expect(luaPatternToRegExp("^%d+$").test("12a")).toBe(false);
    expect(luaPatternToRegExp("^%S+$").test("a b")).toBe(false);
    expect(luaPatternToRegExp("^[a-c%d]+$").test("abc123")).toBe(true);
    expect("a-b-c".match(luaPatternToRegExp("a.-b"))?.[0]).toBe("a-b");
    expect(luaPatternToRegExp("^a.b$").test("a\nb")).toBe(true);
    expect(luaPatternToRegExp("a$b").test("a$b")).toBe(true);
  });

  it("refuses what it cannot translate rather than skipping a rule", () => {
    expect(() => luaPatternToRegExp("%b()")).toThrow("Unsupported Lua pattern item %b in %b().");
    expect(() => luaPatternToRegExp("(a)")).toThrow("Unsupported capture in Lua pattern (a).");
    expect(() => luaPatternToRegExp("[abc")).toThrow("Malformed Lua pattern [abc.");
  });
});
