import { ValidationError } from "../common";
import { isTeamName } from "../registry";
import { shown } from "./checks";
import { Construct, type IConstruct, type Node } from "constructs";
import {
  Annotations,
  HttpBackend,
  LocalBackend,
  S3Backend,
  TerraformElement,
  TerraformStack,
} from "cdktf";
import { Environment, type StateBackend } from "./environment";
import { terraformLiterals } from "./terraform-literals";
import { EnvironmentStacks, claimStateLocation } from "./environment-stacks";

/** Terraform runs each stack from `cdktf.out/stacks/<name>`; local state lives in the project root. */
const PROJECT_ROOT_FROM_STACK_DIR = "../../..";

export interface KongStackProps {
  /** The environment this stack deploys. */
  readonly environment: Environment;
  /**
   * The team (or domain) whose part of the environment this stack holds: its services and
   * routes, planned and applied on their own, with their own state. The stack is then named
   * `<environment>-<team>`, and its state location is the environment's with `-<team>` added
   * (`kong/prod.tfstate` becomes `kong/prod-orders.tfstate`).
   * @default none: the environment's shared stack, named `<environment>`, which also holds the consumers
   */
  readonly team?: string;
}

/**
 * One stack of an environment: its state backend and, inside it, one Gateway. An environment
 * has a shared stack (`<environment>`) and may have team stacks (`<environment>-<team>`);
 * see docs/guides/stacks-per-team.md.
 */
export class KongStack extends TerraformStack {
  readonly environment: Environment;
  /** The team whose part this stack holds; undefined for the environment's shared stack. */
  readonly team?: string;

  constructor(scope: Construct, id: string, props: KongStackProps) {
    // As in aws-cdk: the stack joins the tree first, so that every refusal carries its path.
    super(scope, id);
    const environment = props.environment;
    const team: unknown = props.team;
    if (team !== undefined && !isTeamName(team)) {
      throw new ValidationError(
        `KongStack team ${shown(team)} is not a valid team name; expected lower-case letters, digits and single "-", starting with a letter.`,
        this,
      );
    }
    const expected = team === undefined ? environment.name : `${environment.name}-${team}`;
    if (id !== expected) {
      throw new ValidationError(
        `KongStack "${id}" of environment ${environment.name}${team ? ` and team ${team}` : ""} is misnamed; expected "${expected}" (stacks are named <environment> or <environment>-<team>).`,
        this,
      );
    }
    this.environment = environment;
    this.team = team;
    const stacks = EnvironmentStacks.of(this, environment.name);
    stacks._addStack(id);
    const backend = teamBackend(environment, team);
    claimStateLocation(this, stateLocation(backend), id);
    configureBackend(this, backend);
    new StackIdentity(this, { environment: environment.name, team, stacks });
    // A rule on the whole stack: a validation, read once at synth, not an aspect called on every
    // construct of the tree.
    this.node.addValidation({ validate: () => this.crossStackReferences() });
    if (environment.production && backend.type === "local") {
      Annotations.of(this).addWarning(
        `Environment ${environment.name} keeps its Terraform state in a local file; production state belongs in a shared remote backend with locking.`,
      );
    }
  }

  /**
   * cdktf's logical id, held as a one-byte string. cdktf joins the construct ids with
   * `Array.prototype.join`, which V8 makes two bytes wide when an id was internalized as a
   * property key meanwhile (every computed id is, by the construct tree); each reference to the
   * resource then widens the text of its block, and the whole `cdk.tf.json` was serialized at two
   * bytes a character: 1.4 × plain cdktf's peak memory at 1,000 routes. Same characters, same
   * output.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return oneByte(super.allocateLogicalId(element));
  }

  /**
   * cdktf turns a reference to another stack's resource into an output and a remote-state
   * lookup, which ties one team's plan to another's apply: refused, with the stacks named.
   */
  private crossStackReferences(): string[] {
    const others = this.dependencies.map((stack) => stack.node.id).sort();
    if (others.length === 0) return [];
    return [
      `Stack ${this.node.id} refers to resources of stack${others.length > 1 ? "s" : ""} ${others.join(", ")}; expected each route, plugin and consumer reference to stay inside its own stack (declare the entity in the stack that uses it; roles are names, not references, and work across stacks).`,
    ];
  }
}

/** Printable ASCII `text` (logical ids are) copied into a one-byte string; anything else as is. */
function oneByte(text: string): string {
  return /^[ -~]*$/.test(text) ? Buffer.from(text, "latin1").toString("latin1") : text;
}

/** The environment's backend; for a team stack, with `-<team>` added to its state's name. */
function teamBackend(environment: Environment, team: string | undefined): StateBackend {
  const backend = environment.backend;
  const name = (location: string): string => {
    if (team === undefined) return location;
    return location.endsWith(".tfstate")
      ? `${location.slice(0, -".tfstate".length)}-${team}.tfstate`
      : `${location}-${team}`;
  };
  switch (backend.type) {
    case "local":
      return { type: "local", path: name(backend.path ?? `terraform.${environment.name}.tfstate`) };
    case "s3":
      return { ...backend, key: name(backend.key) };
    case "http":
      return {
        ...backend,
        address: name(backend.address),
        lockAddress: backend.lockAddress === undefined ? undefined : name(backend.lockAddress),
      };
  }
}

function stateLocation(backend: StateBackend): string {
  switch (backend.type) {
    case "local":
      return `local ${backend.path}`;
    case "s3":
      return `s3://${backend.bucket}/${backend.key}`;
    case "http":
      return backend.address;
  }
}

/** The backend block; its strings are read by Terraform as templates too, so they are escaped. */
function configureBackend(stack: TerraformStack, backend: StateBackend): void {
  const literals = <T>(props: T): T =>
    terraformLiterals(stack, `Environment ${stack.node.id} backend`, props);
  switch (backend.type) {
    case "local":
      new LocalBackend(stack, literals({ path: `${PROJECT_ROOT_FROM_STACK_DIR}/${backend.path}` }));
      return;
    case "s3":
      new S3Backend(
        stack,
        literals({
          bucket: backend.bucket,
          key: backend.key,
          region: backend.region,
          dynamodbTable: backend.dynamodbTable,
          encrypt: true,
        }),
      );
      return;
    case "http":
      new HttpBackend(
        stack,
        literals({ address: backend.address, lockAddress: backend.lockAddress }),
      );
      return;
  }
}

/**
 * Which environment and team a synthesized stack belongs to, for tools that read `cdktf.out`
 * (review, promotion): `"//".metadata.avroKong` of its `cdk.tf.json`. Terraform ignores `"//"`.
 */
class StackIdentity extends TerraformElement {
  constructor(
    scope: IConstruct & Construct,
    private readonly identity: {
      readonly environment: string;
      readonly team?: string;
      readonly stacks: EnvironmentStacks;
    },
  ) {
    super(scope, "avro-kong-stack");
  }

  override toMetadata(): unknown {
    const { environment, team, stacks } = this.identity;
    return {
      avroKong: {
        environment,
        team: team ?? null,
        stacks: [...stacks.stacks].sort(),
      },
    };
  }
}
