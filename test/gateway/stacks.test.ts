import { Type } from "avsc";
import { resolvedJson } from "../../src/avro";
import { isValidPayload, validatePayload } from "../../src/validators";
import { validateBinary, validateSingleObject } from "../../src/validators/binary";
import { samplePayload } from "../../bench/sample";
import { mutatePayload, Rng } from "../validators/support";
import {
  send,
  startCollector,
  startGateway,
  startUpstream,
  type Collector,
  type Gateway,
  type Upstream,
} from "./bed";
import { synthesizedRoutes, type ChunkContract, type SynthesizedRoute } from "./synthesized";

/**
 * Every validating route of the example, per synthesized stack, over HTTP through real nginx:
 * the chunks come from each stack's cdk.tf.json, as Kong would load them from pre-function.
 */

const routes = synthesizedRoutes();
let upstream: Upstream;
let collector: Collector;
let gateway: Gateway;
let sequence = 0;
const nextId = () => `stacks-${++sequence}`;

function validBody(contract: ChunkContract): string {
  const payload = samplePayload(contract.schema, 2);
  expect(isValidPayload(contract.schema, payload, contract)).toBe(true);
  return JSON.stringify(payload);
}

/** A payload the reference validator refuses, with its first error. */
function invalidBody(contract: ChunkContract, seed: number): string {
  const rng = new Rng(seed);
  const mutated = mutatePayload(contract.schema, samplePayload(contract.schema, 2), rng, {
    dialect: contract.dialect,
    allowUnknownFields: contract.allowUnknownFields,
  });
  if (!mutated) throw new Error(`no mutation applies to ${contract.subject}`);
  expect(validatePayload(contract.schema, mutated.payload, contract)).not.toEqual([]);
  return JSON.stringify(mutated.payload);
}

const identity = (c: ChunkContract) => ({
  schema: c.subject,
  version: c.version,
  fingerprint: c.fingerprint,
});

// The upstream answers validating routes' responses as the request asks: valid or invalid.
function answerResponses(route: SynthesizedRoute): void {
  const contract = route.response;
  if (!contract) return;
  const valid = validBody(contract);
  const invalid = invalidBody(contract, 7);
  upstream.answer(route.key, (request) => ({
    headers: { "Content-Type": "application/json" },
    body: request.headers["x-answer"] === "invalid" ? invalid : valid,
  }));
}

beforeAll(async () => {
  upstream = await startUpstream();
  collector = await startCollector();
  gateway = await startGateway({
    upstreamPort: upstream.port,
    collectorPort: collector.port,
    routes: Object.fromEntries(routes.map((r) => [r.key, r])),
  });
  routes.forEach(answerResponses);
});

afterAll(async () => {
  await gateway?.stop();
  await upstream?.close();
  await collector?.close();
});

describe("the synthesized stacks", () => {
  it("have validating routes in dev, staging and prod", () => {
    for (const environment of ["dev", "staging", "prod"]) {
      const own = routes.filter((r) => r.environment === environment);
      expect(own.filter((r) => r.request).length).toBeGreaterThan(5);
      expect(own.filter((r) => r.response).length).toBeGreaterThan(2);
    }
  });
});

const requestRoutes = routes.filter((r) => r.request);
const responseRoutes = routes.filter((r) => r.response);

describe.each(requestRoutes.map((r) => [r.key, r] as const))(
  "request validation on %s",
  (_, route) => {
    const contract = route.request as ChunkContract;
    const method = route.methods[0];

    it("passes a valid body to the upstream byte for byte and logs it as valid", async () => {
      const id = nextId();
      const body = validBody(contract);
      const answer = await send(gateway.url, {
        method,
        path: `/${route.key}`,
        headers: { "x-test-id": id, "x-answer": "valid" },
        body,
      });
      expect(answer.status).toBe(200);
      expect(upstream.byTestId(id)?.body.equals(Buffer.from(body))).toBe(true);
      const record = await collector.recordFor(id);
      expect(record.avro_validation?.request).toEqual({ outcome: "valid", ...identity(contract) });
    });

    it("answers an invalid body 400 with message, path, schema, version and fingerprint, logged alike", async () => {
      const id = nextId();
      const answer = await send(gateway.url, {
        method,
        path: `/${route.key}`,
        headers: { "x-test-id": id },
        body: invalidBody(contract, route.key.length),
      });
      expect(answer.status).toBe(400);
      expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
      const rejection = answer.json as Record<string, unknown>;
      expect(rejection).toEqual({
        message: expect.any(String),
        path: expect.any(String),
        ...identity(contract),
      });
      expect(upstream.byTestId(id)).toBeUndefined();
      const record = await collector.recordFor(id);
      expect(record.response.status).toBe(400);
      expect(record.avro_validation?.request).toEqual({ outcome: "invalid", ...rejection });
    });
  },
);

describe.each(responseRoutes.map((r) => [r.key, r] as const))(
  "response validation on %s",
  (_, route) => {
    const contract = route.response as ChunkContract;
    const method = route.methods[0];
    const body = route.request ? validBody(route.request) : undefined;

    it("lets a valid upstream response through byte for byte and logs it as valid", async () => {
      const id = nextId();
      const answer = await send(gateway.url, {
        method,
        path: `/${route.key}`,
        headers: { "x-test-id": id, "x-answer": "valid" },
        body,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe(validBody(contract));
      const record = await collector.recordFor(id);
      expect(record.avro_validation?.response).toEqual({ outcome: "valid", ...identity(contract) });
    });

    it(`handles an invalid upstream response in ${contract.mode} mode`, async () => {
      const id = nextId();
      const answer = await send(gateway.url, {
        method,
        path: `/${route.key}`,
        headers: { "x-test-id": id, "x-answer": "invalid" },
        body,
      });
      const record = await collector.recordFor(id);
      const logged = record.avro_validation?.response as Record<string, unknown>;
      expect(logged).toEqual({
        outcome: "invalid",
        mode: contract.mode,
        message: expect.any(String),
        path: expect.any(String),
        ...identity(contract),
      });
      if (contract.mode === "report") {
        expect(answer.status).toBe(200);
        expect(answer.body.toString()).toBe(invalidBody(contract, 7));
      } else {
        expect(answer.status).toBe(502);
        expect(answer.json).toEqual({
          message: `the upstream response does not match its schema: ${String(logged.message)}`,
          path: logged.path,
          ...identity(contract),
        });
        expect(record.response.status).toBe(502);
      }
    });
  },
);

/** The sample payload in Avro's binary encoding, as avsc (an independent implementation) writes it. */
function binaryBody(contract: ChunkContract): Buffer {
  const type = Type.forSchema(JSON.parse(resolvedJson(contract.schema)) as never, {
    wrapUnions: false,
  });
  const body = type.toBuffer(samplePayload(contract.schema, 2));
  expect(validateBinary(contract.schema, body)).toEqual([]);
  return body;
}

const singleObject = (fingerprint: string, body: Buffer) =>
  Buffer.concat([Buffer.from([0xc3, 0x01]), Buffer.from(fingerprint, "hex"), body]);

const binaryRoutes = requestRoutes.filter((r) => r.request?.binaryMediaTypes.length);

describe("the example's binary routes", () => {
  it("include at least one route in every environment", () => {
    for (const environment of ["dev", "staging", "prod"])
      expect(binaryRoutes.some((r) => r.environment === environment)).toBe(true);
  });
});

describe.each(binaryRoutes.map((r) => [r.key, r] as const))(
  "Avro binary bodies on %s",
  (_, route) => {
    const contract = route.request as ChunkContract;
    const method = route.methods[0];
    const post = (id: string, contentType: string, body: Buffer) =>
      send(gateway.url, {
        method,
        path: `/${route.key}`,
        headers: { "x-test-id": id, "x-answer": "valid", "Content-Type": contentType },
        body,
      });

    it.each([
      ["avro/binary", (b: Buffer) => b],
      ["application/vnd.apache.avro+binary", (b: Buffer) => singleObject(contract.fingerprint, b)],
    ])("passes a valid %s body byte for byte and logs it valid", async (media, frame) => {
      expect(contract.binaryMediaTypes).toContain(media);
      const id = nextId();
      const body = frame(binaryBody(contract));
      const answer = await post(id, media, body);
      expect(answer.status).toBe(200);
      expect(upstream.byTestId(id)?.body.equals(body)).toBe(true);
      const record = await collector.recordFor(id);
      expect(record.avro_validation?.request).toEqual({ outcome: "valid", ...identity(contract) });
    });

    it("answers a truncated binary body 400 with the reference's message and path", async () => {
      const id = nextId();
      const body = binaryBody(contract);
      const truncated = body.subarray(0, body.length - 1);
      const [expected] = validateBinary(contract.schema, truncated);
      const answer = await post(id, "avro/binary", truncated);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ ...expected, ...identity(contract) });
      expect(upstream.byTestId(id)).toBeUndefined();
      const record = await collector.recordFor(id);
      expect(record.avro_validation?.request).toEqual({
        outcome: "invalid",
        ...expected,
        ...identity(contract),
      });
    });

    it("answers a single-object body of an unknown fingerprint 400, naming it", async () => {
      const id = nextId();
      const body = singleObject("0011223344556677", binaryBody(contract));
      const writers = [{ fingerprint: contract.fingerprint, schema: contract.schema }];
      const answer = await post(id, "application/vnd.apache.avro+binary", body);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({
        ...validateSingleObject(writers, body)[0],
        ...identity(contract),
      });
      expect(String(answer.json?.message)).toContain("0011223344556677");
    });
  },
);

describe("the gateway after all of the above", () => {
  it("logged no Lua error", () => {
    expect(gateway.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});
