import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { mkdirSync } from "fs";

/** The project root, whose `schemas/` and `stacks/pins/` are the example domain. */
export const PROJECT_ROOT = join(__dirname, "..", "..");

/** A scratch copy of the example domain (schemas, pins, promotion order) to break one rule at a time. */
export class RepoCopy {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), "avro-kong-registry-"));
    cpSync(join(PROJECT_ROOT, "schemas"), join(this.root, "schemas"), { recursive: true });
    cpSync(join(PROJECT_ROOT, "stacks", "pins"), join(this.root, "stacks", "pins"), {
      recursive: true,
    });
    cpSync(
      join(PROJECT_ROOT, "stacks", "promotion.json"),
      join(this.root, "stacks", "promotion.json"),
    );
  }

  path(file: string): string {
    return join(this.root, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), "utf8");
  }

  readJson(file: string): Record<string, unknown> {
    return JSON.parse(this.read(file)) as Record<string, unknown>;
  }

  write(file: string, content: string): void {
    mkdirSync(dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), content);
  }

  writeJson(file: string, json: unknown): void {
    this.write(file, JSON.stringify(json, null, 2) + "\n");
  }

  /** Rewrites a JSON file through a function. */
  edit(file: string, change: (json: Record<string, unknown>) => void): void {
    const json = this.readJson(file);
    change(json);
    this.writeJson(file, json);
  }

  remove(file: string): void {
    rmSync(this.path(file), { recursive: true, force: true });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The fields array of a record schema as plain JSON, for edits. */
export function fieldsOf(json: Record<string, unknown>): Array<Record<string, unknown>> {
  return json.fields as Array<Record<string, unknown>>;
}

/**
 * Shared types that use each other in a chain: schemas/_types/shop.chain.T0.avsc … Tn-1, each
 * T<i> a record whose field `f` is `wrap("shop.chain.T<i+1>")`, the last one's `leaf`.
 */
export class ChainRepo {
  readonly root = mkdtempSync(join(tmpdir(), "avro-kong-chain-"));

  constructor(
    length: number,
    wrap: (next: string) => unknown = (next) => next,
    leaf: unknown = "int",
  ) {
    for (let i = 0; i < length; i++) {
      const next = i + 1 < length ? wrap(`shop.chain.T${i + 1}`) : leaf;
      this.writeJson(`schemas/_types/shop.chain.T${i}.avsc`, {
        type: "record",
        name: `T${i}`,
        namespace: "shop.chain",
        fields: [{ name: "f", type: next }],
      });
    }
  }

  /** The subject shop.chain.Top, version `version`, with these fields. */
  writeTop(version: number, fields: unknown[]): string {
    const file = `schemas/shop.chain.Top/v${version}.avsc`;
    this.writeJson(file, { type: "record", name: "Top", namespace: "shop.chain", fields });
    return file;
  }

  writeJson(file: string, json: unknown): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), JSON.stringify(json));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
