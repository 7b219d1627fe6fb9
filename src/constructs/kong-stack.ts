import { Construct } from "constructs";
import { Annotations, HttpBackend, LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { Environment, StateBackend } from "./environment";

/** Terraform runs each stack from `cdktf.out/stacks/<name>`; local state lives in the project root. */
const PROJECT_ROOT_FROM_STACK_DIR = "../../..";

export interface KongStackProps {
  /** The environment this stack deploys. */
  readonly environment: Environment;
}

/** One environment's Terraform stack: its state backend and, inside it, one Gateway. */
export class KongStack extends TerraformStack {
  readonly environment: Environment;

  constructor(scope: Construct, id: string, props: KongStackProps) {
    super(scope, id);
    this.environment = props.environment;
    configureBackend(this, props.environment.name, props.environment.backend);
    if (props.environment.production && props.environment.backend.type === "local") {
      Annotations.of(this).addWarning(
        `Environment ${props.environment.name} keeps its Terraform state in a local file; production state belongs in a shared remote backend with locking.`,
      );
    }
  }
}

function configureBackend(stack: TerraformStack, environment: string, backend: StateBackend): void {
  switch (backend.type) {
    case "local":
      new LocalBackend(stack, {
        path: `${PROJECT_ROOT_FROM_STACK_DIR}/${backend.path ?? `terraform.${environment}.tfstate`}`,
      });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        dynamodbTable: backend.dynamodbTable,
        encrypt: true,
      });
      return;
    case "http":
      new HttpBackend(stack, { address: backend.address, lockAddress: backend.lockAddress });
      return;
  }
}
