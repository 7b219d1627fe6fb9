import { parseSchema } from "../../../src/avro";
import {
  compileLuaResponseValidator,
  compileLuaValidator,
  SERIALIZE_KEY_RESPONSE,
} from "../../../src/validators/lua";
import { runLuaCases, type LuaChunk } from "./harness";

/** The header_filter chunk: report (log, pass through) or enforce (502 with a JSON error). */

const ACCEPTED = parseSchema({
  type: "record",
  name: "OrderAccepted",
  namespace: "shop.orders",
  fields: [
    { name: "orderId", type: "string" },
    { name: "acceptedAt", type: { type: "long", logicalType: "timestamp-millis" } },
  ],
});

const IDENTITY = {
  subject: "shop.orders.OrderAccepted",
  version: 1,
  fingerprint: "aabbccddeeff0011",
};
const report: LuaChunk = {
  source: compileLuaResponseValidator(ACCEPTED, IDENTITY),
  phase: "header_filter",
};
const enforce: LuaChunk = {
  source: compileLuaResponseValidator(ACCEPTED, { ...IDENTITY, mode: "enforce" }),
  phase: "header_filter",
};
const GOOD = JSON.stringify({ orderId: "o-1", acceptedAt: 1764115200000 });
const BAD = JSON.stringify({ orderId: "o-1", acceptedAt: "yesterday" });

describe("response validation in header_filter", () => {
  it("records a valid response and leaves it alone", () => {
    const [verdict] = runLuaCases([{ chunk: enforce, body: GOOD }]);
    expect(verdict.error).toBeUndefined();
    expect(verdict.exit).toBeUndefined();
    expect(verdict.serialize?.[SERIALIZE_KEY_RESPONSE]).toEqual({
      outcome: "valid",
      schema: "shop.orders.OrderAccepted",
      version: 1,
      fingerprint: "aabbccddeeff0011",
    });
  });

  it("report mode logs the violation with the fingerprint and passes the response through", () => {
    const [verdict] = runLuaCases([{ chunk: report, body: BAD }]);
    expect(verdict.error).toBeUndefined();
    expect(verdict.exit).toBeUndefined();
    expect(verdict.serialize?.[SERIALIZE_KEY_RESPONSE]).toEqual({
      outcome: "invalid",
      mode: "report",
      path: "/acceptedAt",
      message: 'expected long, found string "yesterday"',
      schema: "shop.orders.OrderAccepted",
      version: 1,
      fingerprint: "aabbccddeeff0011",
    });
    expect(verdict.logs).toEqual([
      {
        level: "warn",
        message:
          "avro-kong: response does not match shop.orders.OrderAccepted version 1 (aabbccddeeff0011) at '/acceptedAt': expected long, found string \"yesterday\"",
      },
    ]);
  });

  it("enforce mode replaces the response with 502 and a JSON error", () => {
    const [verdict] = runLuaCases([{ chunk: enforce, body: BAD }]);
    expect(verdict.error).toBeUndefined();
    expect(verdict.exit).toEqual({
      status: 502,
      body: {
        message:
          'the upstream response does not match its schema: expected long, found string "yesterday"',
        path: "/acceptedAt",
        schema: "shop.orders.OrderAccepted",
        version: 1,
        fingerprint: "aabbccddeeff0011",
      },
    });
    expect(verdict.serialize?.[SERIALIZE_KEY_RESPONSE]).toMatchObject({
      outcome: "invalid",
      mode: "enforce",
    });
  });

  it("treats a body that is not JSON as a violation", () => {
    const [text, broken] = runLuaCases([
      { chunk: enforce, body: "ok", contentType: "text/plain" },
      { chunk: enforce, body: "{", contentType: "application/json" },
    ]);
    expect(text.exit).toMatchObject({ status: 502, body: { path: "" } });
    expect(broken.exit).toMatchObject({
      status: 502,
      body: {
        message:
          "the upstream response does not match its schema: the response body is not a JSON object or array: invalid json body",
      },
    });
  });

  it("checks only the service's 2xx responses, and skips when the body was not buffered", () => {
    const [notFound, noContent, kongsOwn, unbuffered] = runLuaCases([
      { chunk: enforce, body: BAD, status: 404 },
      { chunk: enforce, body: "", status: 204 },
      { chunk: enforce, body: BAD, source: "exit" },
      { chunk: enforce, body: BAD, buffered: false },
    ]);
    for (const verdict of [notFound, noContent, kongsOwn, unbuffered]) {
      expect(verdict.error).toBeUndefined();
      expect(verdict.exit).toBeUndefined();
    }
    expect(notFound.serialize).toEqual({});
    expect(kongsOwn.serialize).toEqual({});
    expect(unbuffered.serialize?.[SERIALIZE_KEY_RESPONSE]).toMatchObject({
      outcome: "skipped",
      message: "the response body was not buffered",
    });
  });

  it("relies on the access chunk turning buffering on", () => {
    const access: LuaChunk = {
      source: compileLuaValidator(ACCEPTED, { ...IDENTITY, bufferResponse: true }),
    };
    const [verdict] = runLuaCases([{ chunk: access, body: GOOD }]);
    expect(verdict.buffering).toBe(true);
  });
});
