import { Type } from "avsc";
import { fingerprint, parseSchema } from "../../../src/avro";
import { compileLuaValidator } from "../../../src/validators/lua";
import type { LuaCompileOptions } from "../../../src/validators/lua";
import { runLuaCases } from "../lua/harness";

/** The request chunk with binary encodings, in LuaJIT under Kong's sandbox allow list. */

const ORDER_JSON = {
  type: "record",
  name: "shop.Order",
  fields: [
    { name: "id", type: "string" },
    { name: "lines", type: { type: "array", items: "int" } },
  ],
};
const schema = parseSchema(ORDER_JSON);
const type = Type.forSchema(ORDER_JSON as never);
const FP = fingerprint(schema);
const base: LuaCompileOptions = { subject: "shop.Order", version: 3, fingerprint: FP };
const valid = type.toBuffer({ id: "a", lines: [1, 2] });
const single = (fp: string, body: Buffer) =>
  Buffer.concat([Buffer.from([0xc3, 0x01]), Buffer.from(fp, "hex"), body]);

function run(options: Partial<LuaCompileOptions>, body: Uint8Array | string, contentType: string) {
  const chunk = { source: compileLuaValidator(schema, { ...base, ...options }) };
  return runLuaCases([{ chunk, body, contentType }])[0];
}

const all = { encodings: ["json", "avro-binary", "avro-single-object"] } as const;

describe("the request chunk with binary encodings", () => {
  it("passes a valid avro/binary or single-object body and records it valid", () => {
    for (const [body, media] of [
      [valid, "avro/binary"],
      [single(FP, valid), "application/vnd.apache.avro+binary"],
    ] as const) {
      const verdict = run(all, body, media);
      expect(verdict.exit).toBeUndefined();
      expect(verdict.serialize?.["avro_validation.request"]).toMatchObject({ outcome: "valid" });
    }
  });

  it("answers 400 with the walker's message and path, and the log record, as for JSON", () => {
    const verdict = run(all, valid.subarray(0, valid.length - 1), "avro/binary; charset=x");
    const expected = {
      message: "the body ends inside the array that starts at byte 5",
      path: "/lines",
      schema: "shop.Order",
      version: 3,
      fingerprint: FP,
    };
    expect(verdict.exit).toEqual({ status: 400, body: expected });
    expect(verdict.serialize?.["avro_validation.request"]).toEqual({
      outcome: "invalid",
      schema: "shop.Order",
      version: 3,
      fingerprint: FP,
      message: expected.message,
      path: "/lines",
    });
  });

  it("names a fingerprint the route does not accept", () => {
    const verdict = run(
      all,
      single("0011223344556677", valid),
      "application/vnd.apache.avro+binary",
    );
    expect(verdict.exit?.status).toBe(400);
    expect((verdict.exit?.body as { message: string }).message).toBe(
      `the body's schema fingerprint 0011223344556677 is not one this route accepts (${FP})`,
    );
  });

  it("accepts an earlier writer's body when the route lists it", () => {
    const older = parseSchema({
      type: "record",
      name: "shop.Order",
      fields: [{ name: "id", type: "string" }],
    });
    const writers = [
      { fingerprint: FP, schema },
      { fingerprint: fingerprint(older), schema: older },
    ];
    const body = single(fingerprint(older), Buffer.from([2, 0x61]));
    expect(
      run({ ...all, writers }, body, "application/vnd.apache.avro+binary").exit,
    ).toBeUndefined();
    expect(run(all, body, "application/vnd.apache.avro+binary").exit?.status).toBe(400);
  });

  it("keeps JSON-only routes as they were, and answers 415 to JSON on binary-only routes", () => {
    expect(run({}, valid, "avro/binary").exit?.status).toBe(415);
    expect(run({}, '{"id": "a", "lines": []}', "application/json").exit).toBeUndefined();
    expect(run(all, '{"id": "a", "lines": []}', "application/json").exit).toBeUndefined();
    const binaryOnly = run(
      { encodings: ["avro-binary"] },
      '{"id": "a", "lines": []}',
      "application/json",
    );
    expect(binaryOnly.exit).toMatchObject({ status: 415 });
    expect((binaryOnly.exit?.body as { message: string }).message).toBe(
      "expected a request body of Content-Type avro/binary, found application/json",
    );
  });

  it("answers 413 to a binary body above the route's limit", () => {
    const big = type.toBuffer({ id: "x".repeat(200), lines: [] });
    expect(run({ ...all, maxBodyBytes: 100 }, big, "avro/binary").exit?.status).toBe(413);
  });
});
