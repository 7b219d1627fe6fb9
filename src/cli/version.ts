import { readFileSync } from "fs";
import { dirname, join } from "path";

/** The version in avro-kong's own package.json, found above this module (src/ or dist/src/). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    let text: string;
    try {
      text = readFileSync(join(dir, "package.json"), "utf8");
    } catch {
      continue;
    }
    const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (manifest.name === "avro-kong" && typeof manifest.version === "string") {
      return manifest.version;
    }
  }
  throw new Error(`avro-kong's package.json was not found above ${__dirname}`);
}
