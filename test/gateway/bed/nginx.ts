import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

/**
 * Real nginx with lua-nginx-module (Debian's nginx-light, libnginx-mod-http-lua, lua-resty-core)
 * as a child process on loopback, with its own prefix and temp folders, removed on stop.
 */

const MODULES = "/usr/share/nginx/modules";
const REQUIRED_MODULES = ["ndk_http_module.so", "ngx_http_lua_module.so"];

// ts-jest runs this file from test/; `npm run bench` from dist/test/. The Lua sources stay in test/.
const LUA_DIR = [
  path.join(__dirname, "lua"),
  path.join(__dirname, "..", "..", "..", "..", "test", "gateway", "bed", "lua"),
].find((dir) => fs.existsSync(path.join(dir, "bed", "runloop.lua")));

/** Throws, naming the missing package, when the machine cannot run the bed. */
function assertNginxInstalled(): void {
  // By its path: Debian installs nginx in /usr/sbin, which an ordinary user's PATH leaves out.
  const version = spawnSync("/usr/sbin/nginx", ["-v"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    throw new Error(
      "nginx is not installed; the gateway test bed needs Debian's nginx-light, libnginx-mod-http-lua and lua-resty-core (npm test installs them when run as root).",
    );
  }
  for (const module of REQUIRED_MODULES) {
    if (!fs.existsSync(path.join(MODULES, module))) {
      throw new Error(
        `${path.join(MODULES, module)} is missing; the gateway test bed needs Debian's libnginx-mod-http-lua.`,
      );
    }
  }
  if (!fs.existsSync("/usr/share/lua/5.1/resty/core.lua")) {
    throw new Error(
      "lua-resty-core is missing (/usr/share/lua/5.1/resty/core.lua); the gateway test bed needs Debian's lua-resty-core.",
    );
  }
  if (!LUA_DIR)
    throw new Error("the gateway test bed's Lua sources (test/gateway/bed/lua) are missing.");
}

/** A port free right now on 127.0.0.1 (nginx cannot listen on port 0 and report it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface NginxOptions {
  /** The http block's contents, given the prefix folder (for paths) and the listen port. */
  readonly http: (prefix: string, port: number) => string;
  /** Files to write into the prefix before starting, by name. */
  readonly files?: (prefix: string, port: number) => Record<string, string>;
  /** @default 1 */
  readonly workers?: number;
  /** Runs nginx under valgrind's callgrind, with these options of its own. @default not */
  readonly callgrind?: readonly string[];
  /** How long nginx may take to listen, in ms (longer under valgrind). @default 10000 */
  readonly startTimeoutMs?: number;
}

export interface RunningNginx {
  readonly port: number;
  /** The one nginx process (master_process off; valgrind's under callgrind, the same process), for reading its CPU time. */
  readonly pid: number;
  readonly prefix: string;
  /** The error log so far (Lua errors land there). */
  errorLog(): string;
  stop(): Promise<void>;
}

function waitForPort(
  port: number,
  child: ChildProcess,
  prefix: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`nginx exited (${child.exitCode ?? child.signalCode}): ${tail(prefix)}`));
        return;
      }
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`nginx did not listen on ${port}: ${tail(prefix)}`));
        else setTimeout(attempt, 20);
      });
    };
    attempt();
  });
}

function errorLog(prefix: string): string {
  const file = path.join(prefix, "error.log");
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

function tail(prefix: string): string {
  return errorLog(prefix).slice(-2000) || "(no error log)";
}

function config(prefix: string, port: number, options: NginxOptions): string {
  const temp = (name: string) => path.join(prefix, name);
  return `load_module ${MODULES}/ndk_http_module.so;
load_module ${MODULES}/ngx_http_lua_module.so;
daemon off;
master_process off;
worker_processes ${options.workers ?? 1};
error_log ${temp("error.log")} notice;
pid ${temp("nginx.pid")};
events { worker_connections 1024; }
http {
  access_log off;
  # As Kong's nginx: a header named Content_Type counts as Content-Type ($http_content_type).
  underscores_in_headers on;
  client_body_temp_path ${temp("client_body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  lua_package_path "${LUA_DIR}/?.lua;/usr/share/lua/5.1/?.lua;;";
${options.http(prefix, port)}
}
`;
}

async function startOnce(options: NginxOptions): Promise<RunningNginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-nginx-"));
  const port = await freePort();
  for (const [name, text] of Object.entries(options.files?.(prefix, port) ?? {}))
    fs.writeFileSync(path.join(prefix, name), text);
  fs.writeFileSync(path.join(prefix, "nginx.conf"), config(prefix, port, options));
  const args = ["-p", prefix, "-c", path.join(prefix, "nginx.conf")];
  const stdio: ["ignore", "ignore", "pipe"] = ["ignore", "ignore", "pipe"];
  const child = options.callgrind
    ? spawn("valgrind", ["--tool=callgrind", ...options.callgrind, "/usr/sbin/nginx", ...args], {
        stdio,
      })
    : spawn("/usr/sbin/nginx", args, { stdio });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const remove = () => fs.rmSync(prefix, { recursive: true, force: true });
  try {
    await waitForPort(port, child, prefix, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    remove();
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    port,
    pid: child.pid ?? 0,
    prefix,
    errorLog: () => errorLog(prefix),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      remove();
    },
  };
}

/** Starts nginx; retries with another port when one was taken between picking and binding. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  assertNginxInstalled();
  let last: Error | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      last = error as Error;
      if (!/Address already in use/.test(last.message)) throw last;
    }
  }
  throw last;
}
