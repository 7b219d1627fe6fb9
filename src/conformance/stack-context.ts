import { isObject } from "../common";
import type { ProviderSchema, SchemaBlock } from "./provider-schema";

/** One finding: the Terraform address (`kong_route.orders_1A2B`, `provider.kong`) and a sentence. */
export interface ConformanceProblem {
  readonly address: string;
  readonly message: string;
}

export type Json = Record<string, unknown>;

export { isObject };

export function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value).filter(([k]) => k !== "//") : [];
}

export function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** Everything the checks need to know about the stack and the providers. */
export class StackContext {
  readonly problems: ConformanceProblem[] = [];
  readonly resourceSchemas = new Map<string, SchemaBlock>();
  readonly dataSchemas = new Map<string, SchemaBlock>();
  /** Provider local name (`kong`) → schema address (`registry.terraform.io/kevholditch/kong`). */
  readonly providers = new Map<string, string>();

  constructor(
    readonly stack: Json,
    readonly schema: ProviderSchema,
  ) {
    for (const [address, provider] of Object.entries(schema.provider_schemas)) {
      this.providers.set(address.split("/").pop() ?? address, address);
      for (const [type, s] of Object.entries(provider.resource_schemas ?? {}))
        this.resourceSchemas.set(type, s.block);
      for (const [type, s] of Object.entries(provider.data_source_schemas ?? {}))
        this.dataSchemas.set(type, s.block);
    }
  }

  report(address: string, message: string): void {
    this.problems.push({ address, message });
  }

  section(name: string): Json {
    const value = this.stack[name];
    return isObject(value) ? value : {};
  }

  /** Whether `root` names a resource type (declared in the stack, or of one of the providers). */
  isResourceType(root: string): boolean {
    if (this.resourceSchemas.has(root) || root in this.section("resource")) return true;
    return [...this.providers.keys()].some((p) => root.startsWith(p + "_"));
  }
}
