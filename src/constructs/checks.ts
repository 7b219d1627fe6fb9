import type { IConstruct } from "constructs";
import { showValue } from "../common";
import { refusal } from "./refusal";

/** Protocols Kong 3.9 accepts on services and routes (Kong's `constants.PROTOCOLS` plus ws, wss). */
export const KONG_PROTOCOLS = [
  "grpc",
  "grpcs",
  "http",
  "https",
  "tcp",
  "tls",
  "tls_passthrough",
  "udp",
  "ws",
  "wss",
] as const;
export type KongProtocol = (typeof KONG_PROTOCOLS)[number];
/** A protocol of a service or upstream (exported by service.ts). */
export type ServiceProtocol = KongProtocol;

/**
 * Small validators shared by the constructs; each throws one sentence naming the bad value, a
 * ValidationError carrying the path of `scope`: the construct the value belongs to, or its parent
 * when the value is checked before the construct joins the tree (a name that becomes its id).
 * `scope` is undefined only where no construct exists (an Environment's name).
 */

export function assertName(scope: IConstruct | undefined, what: string, value: string): void {
  const expected = `letters, digits, ".", "_", "~" or "-", starting with a letter or digit`;
  if (typeof value !== "string")
    throw refusal(`${what} is ${kindOf(value)}; expected a string of ${expected}.`, scope);
  if (!/^[A-Za-z0-9][A-Za-z0-9._~-]*$/.test(value)) {
    throw refusal(
      `${what} ${showValue(value)} is not a valid Kong name; expected ${expected}.`,
      scope,
    );
  }
}

/**
 * A consumer's username: Kong puts no rule on it, but it also goes into the `consumer:<name>` tag
 * and the construct path, so it must be a valid Kong tag (printable ASCII but "," and "/", or
 * non-ASCII text) without spaces at its ends: an email address is a fine username.
 */
export function assertUsername(scope: IConstruct | undefined, what: string, value: string): void {
  const expected = `printable text without "," or "/" and no space at either end (Kong's tag rule)`;
  if (typeof value !== "string")
    throw refusal(`${what} is ${kindOf(value)}; expected a string of ${expected}.`, scope);
  // Lone surrogates are not text: Kong refuses invalid UTF-8 in a tag.
  if (
    !/^(?! )(?:[\x20-\x2b\x2d\x2e\x30-\x7e]|[\u0080-\ud7ff\ue000-\uffff]|[\ud800-\udbff][\udc00-\udfff])+(?<! )$/.test(
      value,
    )
  ) {
    throw refusal(
      `${what} ${showValue(value)} is not a valid Kong username; expected ${expected}.`,
      scope,
    );
  }
}

export function assertOneOf<T extends string>(
  scope: IConstruct | undefined,
  what: string,
  value: string,
  allowed: readonly T[],
): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw refusal(
      `${what} ${shown(value)} is not supported; expected one of: ${allowed.join(", ")}.`,
      scope,
    );
  }
}

export function assertIntegerInRange(
  scope: IConstruct | undefined,
  what: string,
  value: number,
  min: number,
  max: number,
): void {
  if (typeof value !== "number")
    throw refusal(`${what} is ${kindOf(value)}; expected an integer from ${min} to ${max}.`, scope);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw refusal(
      `${what} ${value} is out of range; expected an integer from ${min} to ${max}.`,
      scope,
    );
  }
}

export function assertUnique(
  scope: IConstruct | undefined,
  what: string,
  values: readonly string[],
): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value))
      throw refusal(`${what} lists "${value}" twice; expected each once.`, scope);
    seen.add(value);
  }
}

/**
 * A value of the wrong type, for messages: numbers and booleans as written, anything else by its
 * kind only. Its content is never echoed: a string or object in the wrong place may be a credential.
 */
export function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return showValue(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const type = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)
      ?.constructor?.name;
    return type && type !== "Object" ? `a ${type}` : "an object";
  }
  return `a ${typeof value}`;
}

/** A value being judged as a string (a name, a choice): the string itself, else its kind. */
export function shown(value: unknown): string {
  return typeof value === "string" ? showValue(value) : kindOf(value);
}
