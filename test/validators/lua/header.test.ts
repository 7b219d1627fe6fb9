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
      maxBodyBytes: 1048576,
      encodings: ["json"],
      bufferResponse: false,
    });
  });

  it("for request validation with every setting the compiler takes, each only when not the default", () => {
    const chunk = compileLuaValidator(schema, {
      ...identity,
      maxBodyBytes: 4096,
      encodings: ["avro-single-object", "json"],
      bufferResponse: true,
      writers: [{ fingerprint: identity.fingerprint, schema }],
    });
    expect(chunk.split("\n")[0]).toBe(
      "-- avro-kong request validation: x.A version 3 (crc64 0123456789abcdef), dialect plain, unknown fields rejected, bodies up to 4096 bytes, encodings avro-single-object+json, buffers the response. Generated; do not edit.",
    );
    expect(readChunkContract(chunk)).toMatchObject({
      maxBodyBytes: 4096,
      encodings: ["avro-single-object", "json"],
      bufferResponse: true,
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
    const header = compileLuaValidator(schema, identity).split("\n")[0];
    expect(
      readChunkContract(
        header.replace(
          ", unknown fields rejected",
          ", unknown fields rejected, encodings json+xml",
        ),
      ),
    ).toBeUndefined();
  });
});
