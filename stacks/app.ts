import { App } from "cdktf";
import { Gateway, KongStack } from "avro-kong";
import { loadEnvironments } from "./environments";
import { roles } from "./roles";
import { declareConsumers, teams } from "./shop";

/**
 * Builds each environment into `app`, reading schemas and pins under `rootDir`: a shared stack
 * `<env>` with the consumers, and one stack `<env>-<team>` per team with its services and
 * routes, each planned and applied with its own state.
 */
export function buildApp(app: App, rootDir: string): App {
  for (const environment of loadEnvironments(rootDir)) {
    const shared = new KongStack(app, environment.name, { environment });
    declareConsumers(new Gateway(shared, "kong", { environment, roles }));
    for (const [team, declare] of Object.entries(teams)) {
      const stack = new KongStack(app, `${environment.name}-${team}`, { environment, team });
      declare(new Gateway(stack, "kong", { environment, roles }));
    }
  }
  return app;
}
