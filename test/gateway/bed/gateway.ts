import * as path from "path";
import { KONG_SANDBOX_GLOBALS } from "../../../src/validators/lua";
import { startNginx, type NginxOptions, type RunningNginx } from "./nginx";

/**
 * The gateway test bed: nginx configured the way Kong 3.9 configures its proxy for what the
 * chunks meet (body buffering, buffered proxying through a subrequest, keep-alive upstream),
 * running pre-function's phase arrays per route through the PDK layer in `lua/bed/`.
 */

/** One route's pre-function config, as `config_json` holds it. */
export interface BedRoute {
  /** The route's name, as the log record's `route.name`. */
  readonly name: string;
  readonly access?: readonly string[];
  readonly header_filter?: readonly string[];
  readonly log?: readonly string[];
}

export interface GatewayOptions {
  /** Routes by key: a request to `/<key>` or `/<key>/…` runs that route. */
  readonly routes: Readonly<Record<string, BedRoute>>;
  /** The upstream every route proxies to, on 127.0.0.1. */
  readonly upstreamPort: number;
  /** Where the log phase posts each request's record (as http-log does). @default none */
  readonly collectorPort?: number;
  /** nginx's client_body_buffer_size. @default "8k" (Kong's nginx_http_client_body_buffer_size) */
  readonly clientBodyBufferSize?: string;
  /** nginx's client_max_body_size. @default "0" (Kong's: no limit) */
  readonly clientMaxBodySize?: string;
  /** How nginx is started (under valgrind for the instruction bench). */
  readonly launch?: Pick<NginxOptions, "callgrind" | "startTimeoutMs">;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  /** The nginx process serving it. */
  readonly pid: number;
  /** The error log so far: Lua errors and the chunks' kong.log lines. */
  errorLog(): string;
  stop(): Promise<void>;
}

function httpBlock(prefix: string, port: number, options: GatewayOptions): string {
  const proxy = `
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering on;
      proxy_request_buffering on;`;
  return `  client_body_buffer_size ${options.clientBodyBufferSize ?? "8k"};
  client_max_body_size ${options.clientMaxBodySize ?? "0"};
  keepalive_requests 10000;
  init_by_lua_block {
    Bed = require("bed.runloop")
    Bed.init(${JSON.stringify(path.join(prefix, "bed.json"))})
  }
  upstream bed_upstream {
    server 127.0.0.1:${options.upstreamPort};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      # Declared here, as Kong declares $upstream_uri: a server-level set would reset the
      # value ngx.location.capture gives the buffered subrequest.
      set $bed_upstream_uri "";
      access_by_lua_block { Bed.access() }
      header_filter_by_lua_block { Bed.header_filter() }
      body_filter_by_lua_block { Bed.body_filter() }
      log_by_lua_block { Bed.log() }${proxy}
      proxy_pass http://bed_upstream;
    }
    location = /kong_buffered_http {
      internal;${proxy}
      proxy_pass http://bed_upstream$bed_upstream_uri;
    }
  }`;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const nginx: RunningNginx = await startNginx({
    ...options.launch,
    http: (prefix, port) => httpBlock(prefix, port, options),
    files: () => ({
      "bed.json": JSON.stringify({
        sandbox_globals: KONG_SANDBOX_GLOBALS,
        collector:
          options.collectorPort === undefined
            ? null
            : { host: "127.0.0.1", port: options.collectorPort },
        // Only what pre-function's config holds (callers may pass richer route objects).
        routes: Object.fromEntries(
          Object.entries(options.routes).map(([key, r]) => [
            key,
            {
              name: r.name,
              access: r.access ?? [],
              header_filter: r.header_filter ?? [],
              log: r.log ?? [],
            },
          ]),
        ),
      }),
    }),
  });
  return {
    url: `http://127.0.0.1:${nginx.port}`,
    port: nginx.port,
    pid: nginx.pid,
    errorLog: () => nginx.errorLog(),
    stop: () => nginx.stop(),
  };
}
