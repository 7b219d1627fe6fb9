import { Environment, type StateBackend } from "avro-kong";
import { readPromotionOrder } from "avro-kong/contracts";
import { loadRegistry } from "avro-kong/registry";

const sharedState = {
  bucket: "shop-terraform-state",
  region: "eu-central-1",
  dynamodbTable: "shop-terraform-locks",
};

/** Where each environment keeps its Terraform state. */
const backends: Readonly<Record<string, StateBackend>> = {
  dev: { type: "local", path: "terraform.dev.tfstate" },
  staging: { type: "s3", key: "kong/staging.tfstate", ...sharedState },
  prod: { type: "s3", key: "kong/prod.tfstate", ...sharedState },
};

/**
 * The environments, in the promotion order of `stacks/promotion.json` (the order that
 * `avro-kong promote` enforces). Change a backend here; which contract versions an environment
 * runs is in its pins (`stacks/pins/<env>.json`), its Admin API address and credentials in the
 * Terraform variables set where it is deployed.
 */
export function loadEnvironments(rootDir: string): Environment[] {
  const load = environmentLoader(rootDir);
  return readPromotionOrder(rootDir).map(load);
}

/** Loads one environment by name; the registry is read and parsed once for all of them. */
export function environmentLoader(rootDir: string): (name: string) => Environment {
  const registry = loadRegistry(rootDir);
  return (name) => {
    const backend = backends[name];
    if (backend === undefined) {
      throw new Error(
        `stacks/promotion.json lists environment "${name}", which stacks/environments.ts gives no state backend; expected one of: ${Object.keys(backends).join(", ")}.`,
      );
    }
    return Environment.load(name, { rootDir, registry, backend });
  };
}
