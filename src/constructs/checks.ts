import { UserError } from "../common";

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

/** Small validators shared by the constructs; each throws one sentence naming the bad value. */

export function assertName(what: string, value: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._~-]*$/.test(value)) {
    throw new UserError(
      `${what} "${value}" is not a valid Kong name; expected letters, digits, ".", "_", "~" or "-", starting with a letter or digit.`,
    );
  }
}

export function assertOneOf<T extends string>(
  what: string,
  value: string,
  allowed: readonly T[],
): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserError(
      `${what} "${value}" is not supported; expected one of: ${allowed.join(", ")}.`,
    );
  }
}

export function assertIntegerInRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UserError(
      `${what} ${value} is out of range; expected an integer from ${min} to ${max}.`,
    );
  }
}

export function assertUnique(what: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new UserError(`${what} lists "${value}" twice; expected each once.`);
    seen.add(value);
  }
}
