import { expressionReferences, scanTemplate } from "../../src/conformance";

describe("scanTemplate", () => {
  it("finds each ${…} expression and skips the $${ escape", () => {
    expect(scanTemplate("a ${var.x} b $${not} ${kong_service.s.id}")).toEqual({
      expressions: ["var.x", "kong_service.s.id"],
      unterminated: false,
    });
  });

  it("balances braces and skips quoted strings inside an expression", () => {
    expect(scanTemplate('${jsonencode({a = "}"})}!').expressions).toEqual([
      'jsonencode({a = "}"})',
    ]);
  });

  it("notices an expression that is never closed", () => {
    expect(scanTemplate("x ${var.a").unterminated).toBe(true);
  });
});

describe("expressionReferences", () => {
  it("returns traversals, dropping index steps and function names", () => {
    expect(expressionReferences('lookup(var.hosts["a"], local.k).x')).toEqual([
      ["var", "hosts"],
      ["local", "k"],
    ]);
    expect(expressionReferences("kong_route.orders_create-order_1A2B3C.id")).toEqual([
      ["kong_route", "orders_create-order_1A2B3C", "id"],
    ]);
    expect(expressionReferences("data.kong_x.y[0].host")).toEqual([
      ["data", "kong_x", "y", "host"],
    ]);
  });

  it("ignores names inside string literals", () => {
    expect(expressionReferences('format("%s", "var.nope")')).toEqual([]);
  });
});
