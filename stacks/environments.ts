import { Environment } from "../src/constructs";

const sharedState = {
  bucket: "shop-terraform-state",
  region: "eu-central-1",
  dynamodbTable: "shop-terraform-locks",
};

/**
 * The three environments. Change a backend here; which contract versions an environment runs
 * is in its pins (`stacks/pins/<env>.json`), its Admin API address and credentials in the
 * Terraform variables set where it is deployed.
 */
export function loadEnvironments(rootDir: string): Environment[] {
  return [
    Environment.load("dev", { rootDir, backend: { type: "local", path: "terraform.dev.tfstate" } }),
    Environment.load("staging", {
      rootDir,
      backend: { type: "s3", key: "kong/staging.tfstate", ...sharedState },
    }),
    Environment.load("prod", {
      rootDir,
      backend: { type: "s3", key: "kong/prod.tfstate", ...sharedState },
    }),
  ];
}
