import { checkRouteRegex } from "../../src/router";
import { ACCEPTED, PCRE_ERRORS, RUST_ERRORS } from "./regex-cases";

describe("checkRouteRegex", () => {
  it.each(ACCEPTED)("accepts %s", (regex) => {
    expect(checkRouteRegex(regex)).toBeUndefined();
  });

  it.each(PCRE_ERRORS)("refuses %s, a PCRE syntax error, at offset %d", (regex, index, message) => {
    expect(checkRouteRegex(regex)).toEqual({ index, message });
  });

  it.each(RUST_ERRORS)(
    "refuses %s, which Kong's default router refuses, at offset %d",
    (regex, index, message) => {
      expect(checkRouteRegex(regex)).toEqual({ index, message });
    },
  );
});
