import * as http from "http";

/** HTTP requests to the bed with Node's own client: exact bytes, chunked or not, any agent. */

export interface BedRequest {
  readonly path: string;
  /** @default "POST" */
  readonly method?: string;
  /** Header values; `Content-Type` defaults to application/json (null: none). */
  readonly headers?: Readonly<Record<string, string | null>>;
  readonly body?: string | Buffer;
  /** Send the body with Transfer-Encoding: chunked, in pieces of this many bytes. */
  readonly chunkSize?: number;
  /** Reuse connections through this agent (keep-alive tests). @default a fresh connection */
  readonly agent?: http.Agent;
}

export interface BedResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** The body parsed as JSON, when it is. */
  readonly json?: Record<string, unknown>;
  /** Whether the request went over a connection an earlier request had used. */
  readonly reusedSocket: boolean;
}

export function send(baseUrl: string, request: BedRequest): Promise<BedResponse> {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers: Record<string, string> = {};
  const given = { "Content-Type": "application/json", ...request.headers };
  for (const [name, value] of Object.entries(given)) if (value !== null) headers[name] = value;
  if (request.chunkSize === undefined) headers["Content-Length"] = String(body.length);
  else headers["Transfer-Encoding"] = "chunked";
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${request.path}`,
      { method: request.method ?? "POST", headers, agent: request.agent ?? false },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => {
          const bytes = Buffer.concat(parts);
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes,
            json,
            reusedSocket: req.reusedSocket,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (request.chunkSize === undefined) req.end(body);
    else {
      for (let at = 0; at < body.length; at += request.chunkSize)
        req.write(body.subarray(at, at + request.chunkSize));
      req.end();
    }
  });
}
