import { parseSchema } from "../../../src/avro";
import {
  compileLuaContractLogger,
  compileLuaResponseValidator,
  compileLuaValidator,
  LUA_ENABLE_BUFFERING_CHUNK,
  readChunkContract,
} from "../../../src/validators";

const schema = parseSchema({ type: "record", name: "A", namespace: "x", fields: [] });
const identity = { subject: "x.A", version: 3, fingerprint: "0123456789abcdef" };

describe("a chunk's first line states its contract", () => {
  it("for request validation", () => {
    const chunk = compileLuaValidator(schema, { ...identity, dialect: "avro-json" });
    expect(chunk.split("\n")[0]).toBe(
      "-- avro-kong request validation: x.A version 3 (crc64 0123456789abcdef), dialect avro-json, unknown fields rejected. Generated; do not edit.",
    );
    expect(readChunkContract(chunk)).toEqual({
      checks: "request",
      ...identity,
      dialect: "avro-json",
      allowUnknownFields: false,
      mode: "enforce",
    });
  });

  it("for response validation, with its mode", () => {
    const chunk = compileLuaResponseValidator(schema, {
      ...identity,
      mode: "enforce",
      allowUnknownFields: true,
    });
    expect(readChunkContract(chunk)).toEqual({
      checks: "response",
      ...identity,
      dialect: "plain",
      allowUnknownFields: true,
      mode: "enforce",
    });
    expect(readChunkContract(compileLuaResponseValidator(schema, identity))?.mode).toBe("report");
  });

  it("for the log chunk beside request-validator", () => {
    expect(readChunkContract(compileLuaContractLogger(identity))).toEqual({
      checks: "request-log",
      ...identity,
      mode: "enforce",
    });
  });

  it("and nothing is read from other Lua", () => {
    expect(readChunkContract(LUA_ENABLE_BUFFERING_CHUNK)).toBeUndefined();
    expect(
      readChunkContract("-- avro-kong request validation: x.A version 3\nreturn function() end"),
    ).toBeUndefined();
  });
});
