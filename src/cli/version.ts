import { dirname, join } from "path";
import { readFileBounded } from "../common";

/**
 * The version in avro-kong's own package.json, found above `from` (this module's folder, src/ or
 * dist/src/). Each candidate is read bounded, like every file the project reads: a package.json
 * that is a FIFO, a device, too large or not JSON is passed over, never waited on or loaded whole.
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const read = readFileBounded(join(dir, "package.json"));
    if ("error" in read) continue;
    let manifest: { name?: unknown; version?: unknown };
    try {
      manifest = JSON.parse(read.bytes.toString("utf8")) as typeof manifest;
    } catch {
      continue;
    }
    if (manifest?.name === "avro-kong" && typeof manifest.version === "string") {
      return manifest.version;
    }
  }
  throw new Error(`avro-kong's package.json was not found above ${from}`);
}
