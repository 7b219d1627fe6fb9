import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "provision-test-machine.sh");
const isRoot = process.getuid?.() === 0;

/** Runs the script with PATH holding only `tools`, so that whatever is left out is missing. */
function provisionWith(tools: readonly string[], asUser?: number) {
  const bin = mkdtempSync(join(tmpdir(), "avro-kong-provision-"));
  chmodSync(bin, 0o755);
  try {
    for (const tool of tools) {
      const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" });
      symlinkSync(found.stdout.trim(), join(bin, tool));
    }
    const command =
      asUser === undefined
        ? ["/bin/bash", SCRIPT]
        : [
            "/usr/bin/setpriv",
            `--reuid=${asUser}`,
            `--regid=${asUser}`,
            "--clear-groups",
            "/bin/bash",
            SCRIPT,
          ];
    const result = spawnSync(command[0], command.slice(1), {
      encoding: "utf8",
      env: { PATH: bin },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

const BASICS = ["mktemp", "cat", "rm", "chmod", "printf", "tail", "kill"];

describe("the tests' provisioning step (npm test's pretest)", () => {
  it("runs before jest in the README's test command", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.scripts.pretest).toBe("bash scripts/provision-test-machine.sh");
  });

  it("passes silently on a machine that has everything", () => {
    expect(provisionWith([...BASICS, "luajit", "wrk"])).toEqual({ code: 0, out: "", err: "" });
  });

  it("stops before any test with one sentence naming the packages when it cannot install them", () => {
    const missing = "luajit2 lua-cjson wrk";
    const cannot = (why: string) =>
      `The tests need Debian's packages ${missing}, which are missing${why}: install them with \`apt-get install ${missing}\` as root, then run the tests again.\n`;
    if (isRoot) {
      // As root without apt-get, and as an ordinary user (who may not install).
      expect(provisionWith(BASICS)).toEqual({
        code: 1,
        out: "",
        err: cannot(" and this machine has no apt-get"),
      });
      expect(provisionWith([...BASICS, "apt-get"], 65534)).toEqual({
        code: 1,
        out: "",
        err: cannot(""),
      });
    } else {
      expect(provisionWith([...BASICS, "apt-get"])).toEqual({ code: 1, out: "", err: cannot("") });
    }
  });
});
