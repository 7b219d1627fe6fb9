import * as path from "path";
import { runCli, type CliIo } from "../../../src/cli";
import { readSchemaFile } from "../../../src/registry";
import { samplePayload } from "../../../bench/sample";
import { runLuaCases } from "./harness";

/** End to end: the chunk `avro-kong compile --target lua` prints for an example schema, in LuaJIT. */

const ROOT = path.resolve(__dirname, "../../..");
const FILE = "schemas/shop.orders.OrderPlaced/v2.avsc";

async function cli(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const io: CliIo = {
    cwd: ROOT,
    out: (t) => out.push(t),
    err: (t) => out.push(t),
    readStdin: async () => "",
  };
  expect(await runCli(argv, io)).toBe(0);
  return out.join("\n");
}

it("compile --target lua: the example OrderPlaced chunk passes a valid order and names its contract on a bad one", async () => {
  const source = await cli("compile", "--schema", FILE, "--target", "lua");
  const fingerprint = (await cli("schema", "fingerprint", FILE)).trim();
  const valid = samplePayload(readSchemaFile(FILE, { cwd: ROOT }), 2) as Record<string, unknown>;
  const [ok, bad] = runLuaCases([
    { chunk: { source }, body: JSON.stringify(valid) },
    { chunk: { source }, body: JSON.stringify({ ...valid, items: [{ sku: "A" }] }) },
  ]);
  expect(ok.error).toBeUndefined();
  expect(ok.exit).toBeUndefined();
  expect(bad.exit).toEqual({
    status: 400,
    body: {
      message: 'missing required field "quantity" of record shop.orders.LineItem',
      path: "/items/0/quantity",
      schema: "shop.orders.OrderPlaced",
      version: 2,
      fingerprint,
    },
  });
});
