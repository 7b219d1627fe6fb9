import { spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { hostname, tmpdir } from "os";
import { dirname, join } from "path";
import { withFileLock } from "../../src/common";
import { PINS_LOCK } from "../../src/promotion";
import { runAvroKong } from "../support/cli";

const SUPPORT = join(__dirname, "..", "support");
const PROCESSES = ["a", "b", "c", "d"];
const EACH = 5;
/** The subjects one process promotes, one after the other. */
const subjectsOf = (name: string) => Array.from({ length: EACH }, (_, i) => `shop.${name}${i}`);
const SUBJECTS = PROCESSES.flatMap(subjectsOf);

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "avro-kong-lock-"));
  write("stacks/promotion.json", JSON.stringify({ order: ["dev"] }));
  for (const subject of SUBJECTS) {
    write(
      `schemas/${subject}/v1.avsc`,
      JSON.stringify({ type: "record", name: subject, fields: [] }),
    );
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/**
 * `avro-kong promote` as its own process. Loading the sources takes each process a while: it
 * says it is ready (a file), then waits for the go (another file), so that all promote at once.
 */
function promoteInProcess(name: string, gate: string): Promise<{ code: number; err: string }> {
  const script = `
    const fs = require("fs");
    const { processIo, runCli } = require(${JSON.stringify(join(__dirname, "..", "..", "src", "cli"))});
    fs.writeFileSync(${JSON.stringify(gate)} + "." + ${JSON.stringify(name)}, "");
    while (!fs.existsSync(${JSON.stringify(gate)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    (async () => {
      let code = 0;
      for (const subject of ${JSON.stringify(subjectsOf(name))}) {
        code = Math.max(code, await runCli(["promote", subject, "1", "--env", "dev"], processIo()));
      }
      process.exit(code);
    })();
  `;
  const child = spawn(process.execPath, ["-r", join(SUPPORT, "register-ts.js"), "-e", script], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, err })));
}

describe("promote holds a lock on the pins", () => {
  it("so that promotions run at once by separate processes all keep their update", async () => {
    const gate = join(mkdtempSync(join(tmpdir(), "avro-kong-gate-")), "go");
    const running = Promise.all(PROCESSES.map((name) => promoteInProcess(name, gate)));
    while (!PROCESSES.every((name) => existsSync(`${gate}.${name}`))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writeFileSync(gate, "");
    const runs = await running;
    rmSync(dirname(gate), { recursive: true, force: true });
    expect(runs).toEqual(PROCESSES.map(() => ({ code: 0, err: "" })));
    const pins = JSON.parse(readFileSync(join(root, "stacks/pins/dev.json"), "utf8")) as {
      subjects: Record<string, unknown>;
    };
    expect(Object.keys(pins.subjects)).toEqual([...SUBJECTS].sort());
    expect(existsSync(join(root, PINS_LOCK))).toBe(false);
  }, 120_000);

  it("takes over a lock whose process is gone, and says so", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    write(PINS_LOCK, `${gone.stdout} ${hostname()} 0123456789ab\n`);
    const run = await runAvroKong(root, ["promote", "shop.a0", "1", "--env", "dev"]);
    expect(run.err).toBe(
      `${PINS_LOCK} was left by process ${gone.stdout}, which is no longer running; took it over.`,
    );
    expect(run.code).toBe(0);
    expect(existsSync(join(root, PINS_LOCK))).toBe(false);
  });

  it("leaves a lock whose process is running alone", () => {
    write(PINS_LOCK, `${process.pid} ${hostname()} 0123456789ab\n`);
    expect(() =>
      withFileLock(join(root, PINS_LOCK), { name: PINS_LOCK, timeoutMs: 100 }, () => "ran"),
    ).toThrow(
      `${PINS_LOCK} is held by process ${process.pid} on ${hostname()}: another promote is running. Try again when it has finished, or delete ${PINS_LOCK} if none is.`,
    );
    expect(readFileSync(join(root, PINS_LOCK), "utf8")).toBe(
      `${process.pid} ${hostname()} 0123456789ab\n`,
    );
  });
});
