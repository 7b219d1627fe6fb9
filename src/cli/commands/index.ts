import type { Command } from "../io";

/**
 * The top-level commands of `avro-kong`. Each part of the flow adds its own module here;
 * modules are loaded on demand so that `avro-kong schema …` never pays for cdktf.
 */
export const commands: Readonly<Record<string, { summary: string; load: () => Command }>> = {};
