import { spawnSync } from "child_process";
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";

const ROOT = join(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "provision-test-machine.sh");
const isRoot = process.getuid?.() === 0;

/**
 * Runs the script with PATH holding only `tools`, so that whatever is left out is missing. Another
 * user reads it from standard input: the checkout may be in a folder only root can read (/root).
 */
function provisionWith(
  tools: readonly string[],
  asUser?: number,
  standIns: Readonly<Record<string, string>> = {},
) {
  const bin = mkdtempSync(join(tmpdir(), "avro-kong-provision-"));
  chmodSync(bin, 0o755);
  try {
    for (const tool of tools) {
      const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" });
      symlinkSync(found.stdout.trim(), join(bin, tool));
    }
    for (const [tool, script] of Object.entries(standIns))
      writeFileSync(join(bin, tool), `#!/bin/bash\n${script}\n`, { mode: 0o755 });
    const options = { encoding: "utf8", env: { PATH: bin } } as const;
    const result =
      asUser === undefined
        ? spawnSync("/bin/bash", [SCRIPT], options)
        : spawnSync(
            "/usr/bin/setpriv",
            [`--reuid=${asUser}`, `--regid=${asUser}`, "--clear-groups", "/bin/bash", "-s"],
            { ...options, input: readFileSync(SCRIPT) },
          );
    return { code: result.status, out: result.stdout, err: result.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

const BASICS = ["mktemp", "cat", "rm", "chmod", "printf", "tail", "kill"];
// Debian's archives as their apt-cache answers `show NAME`: a stanza for a package they hold,
// nothing (and exit 0) for a name another package only mentions. Debian 12 has OpenResty's LuaJIT
// as `luajit2` (its `luajit` is upstream's); Debian 13 has it as `luajit`, and no `luajit2`.
const archive = (...held: string[]) => ({
  "apt-cache": `case "$3" in ${held.join("|")}) echo "Package: $3";; esac`,
});
const DEBIAN_12 = archive("luajit", "luajit2");
const DEBIAN_13 = archive("luajit");

const cannot = (missing: string, why: string) =>
  `The tests need Debian's packages ${missing}, which are missing${why}: install them with \`apt-get install ${missing}\` as root, then run the tests again.\n`;

describe("the tests' provisioning step (npm test's pretest)", () => {
  /** What the script installs or names, on top of the basics; terraform is not packaged by Debian. */
  const EVERY_PROGRAM_BUT_TERRAFORM = [
    ...BASICS,
    "luajit",
    "wrk",
    "valgrind",
    "callgrind_control",
    "git",
    "chromium",
  ];

  it("runs before jest in the README's test command", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.scripts.pretest).toBe("bash scripts/provision-test-machine.sh");
  });

  it("passes silently on a machine that has everything", () => {
    expect(provisionWith([...EVERY_PROGRAM_BUT_TERRAFORM, "terraform"])).toEqual({
      code: 0,
      out: "",
      err: "",
    });
  });

  it("names terraform, which Debian does not package, when it is missing", () => {
    expect(provisionWith(EVERY_PROGRAM_BUT_TERRAFORM)).toEqual({
      code: 1,
      out: "",
      err: "The tests need the terraform command (1.5 or later) on PATH, which Debian does not package: install HashiCorp's build, then run the tests again.\n",
    });
  });

  it("stops before any test with one sentence naming the packages when it cannot install them", () => {
    const missing = "luajit2 lua-cjson wrk valgrind git chromium";
    if (isRoot) {
      // As root without apt-get, and as an ordinary user (who may not install).
      expect(provisionWith(BASICS, undefined, DEBIAN_12)).toEqual({
        code: 1,
        out: "",
        err: cannot(missing, " and this machine has no apt-get"),
      });
      expect(provisionWith([...BASICS, "apt-get"], 65534, DEBIAN_12)).toEqual({
        code: 1,
        out: "",
        err: cannot(missing, ""),
      });
    } else {
      expect(provisionWith([...BASICS, "apt-get"], undefined, DEBIAN_12)).toEqual({
        code: 1,
        out: "",
        err: cannot(missing, ""),
      });
    }
  });

  describe("names OpenResty's LuaJIT as the machine's archive does", () => {
    // Without apt-get the script names the packages and stops, as root or not.
    const why = isRoot ? " and this machine has no apt-get" : "";

    it("luajit2 in Debian 12, whose luajit is not OpenResty's", () => {
      expect(provisionWith(BASICS, undefined, DEBIAN_12).err).toBe(
        cannot("luajit2 lua-cjson wrk valgrind git chromium", why),
      );
    });

    it("luajit in Debian 13, which has no luajit2", () => {
      expect(provisionWith(BASICS, undefined, DEBIAN_13)).toEqual({
        code: 1,
        out: "",
        err: cannot("luajit lua-cjson wrk valgrind git chromium", why),
      });
    });
  });
});

/** The source files of everything `npm test` and `npm run bench` run: tests, sources, scripts. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "gen" ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * What each child_process call starts: its first argument, as written; `fork` runs a module with
 * the running Node.js, whatever its argument.
 */
function startedPrograms(): Map<string, string[]> {
  const started = new Map<string, string[]>();
  const call = /(?<![.\w])(spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\(\s*([^,)]+)/g;
  for (const dir of ["test", "src", "bench", "scripts", "bin"]) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const [, starter, first] of readFileSync(file, "utf8").matchAll(call)) {
        const program =
          starter === "fork"
            ? "process.execPath"
            : (/^"([^"]+)"$/.exec(first.trim())?.[1] ?? first.trim());
        started.set(program, [...(started.get(program) ?? []), relative(ROOT, file)]);
      }
    }
  }
  return started;
}

describe("the programs the tests and the benchmark start", () => {
  // What a new machine has without the script: Node.js and npm, and Debian's Essential packages
  // (bash, dash for sh, util-linux for setpriv, coreutils for mkfifo), which every Debian system
  // has.
  const ON_A_NEW_MACHINE = [
    "process.execPath",
    "npm",
    "npx",
    "sh",
    "bash",
    "/bin/bash",
    "/usr/bin/setpriv",
    "mkfifo",
  ];
  const script = readFileSync(SCRIPT, "utf8");
  const checked = (program: string) =>
    program.startsWith("/")
      ? script.includes(`-x ${program} `)
      : script.includes(`command -v ${program} `);

  it("finds the programs started by name or by path, so that a new one cannot slip past", () => {
    expect([...startedPrograms().keys()].sort()).toEqual(
      expect.arrayContaining([
        "/usr/sbin/nginx",
        "chromium",
        "git",
        "luajit",
        "process.execPath",
        "wrk",
        "valgrind",
        "callgrind_control",
      ]),
    );
  });

  it.each([...startedPrograms()])(
    "%s is on a new machine or is provisioned by the script",
    (program, files) => {
      expect({
        program,
        files,
        provided: ON_A_NEW_MACHINE.includes(program) || checked(program),
      }).toEqual({ program, files, provided: true });
    },
  );
});
