import type { Construct } from "constructs";
import { KongPlugin } from "./plugin";
import type { PluginTarget } from "./identity";
import type { Secret } from "./secret";

export interface HttpLogOptions {
  /** Collector URL; a Secret when it carries credentials. */
  readonly endpoint: string | Secret;
  /** @default "POST" */
  readonly method?: "POST" | "PUT" | "PATCH";
}

export interface FileLogOptions {
  /** @default "/dev/stdout" */
  readonly path?: string;
}

/**
 * Where Kong sends one record per request. The records carry `avro_validation` (outcome,
 * schema, version, fingerprint) set by the validation plugins of the route.
 */
export abstract class Logging {
  static http(options: HttpLogOptions): Logging {
    return new HttpLogging(options);
  }

  static file(options: FileLogOptions = {}): Logging {
    return new FileLogging(options);
  }

  /** @internal */
  abstract attach(scope: Construct, target: PluginTarget): void;
}

class HttpLogging extends Logging {
  constructor(private readonly options: HttpLogOptions) {
    super();
    if (typeof options.endpoint === "string" && !/^https?:\/\/[^\s@]+$/.test(options.endpoint)) {
      throw new Error(
        `http-log endpoint "${options.endpoint}" is invalid; expected an http(s) URL without credentials (use a Secret for one with credentials).`,
      );
    }
  }

  attach(scope: Construct, target: PluginTarget): void {
    const endpoint = this.options.endpoint;
    new KongPlugin(scope, "http-log", {
      ...target,
      name: "http-log",
      config: {
        http_endpoint: typeof endpoint === "string" ? endpoint : endpoint.resolve(scope),
        method: this.options.method ?? "POST",
        content_type: "application/json",
      },
    });
  }
}

class FileLogging extends Logging {
  constructor(private readonly options: FileLogOptions) {
    super();
  }

  attach(scope: Construct, target: PluginTarget): void {
    new KongPlugin(scope, "file-log", {
      ...target,
      name: "file-log",
      config: { path: this.options.path ?? "/dev/stdout", reopen: false },
    });
  }
}
