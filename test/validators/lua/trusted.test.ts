import { fingerprint, parseSchema } from "../../../src/avro";
import {
  compileLuaContractLogger,
  compileLuaResponseValidator,
  compileLuaValidator,
  LUA_ENABLE_BUFFERING_CHUNK,
  requestChunkAtPin,
  trustedChunk,
  type PinnedContract,
  type PinnedContracts,
} from "../../../src/validators";

const v1 = parseSchema({
  type: "record",
  name: "Order",
  namespace: "shop",
  fields: [{ name: "id", type: "string" }],
});
const v2 = parseSchema({
  type: "record",
  name: "Order",
  namespace: "shop",
  fields: [
    { name: "id", type: "string" },
    { name: "note", type: ["null", "string"], default: null },
  ],
});
const pinOf = (version: number, schema = version === 1 ? v1 : v2): PinnedContract => ({
  subject: "shop.Order",
  version,
  fingerprint: fingerprint(schema, "crc64"),
  schema,
});
const pins = (pin: PinnedContract): PinnedContracts => ({
  pinned: (subject) => (subject === pin.subject ? pin : undefined),
});
const identity = (pin: PinnedContract) => ({
  subject: pin.subject,
  version: pin.version,
  fingerprint: pin.fingerprint,
});

describe("trustedChunk: avro-kong's chunk only when it compiles again to the same bytes at the pin", () => {
  const pin = pinOf(1);
  const request = compileLuaValidator(v1, identity(pin));

  it("trusts each genuine chunk for the environment's pin, with the contract it checks", () => {
    expect(trustedChunk(request, pins(pin))).toEqual({
      kind: "contract",
      contract: expect.objectContaining({ checks: "request", subject: "shop.Order", version: 1 }),
    });
    const settings = {
      ...identity(pin),
      dialect: "avro-json" as const,
      allowUnknownFields: true,
      maxBodyBytes: 4096,
      encodings: ["json", "avro-binary"] as const,
      bufferResponse: true,
      writers: [{ fingerprint: pin.fingerprint, schema: v1 }],
    };
    const binary = compileLuaValidator(v1, settings);
    expect(trustedChunk(binary, pins(pin))?.kind).toBe("contract");
    const response = compileLuaResponseValidator(v1, { ...identity(pin), mode: "enforce" });
    expect(trustedChunk(response, pins(pin))?.kind).toBe("contract");
    expect(trustedChunk(compileLuaContractLogger(identity(pin)), pins(pin))?.kind).toBe("contract");
    expect(trustedChunk(LUA_ENABLE_BUFFERING_CHUNK, undefined)).toEqual({ kind: "buffering" });
  });

  it("does not trust a genuine chunk of another version than the environment pins", () => {
    const other = compileLuaValidator(v2, identity(pinOf(2)));
    expect(trustedChunk(other, pins(pin))).toBeUndefined();
    expect(trustedChunk(request, pins(pinOf(2)))).toBeUndefined();
    // Nor one claiming the pinned version and fingerprint for another schema's code.
    const swapped = compileLuaValidator(v2, identity(pin));
    expect(trustedChunk(swapped, pins(pin))).toBeUndefined();
  });

  it("does not trust a genuine chunk with any one byte changed", () => {
    for (const at of [request.length - 1, request.indexOf("\n") + 1, request.length >> 1]) {
      const code = request.charCodeAt(at);
      const changed = request.slice(0, at) + String.fromCharCode(code ^ 1) + request.slice(at + 1);
      expect(trustedChunk(changed, pins(pin))).toBeUndefined();
    }
    expect(trustedChunk(request + " ", pins(pin))).toBeUndefined();
    expect(trustedChunk(request.slice(0, -1), pins(pin))).toBeUndefined();
  });

  it("does not trust a forged chunk: avro-kong's first line over other code", () => {
    const forged = `${request.split("\n")[0]}\nreturn function() end\n`;
    expect(trustedChunk(forged, pins(pin))).toBeUndefined();
    // A setting the compiler refuses is no chunk of its.
    const huge = request.replace(
      "unknown fields rejected.",
      "unknown fields rejected, bodies up to 9999999999 bytes.",
    );
    expect(trustedChunk(huge, pins(pin))).toBeUndefined();
    expect(trustedChunk(request, undefined)).toBeUndefined();
  });

  it("compiles a contract's chunk once per pin and settings, for synthesis and the check alike", () => {
    const first = requestChunkAtPin(pin, {});
    expect(requestChunkAtPin(pin, { maxBodyBytes: 1024 * 1024, encodings: ["json"] })).toBe(first);
    expect(first).toBe(request);
  });
});
