import type { CommandGroup } from "../args";

/**
 * The top-level commands of `avro-kong`. Each part of the flow adds its own module here;
 * modules are loaded on demand so that `avro-kong schema …` never pays for cdktf.
 */
export const commands: CommandGroup = {
  name: "",
  summary: "Avro contracts and Kong gateway configuration: schemas, payloads and validators",
  subcommands: {
    compile: {
      summary: "the payload validator for a schema: Lua for pre-function, or JSON Schema draft-04",
      load: async () => (await import("./compile")).command,
    },
    import: {
      summary: "adopt a running Kong: a decK file into constructs and Terraform imports",
      load: async () => (await import("./import")).command,
    },
    init: {
      summary: "write a new project here: stacks, schemas, pins, workflows, package.json scripts",
      load: async () => (await import("./init")).command,
    },
    payload: {
      summary: "validate a JSON payload against a schema (plain or avro-json dialect)",
      load: async () => (await import("./payload")).command,
    },
    promote: {
      summary: "pin a contract version in an environment, through the promotion gate",
      load: async () => (await import("./promote")).command,
    },
    review: {
      summary:
        "what a change does to Kong and to the contracts, per environment, against a base revision",
      load: async () => (await import("./review")).command,
    },
    schema: {
      summary: "canonical form, fingerprints, compatibility and checks of Avro schemas",
      load: async () => (await import("./schema")).command,
    },
  },
};
