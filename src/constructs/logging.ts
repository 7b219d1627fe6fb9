import type { Construct } from "constructs";
import { UserError } from "../common";
import { KongPlugin } from "./plugin";
import type { PluginTarget } from "./identity";
import { Secret } from "./secret";

export interface HttpLogOptions {
  /** Collector URL; a Secret when it carries credentials (user info, a token in the query). */
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
  abstract _attach(scope: Construct, target: PluginTarget): void;
}

class HttpLogging extends Logging {
  constructor(private readonly options: HttpLogOptions) {
    super();
    const endpoint: unknown = options.endpoint;
    // Credentials in a literal URL are refused where the plugin is attached, naming the route.
    if (
      !Secret.isSecret(endpoint) &&
      (typeof endpoint !== "string" || !/^https?:\/\/\S+$/.test(endpoint))
    ) {
      throw new UserError(
        `Logging.http endpoint is ${typeof endpoint === "string" ? "not an http(s) URL" : `a ${endpoint === null ? "null" : typeof endpoint}`}; expected an http(s) URL, or a Secret for one with credentials.`,
      );
    }
  }

  /** @internal */
  _attach(scope: Construct, target: PluginTarget): void {
    const endpoint = this.options.endpoint;
    new KongPlugin(scope, "http-log", {
      ...target,
      name: "http-log",
      config: {
        http_endpoint: endpoint,
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

  /** @internal */
  _attach(scope: Construct, target: PluginTarget): void {
    new KongPlugin(scope, "file-log", {
      ...target,
      name: "file-log",
      config: { path: this.options.path ?? "/dev/stdout", reopen: false },
    });
  }
}
