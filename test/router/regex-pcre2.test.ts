import { spawnSync } from "child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ACCEPTED, PCRE_ERRORS, RUST_ERRORS } from "./regex-cases";

// The oracle is real PCRE2: nginx compiles each `location ~` regex with pcre2_compile at
// `nginx -t`, without UTF mode, as Kong's schema does (ngx.re with "aj"). What the checker calls
// a PCRE syntax error must fail there; everything else it reasons about must compile.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "avro-kong-pcre2-"));
  mkdirSync(join(dir, "logs"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** nginx's verdict on the regexes, one location each: undefined when all compile, else its error. */
function pcre2(regexes: readonly string[]): string | undefined {
  const quoted = (regex: string) => `"${regex.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const locations = regexes.map((regex) => `location ~ ${quoted(regex)} { }`).join("\n");
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `pid ${join(dir, "nginx.pid")};\nerror_log stderr;\nevents {}\nhttp { access_log off; server {\n${locations}\n} }\n`,
  );
  // By its path: Debian's /usr/sbin is not on an ordinary user's PATH.
  const run = spawnSync("/usr/sbin/nginx", ["-t", "-q", "-p", dir, "-c", conf], {
    encoding: "utf8",
  });
  if (run.error) throw run.error;
  return run.status === 0 ? undefined : run.stderr;
}

describe("checkRouteRegex against PCRE2 (nginx -t)", () => {
  it("compiles every regex the checker accepts, and every one it refuses only for Kong's default router", () => {
    expect(pcre2([...ACCEPTED, ...RUST_ERRORS.map(([regex]) => regex)])).toBeUndefined();
  });

  it.each(PCRE_ERRORS)("refuses %s as the checker does", (regex) => {
    expect(pcre2([regex])).toMatch(/pcre2_compile\(\) failed: /);
  });
});
