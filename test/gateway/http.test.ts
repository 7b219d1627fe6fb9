import * as http from "http";
import * as zlib from "zlib";
import { ORDER_SCHEMA, orderBody } from "../../bench/workloads";
import { compileLuaResponseValidator, compileLuaValidator } from "../../src/validators/lua";
import {
  send,
  startCollector,
  startGateway,
  startUpstream,
  type BedRequest,
  type Collector,
  type Gateway,
  type Upstream,
} from "./bed";

/**
 * What a gateway meets on the wire, through real nginx with Kong's body buffering (8k in
 * memory, larger bodies in a temp file): body sizes, chunked bodies, media types, encodings,
 * bytes that are not UTF-8, keep-alive connections and concurrent clients.
 */

const PHASE_PROBE = `return function()
  local _, body_err = pcall(kong.request.get_body)
  local _, buffering_err = pcall(kong.service.request.enable_buffering)
  ngx.header["X-Get-Body"] = body_err
  ngx.header["X-Enable-Buffering"] = buffering_err
end
`;

const IDENTITY = {
  subject: "shop.orders.OrderPlaced",
  version: 7,
  fingerprint: "00112233aabbccdd",
};
const MIB = 1024 * 1024;

let upstream: Upstream;
let collector: Collector;
let gateway: Gateway;
let sequence = 0;

beforeAll(async () => {
  upstream = await startUpstream();
  collector = await startCollector();
  gateway = await startGateway({
    upstreamPort: upstream.port,
    collectorPort: collector.port,
    routes: {
      // The default limit (1 MiB) and a route that raised it to 16 MiB.
      orders: { name: "orders", access: [compileLuaValidator(ORDER_SCHEMA, IDENTITY)] },
      bulk: {
        name: "bulk",
        access: [compileLuaValidator(ORDER_SCHEMA, { ...IDENTITY, maxBodyBytes: 16 * MIB })],
      },
      echo: {
        name: "echo",
        access: [compileLuaValidator(ORDER_SCHEMA, { ...IDENTITY, bufferResponse: true })],
        header_filter: [
          compileLuaResponseValidator(ORDER_SCHEMA, { ...IDENTITY, mode: "enforce" }),
        ],
      },
      // Response validation without buffered proxying: nothing to read, the chunk says so.
      unbuffered: {
        name: "unbuffered",
        header_filter: [
          compileLuaResponseValidator(ORDER_SCHEMA, { ...IDENTITY, mode: "enforce" }),
        ],
      },
      // PDK calls outside their phases raise Kong's error; the chunk reports what it caught.
      phases: {
        name: "phases",
        header_filter: [PHASE_PROBE],
      },
    },
  });
  // The echo route's upstream answers with the body it received, or an invalid one if asked.
  upstream.answer("echo", (request) => ({
    headers: { "Content-Type": "application/json" },
    body:
      request.headers["x-answer"] === "invalid"
        ? INVALID
        : request.headers["x-answer"] === "nul-tail"
          ? Buffer.concat([request.body, Buffer.from([0]), Buffer.from(INVALID)])
          : request.headers["x-answer"] === "repeated-key"
            ? repeatKey(orderBody(2))
            : request.body,
  }));
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  await collector?.close();
});

/** A valid order of exactly `size` bytes (UTF-8): the largest smaller order, padded with spaces. */
function orderOfSize(size: number): string {
  const bytes = (lines: number) => Buffer.byteLength(orderBody(lines));
  let lines = 1;
  while (bytes(lines * 2) <= size) lines *= 2;
  for (let step = lines / 2; step >= 1; step /= 2) if (bytes(lines + step) <= size) lines += step;
  return orderBody(lines) + " ".repeat(size - bytes(lines));
}

const INVALID = orderBody(2).replace('"quantity":1', '"quantity":"1"');
/** The order with its first line's quantity written twice, both valid: refused at /lines/0/quantity. */
const repeatKey = (order: string): string =>
  order.replace('"quantity":1', '"quantity":1,"quantity":2');
const REPEATED_KEY =
  "key repeated in this object; a JSON object must not repeat a key (decoders differ on which value they keep)";

async function call(request: Omit<BedRequest, "path"> & { path?: string }) {
  const id = `http-${++sequence}`;
  const answer = await send(gateway.url, {
    path: "/orders",
    ...request,
    headers: { "x-test-id": id, ...request.headers },
  });
  return { id, answer, received: () => upstream.byTestId(id) };
}

async function expectPassed(
  request: Omit<BedRequest, "path"> & { path?: string },
  sent: string | Buffer = request.body ?? "",
) {
  const { id, answer, received } = await call(request);
  expect({ status: answer.status, body: answer.json }).toEqual({ status: 200, body: { ok: true } });
  expect(received()?.body.equals(Buffer.from(sent))).toBe(true);
  const record = await collector.recordFor(id);
  // Kong's log record names who answered: the upstream, or Kong itself (an exit or an error).
  expect(record.source).toBe("upstream");
  expect(record.avro_validation?.request).toEqual({
    outcome: "valid",
    schema: IDENTITY.subject,
    version: IDENTITY.version,
    fingerprint: IDENTITY.fingerprint,
  });
}

async function expectRefused(
  request: Omit<BedRequest, "path"> & { path?: string },
  status: number,
  message: string | RegExp,
) {
  const { id, answer, received } = await call(request);
  expect(answer.status).toBe(status);
  expect(answer.json).toEqual({
    message: typeof message === "string" ? message : expect.stringMatching(message),
    path: expect.any(String),
    schema: IDENTITY.subject,
    version: IDENTITY.version,
    fingerprint: IDENTITY.fingerprint,
  });
  expect(received()).toBeUndefined();
  const record = await collector.recordFor(id);
  expect(record.source).toBe("kong");
  expect(record.avro_validation?.request).toEqual({ outcome: "invalid", ...answer.json });
  return answer;
}

const TOO_LARGE = "the request body is larger than this route's limit of 1048576 bytes";

describe("body sizes around Kong's 8k body buffer and the route's limit", () => {
  it("answers an empty body 400: it is not JSON", async () => {
    await expectRefused(
      { body: "" },
      400,
      "the request body is not a JSON object or array: invalid json body",
    );
  });

  it.each([8191, 8192, 8193, 64 * 1024])("validates a body of %d bytes", async (size) => {
    await expectPassed({ body: orderOfSize(size) });
  });

  it("refuses an invalid body that nginx buffered to a temp file, at its path", async () => {
    const body = orderOfSize(20000).replace('"quantity":1', '"quantity":-1.5');
    const answer = await expectRefused({ body }, 400, /^expected int, found -1.5/);
    expect(answer.json?.path).toBe("/lines/0/quantity");
  });

  it("validates a 1 MB body and refuses one byte over the 1 MiB default, announced or chunked", async () => {
    await expectPassed({ body: orderOfSize(1_000_000) });
    await expectPassed({ body: orderOfSize(MIB) });
    await expectRefused({ body: orderOfSize(MIB + 1) }, 413, TOO_LARGE);
    await expectRefused({ body: orderOfSize(MIB + 1), chunkSize: 64 * 1024 }, 413, TOO_LARGE);
  });

  it("validates 10 MB on a route whose limit allows it, and refuses it on the default route", async () => {
    const body = orderOfSize(10 * 1000 * 1000);
    await expectPassed({ path: "/bulk", body });
    await expectPassed({ path: "/bulk", body, chunkSize: 256 * 1024 });
    await expectRefused({ body }, 413, TOO_LARGE);
  });
});

describe("chunked transfer encoding", () => {
  it("validates chunked bodies held in memory and in a temp file", async () => {
    await expectPassed({ body: orderOfSize(2000), chunkSize: 100 });
    await expectPassed({ body: orderOfSize(50000), chunkSize: 4096 });
    await expectRefused({ body: INVALID, chunkSize: 10 }, 400, /^expected int/);
  });
});

describe("media types", () => {
  it("takes application/json with parameters, in any case", async () => {
    await expectPassed({
      body: orderBody(1),
      headers: { "Content-Type": "Application/JSON; charset=UTF-8" },
    });
  });

  it("takes a vendor +json type as JSON, and validates it", async () => {
    const vendor = { "Content-Type": "application/vnd.shop.order+json; version=7" };
    await expectPassed({ body: orderBody(1), headers: vendor });
    await expectRefused({ body: INVALID, headers: vendor }, 400, /^expected int/);
  });

  it("refuses the patch formats, a missing Content-Type and other types with 415", async () => {
    await expectRefused(
      { body: '{"quantity":2}', headers: { "Content-Type": "application/merge-patch+json" } },
      415,
      "a patch (application/merge-patch+json) describes changes, not a whole document, and cannot be validated against shop.orders.OrderPlaced",
    );
    await expectRefused(
      { body: "[]", headers: { "Content-Type": "application/json-patch+json" } },
      415,
      /^a patch \(application\/json-patch\+json\)/,
    );
    await expectRefused(
      { body: orderBody(1), headers: { "Content-Type": null } },
      415,
      "expected a JSON request body (Content-Type: application/json): missing content type",
    );
    await expectRefused(
      { body: orderBody(1), headers: { "Content-Type": "text/plain" } },
      415,
      "expected a JSON request body (Content-Type: application/json): unsupported content type 'text/plain'",
    );
  });
});

describe("header names with underscores, as Kong's nginx reads them", () => {
  it("takes Content_Type as Content-Type", async () => {
    await expectPassed({
      body: orderBody(1),
      headers: { "Content-Type": null, Content_Type: "application/json" },
    });
  });

  it("reads the first of Content-Type and Content_Type sent", async () => {
    await expectPassed({
      body: orderBody(1),
      headers: { "Content-Type": "application/json", Content_Type: "text/plain" },
    });
    // The client sends Content-Type where its first key was; a null there leaves it to the later one.
    await expectRefused(
      {
        body: orderBody(1),
        headers: {
          "Content-Type": null,
          Content_Type: "text/plain",
          "content-type": "application/json",
        },
      },
      415,
      "expected a JSON request body (Content-Type: application/json): unsupported content type 'text/plain'",
    );
  });
});

describe("encodings and bytes", () => {
  it("refuses a gzip-encoded body with 415: neither nginx nor Kong decompress requests", async () => {
    await expectRefused(
      { body: zlib.gzipSync(orderBody(3)), headers: { "Content-Encoding": "gzip" } },
      415,
      "the request body is compressed (Content-Encoding: gzip); send it uncompressed",
    );
  });

  it("refuses bytes that are not UTF-8 inside a string, which cjson passes (docs/reference/json-dialects.md)", async () => {
    const order = orderBody(1);
    const at = order.indexOf('"C-004211"') + 3;
    const body = Buffer.concat([
      Buffer.from(order.slice(0, at)),
      Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]),
      Buffer.from(order.slice(at + 6)),
    ]);
    await expectRefused(
      { body },
      400,
      `the request body is not JSON text: invalid UTF-8 (byte 0xFF at byte offset ${at}); JSON text must be UTF-8`,
    );
  });

  it("refuses a raw control character, which cjson passes", async () => {
    const body = orderBody(1).replace('"C-004211"', `"C-${String.fromCharCode(1)}"`);
    await expectRefused(
      { body },
      400,
      /^the request body is not JSON text: control character 0x01 at byte offset \d+/,
    );
  });

  it("refuses a body with a NUL byte after the document as Kong's cjson does, where Debian's validates the prefix", async () => {
    const body = Buffer.concat([Buffer.from(orderBody(1)), Buffer.from([0]), Buffer.from(INVALID)]);
    await expectRefused(
      { body },
      400,
      "the request body is not a JSON object or array: invalid json body",
    );
  });
});

describe("repeated keys (docs/reference/json-dialects.md)", () => {
  it("refuses a key repeated in one object, with its path, in memory and from a temp file", async () => {
    for (const order of [orderBody(2), orderOfSize(20000)]) {
      const answer = await expectRefused({ body: repeatKey(order) }, 400, REPEATED_KEY);
      expect(answer.json).toMatchObject({ path: "/lines/0/quantity" });
    }
  });

  it("refuses an upstream response with a repeated key (enforce: 502)", async () => {
    const { answer } = await call({
      path: "/echo",
      body: orderBody(1),
      headers: { "x-answer": "repeated-key" },
    });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({
      message: "the upstream response does not match its schema: " + REPEATED_KEY,
      path: "/lines/0/quantity",
    });
  });
});

describe("connections", () => {
  it("keeps no state from one request to the next on a keep-alive connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const plan = ["valid", "invalid", "valid", "gzip", "invalid", "valid", "large", "valid"];
      let reused = 0;
      for (const kind of plan) {
        const { id, answer, received } = await call({
          agent,
          body:
            kind === "valid"
              ? orderBody(1)
              : kind === "invalid"
                ? INVALID
                : kind === "gzip"
                  ? zlib.gzipSync(orderBody(1))
                  : orderOfSize(MIB + 10),
          headers: kind === "gzip" ? { "Content-Encoding": "gzip" } : {},
        });
        if (answer.reusedSocket) reused++;
        const expected = { valid: 200, invalid: 400, gzip: 415, large: 413 }[kind];
        expect({ kind, status: answer.status }).toEqual({ kind, status: expected });
        expect(received() !== undefined).toBe(kind === "valid");
        const outcome = (await collector.recordFor(id)).avro_validation?.request?.outcome;
        expect({ kind, outcome }).toEqual({
          kind,
          outcome: kind === "valid" ? "valid" : "invalid",
        });
      }
      // nginx closes the connection after a 413 it answered before reading the body.
      expect(reused).toBeGreaterThanOrEqual(plan.length - 3);
    } finally {
      agent.destroy();
    }
  });

  it("answers concurrent clients each with its own verdict", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const bodies = Array.from({ length: 64 }, (_, i) =>
        i % 3 === 0 ? INVALID : i % 5 === 0 ? orderOfSize(30000 + i) : orderBody(1 + (i % 4)),
      );
      const answers = await Promise.all(bodies.map((body) => call({ agent, body })));
      answers.forEach(({ answer, received }, i) => {
        const valid = bodies[i] !== INVALID;
        expect({ i, status: answer.status }).toEqual({ i, status: valid ? 200 : 400 });
        if (valid) expect(received()?.body.toString()).toBe(bodies[i]);
      });
    } finally {
      agent.destroy();
    }
  });
});

describe("response validation over buffered proxying", () => {
  it("sends a valid upstream body on byte for byte and replaces an invalid one with 502 (enforce)", async () => {
    const valid = orderOfSize(40000);
    const ok = await call({ path: "/echo", body: valid });
    expect(ok.answer.status).toBe(200);
    expect(ok.answer.body.toString()).toBe(valid);
    expect(ok.answer.headers["content-length"]).toBe(String(Buffer.byteLength(valid)));
    const bad = await call({ path: "/echo", body: valid, headers: { "x-answer": "invalid" } });
    expect(bad.answer.status).toBe(502);
    expect(bad.answer.json).toMatchObject({
      message: expect.stringMatching(
        /^the upstream response does not match its schema: expected int/,
      ),
      path: "/lines/0/quantity",
      schema: IDENTITY.subject,
    });
    expect(bad.answer.headers["content-length"]).toBe(String(bad.answer.body.length));
  });

  it("treats an upstream body with a NUL byte after the document as not JSON, as Kong's cjson does", async () => {
    const tail = await call({
      path: "/echo",
      body: orderBody(1),
      headers: { "x-answer": "nul-tail" },
    });
    expect(tail.answer.status).toBe(502);
    expect(tail.answer.json).toMatchObject({
      message:
        "the upstream response does not match its schema: the response body is not a JSON object or array: invalid json body",
      path: "",
    });
  });
});

describe("the PDK layer", () => {
  it("raises Kong's error, with Kong's phase lists, for a function called outside its phases", async () => {
    const { answer } = await call({ path: "/phases", method: "GET" });
    expect(answer.headers["x-get-body"]).toMatch(
      /function cannot be called in header_filter phase \(only in: rewrite, access, response, error, admin_api\)$/,
    );
    expect(answer.headers["x-enable-buffering"]).toMatch(
      /function cannot be called in header_filter phase \(only in: rewrite, access, balancer\)$/,
    );
  });

  it("has no service body without buffered proxying: the response chunk logs it as skipped", async () => {
    const { id, answer } = await call({ path: "/unbuffered", method: "GET" });
    expect(answer.status).toBe(200);
    expect((await collector.recordFor(id)).avro_validation?.response).toEqual({
      outcome: "skipped",
      message: "the response body was not buffered",
      schema: IDENTITY.subject,
      version: IDENTITY.version,
      fingerprint: IDENTITY.fingerprint,
    });
  });
});

describe("the gateway after all of the above", () => {
  it("logged no Lua error", () => {
    expect(gateway.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});
