import * as http from "http";
import type { AddressInfo } from "net";

/** The upstream service and the log collector behind the bed: plain Node HTTP servers. */

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface UpstreamAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export type Responder = (request: ReceivedRequest) => UpstreamAnswer;

interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server } & Listening> {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on("data", (part: Buffer) => parts.push(part));
    request.on("end", () => resolve(Buffer.concat(parts)));
    request.on("error", reject);
  });
}

export interface Upstream extends Listening {
  /** Requests received so far, in order. */
  readonly received: ReceivedRequest[];
  /** The request carrying header `x-test-id: id`. */
  byTestId(id: string): ReceivedRequest | undefined;
  /** How to answer requests whose path starts with `/<key>`; others get 200 `{"ok":true}`. */
  answer(key: string, responder: Responder): void;
}

export async function startUpstream(): Promise<Upstream> {
  const received: ReceivedRequest[] = [];
  const responders = new Map<string, Responder>();
  const listening = await listen((req, res) => {
    void readBody(req).then((body) => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(request);
      const key = /^\/([^/?]+)/.exec(request.url)?.[1] ?? "";
      const answer = responders.get(key)?.(request) ?? {
        headers: { "Content-Type": "application/json" },
        body: '{"ok":true}',
      };
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? "");
    });
  });
  return {
    port: listening.port,
    close: listening.close,
    received,
    byTestId: (id) => received.find((r) => r.headers["x-test-id"] === id),
    answer: (key, responder) => responders.set(key, responder),
  };
}

/** A log record as the bed's log phase posts it (Kong's serializer subset, README). */
export type LogRecord = {
  readonly request: { readonly headers: Record<string, string | string[]> } & Record<
    string,
    unknown
  >;
  readonly response: { readonly status: number } & Record<string, unknown>;
  readonly avro_validation?: {
    readonly request?: Record<string, unknown>;
    readonly response?: Record<string, unknown>;
  };
} & Record<string, unknown>;

export interface Collector extends Listening {
  readonly records: LogRecord[];
  /** TCP connections the gateway opened to deliver them (it keeps them alive, as http-log). */
  connections(): number;
  /** The record of the request with header `x-test-id: id`, waiting up to `timeoutMs` for it. */
  recordFor(id: string, timeoutMs?: number): Promise<LogRecord>;
}

export async function startCollector(): Promise<Collector> {
  const records: LogRecord[] = [];
  const listening = await listen((req, res) => {
    void readBody(req).then((body) => {
      records.push(JSON.parse(body.toString("utf8")) as LogRecord);
      res.writeHead(200, { "Content-Length": "0" });
      res.end();
    });
  });
  let connections = 0;
  listening.server.on("connection", () => connections++);
  const find = (id: string) => records.find((r) => r.request.headers["x-test-id"] === id);
  return {
    port: listening.port,
    close: listening.close,
    records,
    connections: () => connections,
    recordFor: async (id, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const record = find(id);
        if (record) return record;
        if (Date.now() > deadline) throw new Error(`no log record for request ${id}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
