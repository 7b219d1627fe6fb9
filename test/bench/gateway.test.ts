import {
  benchCommand,
  formatGatewayReport,
  measureGateway,
  type GatewayBenchConfig,
} from "../../bench/gateway";
import {
  API_KEY,
  API_KEY_HEADER,
  benchBodies,
  benchRoutes,
  type BenchRoute,
} from "../../bench/gateway-routes";
import { ORDER_SCHEMA, SENSOR_SCHEMA } from "../../bench/workloads";
import { validatePayload } from "../../src/validators/reference";
import {
  send,
  startCollector,
  startGateway,
  startUpstream,
  type Collector,
  type Gateway,
  type Upstream,
} from "../gateway/bed";

/**
 * The gateway bench compares routes that differ only by validation: each checks identity and
 * has its log record serialized and delivered; a tiny run of the bench itself measures every
 * figure it reports.
 */

const BODIES = benchBodies();

describe("the gateway bench's bodies", () => {
  it("come in the issue's sizes, each valid for its route's schema", () => {
    const bodies = BODIES;
    expect(bodies.map((b) => b.label)).toEqual(["200 B", "1 KB", "10 KB", "100 KB", "1 MB"]);
    const targets = [200, 1024, 10 * 1024, 100 * 1024, 1024 * 1024];
    bodies.forEach((b, i) => {
      const bytes = Buffer.byteLength(b.body);
      expect(bytes).toBeLessThanOrEqual(targets[i]);
      expect(bytes).toBeGreaterThan(targets[i] * 0.9);
      const schema = b.route === "sensor" ? SENSOR_SCHEMA : ORDER_SCHEMA;
      expect(validatePayload(schema, JSON.parse(b.body))).toEqual([]);
    });
  });
});

describe("the gateway bench's report", () => {
  it("names the command that made it, with the run's BENCH_GATEWAY_ settings", () => {
    const saved = { ...process.env };
    try {
      process.env.BENCH_GATEWAY_STARTS = "2";
      process.env.BENCH_GATEWAY_BODIES = "1 KB,10 KB";
      expect(benchCommand()).toBe(
        'BENCH_GATEWAY_BODIES="1 KB,10 KB" BENCH_GATEWAY_STARTS="2" npm run bench -- gateway',
      );
    } finally {
      process.env = saved;
    }
  });
});

describe("the gateway bench's routes", () => {
  let upstream: Upstream;
  let collector: Collector;
  let gateway: Gateway;
  const order = BODIES[1].body;

  beforeAll(async () => {
    upstream = await startUpstream();
    collector = await startCollector();
    gateway = await startGateway({
      upstreamPort: upstream.port,
      collectorPort: collector.port,
      routes: benchRoutes(),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await collector?.close();
    await upstream?.close();
  });

  const post = (route: BenchRoute, id: string, key: string | null = API_KEY, body = order) =>
    send(gateway.url, {
      path: `/${route}`,
      headers: { [API_KEY_HEADER]: key, "x-test-id": id },
      body,
    });

  it.each<BenchRoute>(["plain", "read", "order"])(
    "%s: checks the API key, proxies the body and delivers the record with the consumer",
    async (route) => {
      const id = `ok-${route}`;
      const response = await post(route, id);
      expect(response.status).toBe(200);
      expect(upstream.byTestId(id)?.body.toString("utf8")).toBe(order);
      const record = await collector.recordFor(id);
      expect(record.consumer).toEqual({
        id: "00000000-0000-4000-8000-000000000042",
        username: "client-42",
      });
      expect(record.avro_validation?.request?.outcome).toBe(
        route === "order" ? "valid" : undefined,
      );
    },
  );

  it.each<BenchRoute>(["plain", "read", "order"])(
    "%s: refuses a request without a known key with 401",
    async (route) => {
      expect((await post(route, `nokey-${route}`, null)).status).toBe(401);
      expect((await post(route, `badkey-${route}`, "bench-key-5000")).status).toBe(401);
    },
  );

  it("validates on the order route only", async () => {
    const invalid = JSON.stringify({ ...JSON.parse(order), channel: "FAX" });
    expect((await post("order", "invalid-order", API_KEY, invalid)).status).toBe(400);
    expect((await post("plain", "invalid-plain", API_KEY, invalid)).status).toBe(200);
  });

  it("delivers the records over kept-alive connections, as http-log does", async () => {
    const before = collector.records.length;
    for (let i = 0; i < 5; i++) await post("plain", `keepalive-${i}`);
    await collector.recordFor("keepalive-4");
    expect(collector.records.length).toBeGreaterThanOrEqual(before + 5);
    expect(collector.connections()).toBeLessThan(collector.records.length);
    expect(gateway.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });
});

describe("a tiny run of the gateway bench", () => {
  it("measures every figure for the body it is given", async () => {
    const config: GatewayBenchConfig = {
      starts: 1,
      seconds: 1,
      rounds: 1,
      warmupSeconds: 1,
      connections: 2,
      bodies: [BODIES[1]],
    };
    const [figures] = await measureGateway(config);
    expect(figures.label).toBe("1 KB");
    expect(figures.baselineCpu.median).toBeGreaterThan(0);
    expect(figures.throughputRatio.median).toBeGreaterThan(0);
    for (const value of [
      figures.addedCpu,
      figures.readCpu,
      figures.single.p50,
      figures.single.p99,
      figures.concurrent.p50,
      figures.concurrent.p99,
    ]) {
      expect(Number.isFinite(value.median)).toBe(true);
      expect(value.min).toBeLessThanOrEqual(value.max);
    }
    const report = formatGatewayReport([figures], config);
    expect(report).toContain("| 1 KB ");
    expect(report).toMatch(/Goals: 1 KB: ≤ 8 µs added (met|NOT met)\./);
  }, 120_000);
});
