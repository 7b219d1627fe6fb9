import { MAX_NESTING_DEPTH } from "../ranges";

/**
 * The sentences a binary body is refused with. The TypeScript reference and the generated Lua
 * walker say exactly these (the Lua generator writes the same words), and the differential test
 * compares them. Offsets are 0-based byte offsets into the whole body; numbers that a hostile
 * body could make huge (lengths, counts) are never printed.
 */
export const binaryMessages = {
  ends: (label: string, start: number) =>
    `the body ends inside the ${label} that starts at byte ${start}`,
  varint: (label: string, start: number, bits: number) =>
    `the ${label} at byte ${start} is a varint that does not fit in ${bits} bits`,
  negativeLength: (label: string, start: number) =>
    `the ${label} at byte ${start} has a negative length`,
  utf8: (label: string, start: number, at: number) =>
    `the ${label} at byte ${start} is not valid UTF-8 (at byte ${at})`,
  boolean: (start: number, found: number) =>
    `the boolean at byte ${start} is ${found}; expected 0 or 1`,
  enumIndex: (label: string, start: number, index: number, count: number) =>
    `the ${label} at byte ${start} has symbol index ${index}; expected 0 to ${count - 1}`,
  unionIndex: (start: number, index: number, count: number, names: string) =>
    `the union at byte ${start} has branch index ${index}; expected 0 to ${count - 1} (${names})`,
  blockCount: (label: string, start: number) =>
    `the ${label} block at byte ${start} declares more items than bytes remain`,
  blockSize: (label: string, start: number) =>
    `the ${label} block at byte ${start} declares a byte size other than the bytes its items take`,
  trailing: (end: number, extra: number) =>
    `the value ends at byte ${end}, but the body has ${extra} more bytes`,
  depth: () => `nesting deeper than ${MAX_NESTING_DEPTH} levels of records, arrays and maps`,
  marker: () => "the body does not start with the single-object marker C3 01",
  header: () =>
    "the body ends inside the single-object header (C3 01 and the 8-byte schema fingerprint)",
  fingerprint: (found: string, accepted: readonly string[]) =>
    `the body's schema fingerprint ${found} is not one this route accepts (${accepted.join(", ")})`,
};
