import { Environment } from "../src/constructs";

/**
 * The three environments. Change a backend here; everything else about an environment is in
 * its pins (`stacks/pins/<env>.json`) and in the Terraform variables set where it is deployed.
 */
export const environments: readonly Environment[] = [
  new Environment({ name: "dev", backend: { type: "local", path: "terraform.dev.tfstate" } }),
  new Environment({
    name: "staging",
    backend: {
      type: "s3",
      bucket: "shop-terraform-state",
      key: "kong/staging.tfstate",
      region: "eu-central-1",
      dynamodbTable: "shop-terraform-locks",
    },
  }),
  new Environment({
    name: "prod",
    backend: {
      type: "s3",
      bucket: "shop-terraform-state",
      key: "kong/prod.tfstate",
      region: "eu-central-1",
      dynamodbTable: "shop-terraform-locks",
    },
  }),
];
