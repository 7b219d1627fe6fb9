import { createHash } from "crypto";
import { isSealedGeneratedCode, sealGeneratedCode } from "../../src/common";
import { compileLuaValidator, LUA_ENABLE_BUFFERING_CHUNK } from "../../src/validators";
import { parseSchema } from "../../src/avro";

describe("sealed generated code", () => {
  it("ends with the SHA-256 of the lines above, which any change breaks", () => {
    const sealed = sealGeneratedCode("return 1\n");
    const hash = createHash("sha256").update("return 1\n").digest("hex");
    expect(sealed).toBe(`return 1\n-- avro-kong generated, sha256 ${hash} of the lines above\n`);
    expect(isSealedGeneratedCode(sealed)).toBe(true);
    expect(isSealedGeneratedCode(sealed.replace("return 1", "return 2"))).toBe(false);
    expect(isSealedGeneratedCode(`-- a comment\n${sealed}`)).toBe(false);
    expect(isSealedGeneratedCode("return 1\n")).toBe(false);
    expect(isSealedGeneratedCode(sealed.trimEnd())).toBe(false);
  });

  it("seals every chunk the Lua compiler writes for Kong", () => {
    const chunk = compileLuaValidator(parseSchema("string"), {
      subject: "s",
      version: 1,
      fingerprint: "0000000000000000",
    });
    expect(isSealedGeneratedCode(chunk)).toBe(true);
    expect(isSealedGeneratedCode(LUA_ENABLE_BUFFERING_CHUNK)).toBe(true);
  });
});
