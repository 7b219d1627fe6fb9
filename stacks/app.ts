import { App } from "cdktf";
import { Gateway, KongStack } from "../src/constructs";
import { environments } from "./environments";
import { declareShopApi } from "./shop";

/** Builds one stack per environment into `app`. */
export function buildApp(app: App): App {
  for (const environment of environments) {
    const stack = new KongStack(app, environment.name, { environment });
    const gateway = new Gateway(stack, "kong", { environment });
    declareShopApi(gateway);
  }
  return app;
}
