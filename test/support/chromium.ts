import { execFileSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";

/**
 * Debian's headless Chromium (`chromium`, provisioned by scripts/provision-test-machine.sh) on a
 * local page. The page is ours and local, so it runs without the sandbox (which refuses root);
 * every background connection is off, since this machine reaches no network. Each run has a
 * profile and a temp folder of its own, removed afterwards: nothing is left behind.
 */
function headless(args: readonly string[], page: string): string {
  const profile = mkdtempSync(join(tmpdir(), "avro-kong-chromium-"));
  // Chromium's own temp folder holds a Unix socket, whose path may not pass 107 bytes: a short
  // one in /tmp, whatever the test run's temp folder is (CI's is deep).
  const scratch = mkdtempSync("/tmp/akc-");
  try {
    return execFileSync(
      "chromium",
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        ...args,
        pathToFileURL(page).href,
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, TMPDIR: scratch },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The page's DOM after it loaded and its scripts ran, serialized. */
export function dumpDom(page: string): string {
  return headless(["--dump-dom"], page);
}

/** A PNG of the page's first `width` × `height` pixels. */
export function screenshot(page: string, png: string, width: number, height: number): void {
  headless([`--screenshot=${png}`, `--window-size=${width},${height}`], page);
}
