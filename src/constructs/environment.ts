import { UserError } from "../common";
import { assertName } from "./checks";
import { assertPinsPromoted } from "../promotion";
import { defaultMaxTokenHours } from "../guardrails";
import { loadRegistry, readPins, type Registry } from "../registry";
import type { ContractSource } from "./contracts";
import { contractsFromRegistry } from "./registry-contracts";
import { Duration } from "./duration";

/** How a guardrail violation is reported: `enforce` fails synth, `warn` annotates it. */
export type GuardrailLevel = "enforce" | "warn";
export const GUARDRAIL_LEVELS: readonly GuardrailLevel[] = ["enforce", "warn"];

/** Where Terraform keeps an environment's state. */
export type StateBackend =
  | {
      readonly type: "local";
      /**
       * Path of the state file, relative to the project root (never absolute, so that
       * synthesized output is the same on every machine).
       * @default "terraform.<environment>.tfstate"
       */
      readonly path?: string;
    }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      /** DynamoDB table for state locking. @default no locking table */
      readonly dynamodbTable?: string;
    }
  | {
      readonly type: "http";
      readonly address: string;
      /** @default no separate lock address */
      readonly lockAddress?: string;
    };

export interface EnvironmentProps {
  /** Environment name, also the stack name and the `environment:` tag. */
  readonly name: string;
  /** Production environments get the strictest guardrails and a warning on local state. @default name === "prod" */
  readonly production?: boolean;
  /** @default "enforce" in production, "warn" elsewhere */
  readonly guardrails?: GuardrailLevel;
  /** @default a local backend at `terraform.<name>.tfstate` in the project root */
  readonly backend?: StateBackend;
  /** The contract versions this environment runs (its pins). @default none: routes cannot validate */
  readonly contracts?: ContractSource;
  /** The longest JWT lifetime routes may accept before a guardrail fires. @default 1 hour in production, 24 hours elsewhere */
  readonly maxTokenLifetime?: Duration;
}

export interface EnvironmentLoadProps extends Omit<EnvironmentProps, "name" | "contracts"> {
  /** The project root, holding `schemas/` and `stacks/pins/`. */
  readonly rootDir: string;
  /**
   * The registry under `rootDir`, when it is already loaded: several environments then share
   * one load (and each contract's compiled validators).
   * @default loaded from rootDir
   */
  readonly registry?: Registry;
}

/** One deployment target of the gateway: dev, staging, prod. */
export class Environment {
  /**
   * The environment `name` with the contracts it pins in `stacks/pins/<name>.json`, read from
   * the schema registry under `rootDir` (the project root). A pin that `avro-kong promote`
   * would have refused fails here with the sentence `schema check` prints for it.
   */
  static load(name: string, props: EnvironmentLoadProps): Environment {
    const { rootDir, registry, ...rest } = props;
    const pins = readPins(rootDir, name);
    const loaded = registry ?? loadRegistry(rootDir);
    assertPinsPromoted(rootDir, name);
    const contracts = contractsFromRegistry(loaded, pins);
    return new Environment({ ...rest, name, contracts });
  }

  readonly name: string;
  readonly production: boolean;
  readonly guardrails: GuardrailLevel;
  readonly backend: StateBackend;
  readonly contracts?: ContractSource;
  readonly maxTokenLifetime: Duration;

  constructor(props: EnvironmentProps) {
    assertName(undefined, "Environment name", props.name);
    this.name = props.name;
    this.production = props.production ?? props.name === "prod";
    this.guardrails = props.guardrails ?? (this.production ? "enforce" : "warn");
    this.backend = props.backend ?? { type: "local" };
    this.contracts = props.contracts;
    this.maxTokenLifetime =
      props.maxTokenLifetime ?? Duration.hours(defaultMaxTokenHours(this.production));
    if (this.backend.type === "local" && this.backend.path?.startsWith("/")) {
      throw new UserError(
        `Environment ${props.name} backend path "${this.backend.path}" is absolute; expected a path relative to the project root.`,
      );
    }
  }
}
