import { parseSchema } from "../../../src/avro";
import {
  compileLuaValidator,
  SERIALIZE_KEY_REQUEST,
  type LuaCompileOptions,
} from "../../../src/validators/lua";
import { runLuaCases, type LuaChunk, type LuaCase } from "./harness";

/** The access chunk's contract (docs/reference/lua-chunk.md), checked in LuaJIT in Kong's sandbox. */

const ORDER = parseSchema({
  type: "record",
  name: "OrderPlaced",
  namespace: "shop.orders",
  fields: [
    { name: "orderId", type: { type: "string", logicalType: "uuid" } },
    { name: "quantity", type: "int" },
    {
      name: "status",
      type: { type: "enum", name: "Status", symbols: ["NEW", "PAID"] },
      default: "NEW",
    },
    {
      name: "lines",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "Line",
          fields: [
            { name: "sku", type: "string" },
            { name: "price", type: "double" },
          ],
        },
      },
      default: [],
    },
    { name: "note", type: ["null", "string"], default: null },
  ],
});

const IDENTITY: LuaCompileOptions = {
  subject: "shop.orders.OrderPlaced",
  version: 2,
  fingerprint: "0123456789abcdef",
};

const chunk: LuaChunk = { source: compileLuaValidator(ORDER, IDENTITY) };
const run = (body: string, extra: Partial<LuaCase> = {}) =>
  runLuaCases([{ chunk, body, ...extra }])[0];

const VALID = JSON.stringify({
  orderId: "9b2f6c1e-4c1a-4f57-8d2a-0c7b7e1d2f3a",
  quantity: 3,
  lines: [{ sku: "A-1", price: 9.5 }],
});

describe("the access chunk", () => {
  it("lets a valid payload through without calling exit, and records the outcome", () => {
    const verdict = run(VALID);
    expect(verdict.error).toBeUndefined();
    expect(verdict.exit).toBeUndefined();
    expect(verdict.serialize).toEqual({
      [SERIALIZE_KEY_REQUEST]: {
        outcome: "valid",
        schema: "shop.orders.OrderPlaced",
        version: 2,
        fingerprint: "0123456789abcdef",
      },
    });
    expect(verdict.buffering).toBe(false);
  });

  it("rejects an invalid payload with 400 naming the first error, schema, version and fingerprint", () => {
    const verdict = run(JSON.stringify({ orderId: "x", quantity: 1.5, lines: [{ sku: 1 }] }));
    expect(verdict.error).toBeUndefined();
    expect(verdict.exit).toEqual({
      status: 400,
      body: {
        message: "expected int, found 1.5",
        path: "/quantity",
        schema: "shop.orders.OrderPlaced",
        version: 2,
        fingerprint: "0123456789abcdef",
      },
    });
    expect(verdict.serialize).toEqual({
      [SERIALIZE_KEY_REQUEST]: {
        outcome: "invalid",
        message: "expected int, found 1.5",
        path: "/quantity",
        schema: "shop.orders.OrderPlaced",
        version: 2,
        fingerprint: "0123456789abcdef",
      },
    });
  });

  it.each([
    [
      "a missing required field",
      { quantity: 1 },
      "/orderId",
      'missing required field "orderId" of record shop.orders.OrderPlaced',
    ],
    [
      "an unknown field",
      { orderId: "x", quantity: 1, coupon: "X" },
      "/coupon",
      'unknown field "coupon"; record shop.orders.OrderPlaced does not declare it',
    ],
    [
      "a bad array item",
      { orderId: "x", quantity: 1, lines: [{ sku: "a", price: 1 }, { sku: "b" }] },
      "/lines/1/price",
      'missing required field "price" of record shop.orders.Line',
    ],
    [
      "a symbol outside the enum",
      { orderId: "x", quantity: 1, status: "LOST" },
      "/status",
      'expected enum shop.orders.Status, found string "LOST" (expected one of: NEW, PAID)',
    ],
    [
      "a value no union branch takes",
      { orderId: "x", quantity: 1, note: 5 },
      "/note",
      "expected a value of one of the union's types (null, string), found 5",
    ],
    [
      "an int out of range",
      { orderId: "x", quantity: 2147483648 },
      "/quantity",
      "expected int, found 2147483648",
    ],
    [
      "null for a non-null field",
      { orderId: null, quantity: 1 },
      "/orderId",
      "expected string, found null",
    ],
    [
      "an array where a record is",
      [1],
      "",
      "expected record shop.orders.OrderPlaced, found array (a JSON object)",
    ],
  ])("reports %s at its JSON Pointer", (_, payload, path, message) => {
    const verdict = run(JSON.stringify(payload));
    expect(verdict.exit?.status).toBe(400);
    expect(verdict.exit?.body).toMatchObject({ path, message });
  });

  it("answers 415 when the body is not declared as JSON, and 400 when it does not decode", () => {
    const [noType, text, broken, scalar, empty] = runLuaCases([
      { chunk, body: VALID, contentType: null },
      { chunk, body: VALID, contentType: "text/plain" },
      { chunk, body: "{", contentType: "application/json; charset=utf-8" },
      { chunk, body: "42" },
      { chunk, body: "" },
    ]);
    expect(noType.exit).toMatchObject({
      status: 415,
      body: {
        message:
          "expected a JSON request body (Content-Type: application/json): missing content type",
        path: "",
      },
    });
    expect(text.exit?.status).toBe(415);
    for (const verdict of [broken, scalar, empty]) {
      expect(verdict.exit).toMatchObject({
        status: 400,
        body: {
          message: "the request body is not a JSON object or array: invalid json body",
          schema: "shop.orders.OrderPlaced",
          fingerprint: "0123456789abcdef",
        },
      });
    }
  });

  it("decodes +json media types as JSON, except the patch formats", () => {
    const [vendor, vendorInvalid, mergePatch, jsonPatch, withParameters] = runLuaCases([
      { chunk, body: VALID, contentType: "application/vnd.shop.order+json; version=2" },
      { chunk, body: "{}", contentType: "application/vnd.shop.order+json" },
      { chunk, body: VALID, contentType: "application/merge-patch+json" },
      { chunk, body: "[]", contentType: "application/json-patch+json" },
      { chunk, body: VALID, contentType: "Application/JSON ; charset=UTF-8" },
    ]);
    expect(vendor.exit).toBeUndefined();
    expect(vendorInvalid.exit?.status).toBe(400);
    expect(mergePatch.exit).toMatchObject({
      status: 415,
      body: {
        message:
          "a patch (application/merge-patch+json) describes changes, not a whole document, and cannot be validated against shop.orders.OrderPlaced",
      },
    });
    // Kong's prefix match would decode this one as JSON; the chunk refuses it all the same.
    expect(jsonPatch.exit?.status).toBe(415);
    expect(withParameters.exit).toBeUndefined();
  });

  it("turns on buffered proxying for routes that validate responses, only once the request passed", () => {
    const buffered: LuaChunk = {
      source: compileLuaValidator(ORDER, { ...IDENTITY, bufferResponse: true }),
    };
    const [valid, invalid] = runLuaCases([
      { chunk: buffered, body: VALID },
      { chunk: buffered, body: "{}" },
    ]);
    expect(valid.buffering).toBe(true);
    expect(valid.exit).toBeUndefined();
    expect(invalid.buffering).toBe(false);
    expect(invalid.exit?.status).toBe(400);
  });

  it("refuses a repeated key whichever value is valid, naming it (docs/reference/json-dialects.md)", () => {
    // lua-cjson keeps the last value; a service that keeps the first would read an unchecked one.
    const last = (quantity: string): string =>
      `{"orderId": "9b2f6c1e-4c1a-4f57-8d2a-0c7b7e1d2f3a", "quantity": ${quantity}}`;
    for (const body of [last('"three", "quantity": 3'), last('3, "quantity": "three"')])
      expect(run(body).exit).toMatchObject({
        status: 400,
        body: {
          path: "/quantity",
          message: expect.stringMatching(/^key repeated in this object; /),
        },
      });
  });

  it("writes a string version as a string", () => {
    const named: LuaChunk = {
      source: compileLuaValidator(ORDER, { ...IDENTITY, version: "unversioned" }),
    };
    const [verdict] = runLuaCases([{ chunk: named, body: "{}" }]);
    expect(verdict.exit?.body).toMatchObject({ version: "unversioned" });
  });
});

describe("the access chunk on bodies of every size", () => {
  // A valid order padded to `size` bytes with whitespace, which JSON ignores.
  const padded = (size: number) => VALID + " ".repeat(size - VALID.length);
  const limited: LuaChunk = {
    source: compileLuaValidator(ORDER, { ...IDENTITY, maxBodyBytes: 20000 }),
  };
  const tooLarge = {
    status: 413,
    body: {
      message: "the request body is larger than this route's limit of 20000 bytes",
      path: "",
      schema: "shop.orders.OrderPlaced",
      version: 2,
      fingerprint: "0123456789abcdef",
    },
  };

  it("validates a body nginx buffered to a temp file (above client_body_buffer_size)", () => {
    const [inMemory, onDisk, onDiskInvalid] = runLuaCases([
      { chunk: limited, body: padded(8192) },
      { chunk: limited, body: padded(8193) },
      { chunk: limited, body: padded(19000).replace('"quantity":3', '"quantity":"3"') },
    ]);
    expect(inMemory.exit).toBeUndefined();
    expect(onDisk.exit).toBeUndefined();
    expect(onDisk.serialize?.[SERIALIZE_KEY_REQUEST]).toMatchObject({ outcome: "valid" });
    expect(onDiskInvalid.exit).toMatchObject({ status: 400, body: { path: "/quantity" } });
  });

  it("answers 413 above the limit, announced by Content-Length or found while reading a chunked body", () => {
    const [exact, announced, chunked] = runLuaCases([
      { chunk: limited, body: padded(20000) },
      { chunk: limited, body: padded(20001) },
      { chunk: limited, body: padded(20001), chunked: true },
    ]);
    expect(exact.exit).toBeUndefined();
    expect(announced.exit).toEqual(tooLarge);
    expect(chunked.exit).toEqual(tooLarge);
    expect(chunked.serialize?.[SERIALIZE_KEY_REQUEST]).toEqual({
      outcome: "invalid",
      ...tooLarge.body,
    });
  });

  it("answers 413 naming the buffer on a Kong whose get_body cannot read a temp file", () => {
    const [small, buffered] = runLuaCases([
      { chunk: limited, body: padded(8000), noMaxFileSize: true },
      { chunk: limited, body: padded(9000), noMaxFileSize: true },
    ]);
    expect(small.exit).toBeUndefined();
    expect(buffered.exit).toEqual({
      status: 413,
      body: {
        ...tooLarge.body,
        message:
          "the request body is larger than the gateway's client_body_buffer_size and this Kong cannot read it from disk",
      },
    });
  });

  it("reads up to 1 MiB by default", () => {
    const [fits, over] = runLuaCases([
      { chunk, body: padded(1024 * 1024) },
      { chunk, body: padded(1024 * 1024 + 1), chunked: true },
    ]);
    expect(fits.exit).toBeUndefined();
    expect(over.exit?.status).toBe(413);
  });

  it("refuses a limit that is not a whole number of bytes from 1 to 128 MiB", () => {
    expect(() => compileLuaValidator(ORDER, { ...IDENTITY, maxBodyBytes: 0 })).toThrow(
      "the shop.orders.OrderPlaced validator maxBodyBytes 0 is invalid; expected a whole number of bytes from 1 to 134217728.",
    );
  });
});
