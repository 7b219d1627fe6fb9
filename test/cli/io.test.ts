import { UserError } from "../../src/common";
import { readStreamBounded } from "../../src/cli/io";

/** A stream that never ends: 1 MB chunks for as long as it is read. */
async function* endless(): AsyncGenerator<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024);
  for (;;) yield chunk;
}

describe("standard input is bounded like every file avro-kong reads", () => {
  it("an endless stream is one sentence naming it, after at most 64 MB", async () => {
    const read = readStreamBounded(endless(), "stdin");
    await expect(read).rejects.toThrow(
      new UserError("stdin: is larger than 64 MB, more than any file avro-kong reads."),
    );
    await expect(read).rejects.toBeInstanceOf(UserError);
  });

  it("a stream up to the limit is read whole, as bytes", async () => {
    async function* parts(): AsyncGenerator<Uint8Array | string> {
      yield '{"a":';
      yield Buffer.from([0x31, 0x7d]);
    }
    expect(await readStreamBounded(parts(), "stdin", 7)).toEqual(Buffer.from('{"a":1}'));
    await expect(readStreamBounded(parts(), "stdin", 6)).rejects.toBeInstanceOf(UserError);
  });
});
