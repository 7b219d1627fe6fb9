import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { isTemporaryFileName, writeFileAtomically, type AtomicWriteStep } from "../../src/common";

const STEPS: AtomicWriteStep[] = ["opened", "written", "synced", "renamed"];
const OLD = "o".repeat(1000);

describe("writeFileAtomically", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "avro-kong-atomic-"));
    file = join(dir, "dev.json");
    writeFileSync(file, OLD);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces the file and leaves nothing else behind", () => {
    writeFileAtomically(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["dev.json"]);
  });

  it("writes despite a temporary file left behind under this process's id", () => {
    const leftover = join(dir, `.dev.json.${process.pid}.tmp`);
    writeFileSync(leftover, "left by a crash");
    writeFileAtomically(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir).sort()).toEqual([`.dev.json.${process.pid}.tmp`, "dev.json"]);
    expect(isTemporaryFileName(`.dev.json.${process.pid}.tmp`)).toBe(true);
  });

  it.each(STEPS.slice(0, 3))(
    "a failure after the temporary file is %s leaves the old file, and no temporary one",
    (failAt) => {
      expect(() =>
        writeFileAtomically(file, "new", (step) => {
          if (step === failAt) throw new Error(`failed after ${step}`);
        }),
      ).toThrow(`failed after ${failAt}`);
      expect(readFileSync(file, "utf8")).toBe(OLD);
      expect(readdirSync(dir)).toEqual(["dev.json"]);
    },
  );

  it("a failure after the rename leaves the new file", () => {
    expect(() =>
      writeFileAtomically(file, "new", (step) => {
        if (step === "renamed") throw new Error("failed after renamed");
      }),
    ).toThrow("failed after renamed");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["dev.json"]);
  });

  it.each(STEPS)(
    "a process killed right after the temporary file is %s leaves the old file or the new one, whole",
    (step) => {
      const size = 4 * 1024 * 1024; // more than one write(2) of a pipe or page cache chunk
      const child = spawnSync(
        process.execPath,
        [join(__dirname, "support", "kill-during-write.js"), file, step, String(size)],
        { encoding: "utf8" },
      );
      expect({ signal: child.signal, stderr: child.stderr }).toEqual({
        signal: "SIGKILL",
        stderr: "",
      });
      const text = readFileSync(file, "utf8");
      expect(text === OLD || text === "n".repeat(size)).toBe(true);
      expect(text === OLD).toBe(step !== "renamed");
      // Killed before the rename, the temporary file stays; it has a name that pins listings
      // recognize (and report as left over), never a name that passes for an environment.
      const left = readdirSync(dir).filter((n) => n !== "dev.json");
      expect(left.every(isTemporaryFileName)).toBe(true);
      expect(left.length).toBe(step === "renamed" ? 0 : 1);
    },
  );
});
