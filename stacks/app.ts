import { App } from "cdktf";
import { Gateway, KongStack } from "../src/constructs";
import { loadEnvironments } from "./environments";
import { roles } from "./roles";
import { declareShopApi } from "./shop";

/** Builds one stack per environment into `app`, reading schemas and pins under `rootDir`. */
export function buildApp(app: App, rootDir: string): App {
  for (const environment of loadEnvironments(rootDir)) {
    const stack = new KongStack(app, environment.name, { environment });
    const gateway = new Gateway(stack, "kong", { environment, roles });
    declareShopApi(gateway);
  }
  return app;
}
