import { clipText, escapeControl } from "../../src/common";

describe("escapeControl", () => {
  it("writes NUL, ESC, DEL, C1, separators and bidi overrides as \\u escapes", () => {
    expect(escapeControl("a\u0000b\u001b[31mc\u007f\u009b\u2028\u202e")).toBe(
      "a\\u0000b\\u001b[31mc\\u007f\\u009b\\u2028\\u202e",
    );
  });

  it("escapes newlines and tabs too, unless lines are kept", () => {
    expect(escapeControl("a\nb\tc\r")).toBe("a\\u000ab\\u0009c\\u000d");
    expect(escapeControl("a\nb\tc\r\u001b", { keepLines: true })).toBe("a\nb\tc\\u000d\\u001b");
  });
});

describe("clipText", () => {
  it("cuts at a word boundary, never inside a word", () => {
    expect(clipText("incompatible contract change", 20)).toBe("incompatible…");
    expect(clipText("short", 20)).toBe("short");
  });

  it("cuts a single long word without splitting a surrogate pair", () => {
    expect(clipText("ab😀cd", 4)).toBe("ab…");
  });
});
