import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import type { AvroSchema } from "../../src/avro";
import { getVersion, loadRegistry } from "../../src/registry";
import type { Dialect } from "../../src/validators";
import { buildApp } from "../../stacks/app";
import type { BedRoute } from "./bed";

/**
 * The example's routes as the synthesized `cdk.tf.json` of each stack holds them: the route
 * (name, methods, paths) and its pre-function config, taken from `config_json` as Kong would.
 * What each chunk validates is read from its first line, the comment the compiler writes.
 */

const ROOT = path.join(__dirname, "..", "..");

export interface ChunkContract {
  readonly subject: string;
  readonly version: number;
  readonly fingerprint: string;
  readonly dialect: Dialect;
  readonly allowUnknownFields: boolean;
  readonly schema: AvroSchema;
  /** Response chunks only. */
  readonly mode?: "report" | "enforce";
  /** Request chunks: the binary media types the chunk walks (docs/reference/binary-bodies.md). */
  readonly binaryMediaTypes: readonly string[];
}

export interface SynthesizedRoute extends BedRoute {
  /** `<stack>-<route name>`: the bed's route key. */
  readonly key: string;
  readonly stack: string;
  /** The environment the stack belongs to (docs/guides/stacks-per-team.md). */
  readonly environment: string;
  readonly methods: readonly string[];
  readonly request?: ChunkContract;
  readonly response?: ChunkContract;
}

interface Resource {
  readonly name: string;
  readonly route_id?: string;
  readonly config_json?: string;
  readonly methods?: string[];
}

const HEADER =
  /^-- avro-kong (request validation|response validation \((report|enforce)\)): (\S+) version (\d+) \(crc64 ([0-9a-f]{16})\), dialect (plain|avro-json), unknown fields (allowed|rejected)[.,]/;

function contractOf(
  chunk: string,
  registry: ReturnType<typeof loadRegistry>,
): ChunkContract | undefined {
  const match = HEADER.exec(chunk);
  if (!match) return undefined;
  const [, , mode, subject, version, fingerprint, dialect, unknown] = match;
  const pinned = getVersion(registry, subject, Number(version));
  return {
    subject,
    version: Number(version),
    fingerprint,
    dialect: dialect as Dialect,
    allowUnknownFields: unknown === "allowed",
    schema: pinned.schema,
    binaryMediaTypes: [...chunk.matchAll(/^local BINARY_WALKERS = \{(.*)\}$/gm)].flatMap((m) =>
      [...m[1].matchAll(/\["([^"]+)"\]/g)].map((t) => t[1]),
    ),
    ...(mode ? { mode: mode as "report" | "enforce" } : {}),
  };
}

export function synthesizedRoutes(): SynthesizedRoute[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "avro-kong-gateway-"));
  const registry = loadRegistry(ROOT);
  try {
    buildApp(new App({ outdir }), ROOT).synth();
    const routes: SynthesizedRoute[] = [];
    for (const stack of fs.readdirSync(path.join(outdir, "stacks")).sort()) {
      const json = JSON.parse(
        fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"),
      ) as {
        "//": { metadata: { avroKong: { environment: string } } };
        resource: { kong_plugin?: Record<string, Resource>; kong_route?: Record<string, Resource> };
      };
      const environment = json["//"].metadata.avroKong.environment;
      for (const plugin of Object.values(json.resource.kong_plugin ?? {})) {
        if (plugin.name !== "pre-function" || !plugin.route_id) continue;
        const routeId = /^\$\{kong_route\.([^.]+)\.id\}$/.exec(plugin.route_id)?.[1];
        const route = routeId ? json.resource.kong_route?.[routeId] : undefined;
        if (!route)
          throw new Error(`${stack}: pre-function on an unknown route ${plugin.route_id}`);
        const config = JSON.parse(plugin.config_json ?? "{}") as Required<
          Pick<BedRoute, "access" | "header_filter" | "log">
        >;
        const request = config.access.map((c) => contractOf(c, registry)).find(Boolean);
        const response = config.header_filter.map((c) => contractOf(c, registry)).find(Boolean);
        routes.push({
          key: `${stack}-${route.name}`,
          stack,
          environment,
          name: route.name,
          methods: route.methods ?? ["GET"],
          access: config.access,
          header_filter: config.header_filter,
          log: config.log,
          request,
          response,
        });
      }
    }
    return routes;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
