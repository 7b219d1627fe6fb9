import { joinPointer, showValue } from "../common";
import type { LogicalType, PrimitiveType } from "./model";

/** What a logical type annotates: a primitive type or a fixed of some size. */
export type Underlying = { readonly primitive: PrimitiveType } | { readonly fixedSize: number };

type Report = (pointer: string, message: string) => void;

const SIMPLE: Readonly<Record<string, PrimitiveType | "fixed16">> = {
  uuid: "string",
  date: "int",
  "time-millis": "int",
  "time-micros": "long",
  "timestamp-millis": "long",
  "timestamp-micros": "long",
  "local-timestamp-millis": "long",
  "local-timestamp-micros": "long",
};

/**
 * Reads the `logicalType` of a schema object. As the spec says, a logical type it does not
 * define, or a defined one on another underlying type, is ignored (undefined is returned).
 * A defined one on its own type but with bad parameters (a decimal whose precision does not
 * fit, a duration on a fixed that is not 12 bytes) is reported: that is a mistake, not an
 * extension.
 */
export function parseLogicalType(
  json: Readonly<Record<string, unknown>>,
  underlying: Underlying,
  pointer: string,
  report: Report,
): LogicalType | undefined {
  const name = json.logicalType;
  if (typeof name !== "string") return undefined;
  const isFixed = "fixedSize" in underlying;
  if (name === "decimal") {
    if (!isFixed && underlying.primitive !== "bytes") return undefined;
    return parseDecimal(json, isFixed ? underlying.fixedSize : undefined, pointer, report);
  }
  if (name === "duration") {
    if (!isFixed) return undefined;
    if (underlying.fixedSize !== 12) {
      report(
        joinPointer(pointer, "size"),
        `logical type duration needs a fixed of size 12, not ${underlying.fixedSize}.`,
      );
      return undefined;
    }
    return { name: "duration" };
  }
  if (name === "uuid" && isFixed && underlying.fixedSize === 16) return { name: "uuid" };
  const wanted = SIMPLE[name];
  if (wanted === undefined || isFixed || underlying.primitive !== wanted) return undefined;
  return { name } as LogicalType;
}

function parseDecimal(
  json: Readonly<Record<string, unknown>>,
  fixedSize: number | undefined,
  pointer: string,
  report: Report,
): LogicalType | undefined {
  const precision = json.precision;
  if (typeof precision !== "number" || !Number.isInteger(precision) || precision <= 0) {
    report(
      joinPointer(pointer, "precision"),
      `decimal precision must be a positive integer, not ${showValue(precision)}.`,
    );
    return undefined;
  }
  const scale = json.scale === undefined ? 0 : json.scale;
  if (typeof scale !== "number" || !Number.isInteger(scale) || scale < 0) {
    report(
      joinPointer(pointer, "scale"),
      `decimal scale must be a non-negative integer, not ${JSON.stringify(scale)}.`,
    );
    return undefined;
  }
  if (scale > precision) {
    report(
      joinPointer(pointer, "scale"),
      `decimal scale ${scale} is greater than its precision ${precision}.`,
    );
    return undefined;
  }
  if (fixedSize !== undefined) {
    const max = maxDecimalPrecision(fixedSize);
    if (precision > max) {
      report(
        joinPointer(pointer, "precision"),
        `decimal precision ${precision} does not fit in a fixed of size ${fixedSize} (at most ${max}).`,
      );
      return undefined;
    }
  }
  return { name: "decimal", precision, scale };
}

/** Digits a two's-complement number of `size` bytes always holds: floor(log10(2^(8n-1) - 1)). */
function maxDecimalPrecision(size: number): number {
  if (size <= 0) return 0;
  const largest = (1n << BigInt(8 * size - 1)) - 1n;
  return largest.toString().length - 1;
}
