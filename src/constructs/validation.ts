import { ValidationError } from "../common";
import type { Construct } from "constructs";
import {
  assertCompilableTopLevel,
  checkMaxBodyBytes,
  DEFAULT_MAX_BODY_BYTES,
  LUA_ENABLE_BUFFERING_CHUNK,
  logChunkAtPin,
  requestChunkAtPin,
  responseChunkAtPin,
  type Dialect,
  type ResponseMode,
  BODY_ENCODINGS,
  type BodyEncoding,
} from "../validators";
import { jsonSchemaText } from "./compiled-contracts";
import type { ContractVersion } from "./contracts";
import type { Environment } from "./environment";
import { KongPlugin } from "./plugin";
import type { PluginTarget } from "./identity";

/** Which engine validates request bodies. */
export type ValidationEngine = "lua" | "request-validator";

export interface BodyValidation {
  /** The subject; the version comes from the environment's pins. */
  readonly subject: string;
  /** How the JSON body maps to Avro. @default "plain" */
  readonly dialect?: Dialect;
  /** Accept fields the schema does not declare. @default false */
  readonly allowUnknownFields?: boolean;
}

export interface RequestValidation extends BodyValidation {
  /**
   * The request body encodings accepted: `json`, `avro-binary` (Content-Type `avro/binary`) and
   * `avro-single-object` (`application/vnd.apache.avro+binary`), see
   * docs/reference/binary-bodies.md. Lua engine only.
   * @default ["json"]
   */
  readonly encodings?: readonly BodyEncoding[];
}

export interface ResponseValidation extends BodyValidation {
  /** `report` logs a mismatch and passes the response on; `enforce` answers 502. @default "report" */
  readonly mode?: ResponseMode;
}

export interface RouteValidation {
  /** Validate request bodies against this subject. @default no request validation */
  readonly request?: string | RequestValidation;
  /** Validate upstream response bodies (buffers responses). @default no response validation */
  readonly response?: string | ResponseValidation;
  /**
   * `lua`: the pre-function plugin (Kong OSS). `request-validator`: Kong Enterprise's plugin,
   * given the JSON Schema draft-04 compiled from the Avro schema. Responses always use Lua.
   * @default "lua"
   */
  readonly engine?: ValidationEngine;
  /**
   * The largest request body, in bytes, that the Lua validator reads; a larger body is answered
   * 413. Kong writes bodies above `client_body_buffer_size` (8 KiB by default) to a temp file,
   * and the validator reads them from there up to this size. Lua request validation only.
   * @default 1048576 (1 MiB)
   */
  readonly maxBodyBytes?: number;
}

/** What a route validates, with the pinned versions, for guardrails and reviews. */
export interface ResolvedValidation {
  readonly engine: ValidationEngine;
  readonly request?: ContractVersion;
  readonly response?: ContractVersion;
}

function normalise<T extends BodyValidation>(scope: Construct, v: string | T, where: string): T {
  if (typeof v === "string") return { subject: v } as T;
  const encodings = (v as RequestValidation).encodings;
  if (encodings !== undefined) checkEncodings(scope, encodings, where);
  return v;
}

function checkEncodings(scope: Construct, encodings: readonly BodyEncoding[], where: string): void {
  if (encodings.length === 0)
    throw new ValidationError(
      `${where} encodings is empty; expected some of: ${BODY_ENCODINGS.join(", ")}.`,
      scope,
    );
  if (new Set(encodings).size !== encodings.length)
    throw new ValidationError(
      `${where} encodings repeats an encoding; expected each at most once.`,
      scope,
    );
}

function pinnedVersion(
  scope: Construct,
  environment: Environment,
  subject: string,
  on: string,
): ContractVersion {
  const contracts = environment.contracts;
  if (!contracts) {
    throw new ValidationError(
      `${on} validates ${subject}, but environment ${environment.name} has no contracts; expected Environment.load or a contracts source.`,
      scope,
    );
  }
  const pinned = contracts.pinned(subject);
  if (!pinned) {
    const known = contracts.subjects();
    throw new ValidationError(
      `${on} validates ${subject}, which environment ${environment.name} does not pin; expected one of: ${known.length ? known.join(", ") : "(no pins)"}.`,
      scope,
    );
  }
  assertCompilableTopLevel(pinned.schema, `${on} validates ${subject} version ${pinned.version}`);
  return pinned;
}

/**
 * Adds the plugins that validate a route's bodies; returns what they validate. A refusal carries
 * the path of `scope`, the route.
 */
export function attachValidation(
  scope: Construct,
  target: PluginTarget,
  environment: Environment,
  validation: RouteValidation,
): ResolvedValidation {
  const engine = validation.engine ?? "lua";
  if (engine !== "lua" && engine !== "request-validator") {
    throw new ValidationError(
      `${target.on} validation engine "${String(engine)}" is not supported; expected one of: lua, request-validator.`,
      scope,
    );
  }
  const request =
    validation.request === undefined
      ? undefined
      : normalise<RequestValidation>(scope, validation.request, `${target.on} validate request`);
  const response =
    validation.response === undefined
      ? undefined
      : normalise<ResponseValidation>(scope, validation.response, `${target.on} validate response`);
  if (!request && !response)
    throw new ValidationError(
      `${target.on} validate names neither request nor response; expected at least one.`,
      scope,
    );
  if (validation.maxBodyBytes !== undefined) {
    if (!request || engine !== "lua") {
      throw new ValidationError(
        `${target.on} validate sets maxBodyBytes without Lua request validation; expected it only beside request with engine "lua".`,
        scope,
      );
    }
    checkMaxBodyBytes(validation.maxBodyBytes, `${target.on} validate`);
  }
  const requestVersion = request && pinnedVersion(scope, environment, request.subject, target.on);
  const responseVersion =
    response && pinnedVersion(scope, environment, response.subject, target.on);

  const access: string[] = [];
  const headerFilter: string[] = [];
  const log: string[] = [];
  if (request && requestVersion) {
    if (engine === "lua") {
      access.push(
        requestChunkAtPin(requestVersion, {
          dialect: request.dialect,
          allowUnknownFields: request.allowUnknownFields,
          encodings: request.encodings,
          bufferResponse: response !== undefined,
          maxBodyBytes: validation.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        }),
      );
    } else {
      if (request.encodings?.some((e) => e !== "json"))
        throw new ValidationError(
          `${target.on} validate request accepts binary encodings with engine "request-validator"; expected engine "lua", which walks binary bodies.`,
          scope,
        );
      new KongPlugin(scope, "request-validator", {
        ...target,
        name: "request-validator",
        config: {
          version: "draft4",
          body_schema: jsonSchemaText(requestVersion.schema, request),
          verbose_response: true,
          allowed_content_types: ["application/json"],
        },
      });
      log.push(logChunkAtPin(requestVersion));
    }
  }
  if (response && responseVersion) {
    if (engine !== "lua" || !request) access.push(LUA_ENABLE_BUFFERING_CHUNK);
    headerFilter.push(
      responseChunkAtPin(responseVersion, {
        dialect: response.dialect,
        allowUnknownFields: response.allowUnknownFields,
        mode: response.mode,
      }),
    );
  }
  if (access.length || headerFilter.length || log.length) {
    new KongPlugin(scope, "pre-function", {
      ...target,
      name: "pre-function",
      config: { access, header_filter: headerFilter, log },
    });
  }
  return { engine, request: requestVersion, response: responseVersion };
}
