import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

// Terraform run offline, with no user configuration and no version check.
const ENV = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };

/** Runs `run` in a fresh folder holding `main.tf.json`, then removes the folder. */
function inConfig<T>(config: unknown, run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "avro-kong-terraform-"));
  try {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config));
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What Terraform reads each string of `strings` as, beside `locals` (through `terraform console`). */
export function readByTerraform(
  strings: readonly string[],
  locals: Record<string, string> = {},
): string[] {
  return inConfig({ locals: { ...locals, read_back: strings } }, (cwd) => {
    const printed = execFileSync("terraform", ["console"], {
      cwd,
      input: "jsonencode(local.read_back)\n",
      env: ENV,
      encoding: "utf8",
    });
    // The console prints the JSON text as an HCL string: itself JSON-quoted.
    return JSON.parse(JSON.parse(printed.trim()) as string) as string[];
  });
}

/** `terraform validate`'s verdict on a config holding `value` as a local. */
export function validateByTerraform(value: string): string {
  return inConfig({ locals: { v: value } }, (cwd) => {
    try {
      return execFileSync("terraform", ["validate", "-no-color"], {
        cwd,
        env: ENV,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      return String((error as { stderr?: string }).stderr);
    }
  });
}
