import type { Command } from "../io";

/**
 * The top-level commands of `avro-kong`. Each part of the flow adds its own module here;
 * modules are loaded on demand so that `avro-kong schema …` never pays for cdktf.
 */
export const commands: Readonly<Record<string, { summary: string; load: () => Command }>> = {
  compile: {
    summary: "the payload validator for a schema: Lua for pre-function, or JSON Schema draft-04",
    load: () => async (args, io) => (await import("./compile")).command(args, io),
  },
  payload: {
    summary: "validate a JSON payload against a schema (plain or avro-json dialect)",
    load: () => async (args, io) => (await import("./payload")).command(args, io),
  },
  schema: {
    summary: "canonical form, fingerprints, compatibility and checks of Avro schemas",
    load: () => async (args, io) => (await import("./schema")).command(args, io),
  },
};
