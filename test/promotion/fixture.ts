import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { runAvroKong, type CliRun } from "../support/cli";

export const SUBJECT = "shop.Thing";

/** A pins file as JSON, for hand edits. */
export interface PinsJson {
  environment: string;
  subjects: Record<string, PinJson>;
}
export interface RecordJson {
  version: number;
  fingerprint: string;
  sha256: string;
}
export interface PinJson extends RecordJson {
  history: RecordJson[];
}

/** A field of the test subject's record. */
export type Field = { name: string; type: unknown; default?: unknown };

/**
 * A small registry of one subject, `shop.Thing`, in a temporary directory: versions are added
 * one by one, pins are written by the real `avro-kong promote`.
 */
export class SmallRepo {
  readonly root = mkdtempSync(join(tmpdir(), "avro-kong-promote-"));
  private versions = 0;

  constructor(options: { level?: string; order?: readonly string[] } = {}) {
    this.write(
      "stacks/promotion.json",
      JSON.stringify({ order: options.order ?? ["dev", "staging", "prod"] }),
    );
    if (options.level !== undefined) {
      this.write(
        `schemas/${SUBJECT}/subject.json`,
        JSON.stringify({ compatibility: options.level }),
      );
    }
  }

  /** Adds the next version with these fields; returns its number. */
  addVersion(...fields: Field[]): number {
    this.versions += 1;
    this.write(
      `schemas/${SUBJECT}/v${this.versions}.avsc`,
      JSON.stringify({ type: "record", name: SUBJECT, fields }),
    );
    return this.versions;
  }

  promote(...args: string[]): Promise<CliRun> {
    return runAvroKong(this.root, ["promote", ...args]);
  }

  /** Runs promotions that must succeed. */
  async promoteAll(...steps: Array<[number, string]>): Promise<void> {
    for (const [version, env] of steps) {
      const run = await this.promote(SUBJECT, String(version), "--env", env);
      if (run.code !== 0) throw new Error(`promote v${version} to ${env} failed: ${run.err}`);
    }
  }

  /** Every file under stacks/, by path: to prove that nothing was written. */
  snapshot(): Record<string, string> {
    const files: Record<string, string> = {};
    const dir = join(this.root, "stacks");
    for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
      try {
        files[name] = readFileSync(join(dir, name), "utf8");
      } catch {
        // a directory
      }
    }
    return files;
  }

  pins(env: string): PinsJson {
    return JSON.parse(this.read(`stacks/pins/${env}.json`)) as PinsJson;
  }

  read(file: string): string {
    return readFileSync(join(this.root, file), "utf8");
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), text);
  }

  /** Rewrites an environment's pins by hand, as someone skipping `promote` would. */
  editPins(env: string, change: (json: PinsJson) => void): void {
    const json = this.pins(env);
    change(json);
    this.write(`stacks/pins/${env}.json`, JSON.stringify(json, null, 2) + "\n");
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
