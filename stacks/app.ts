import { App } from "cdktf";
import { buildEach, Gateway, KongStack } from "avro-kong";
import { readPromotionOrder } from "avro-kong/contracts";
import { environmentLoader } from "./environments";
import { roles } from "./roles";
import { declareConsumers, teams } from "./shop";

/**
 * Builds each environment into `app`, reading schemas and pins under `rootDir`: a shared stack
 * `<env>` with the consumers, and one stack `<env>-<team>` per team with its services and
 * routes, each planned and applied with its own state. An environment that cannot be loaded
 * (its pins file broken) is left out and reported; the others are built.
 */
export function buildApp(app: App, rootDir: string): App {
  const load = environmentLoader(rootDir);
  // Each environment on its own: one whose pins are broken fails alone, the others synthesize.
  buildEach(app, readPromotionOrder(rootDir), (name) => {
    const environment = load(name);
    const shared = new KongStack(app, environment.name, { environment });
    declareConsumers(new Gateway(shared, "kong", { environment, roles }));
    for (const [team, declare] of Object.entries(teams)) {
      const stack = new KongStack(app, `${environment.name}-${team}`, { environment, team });
      declare(new Gateway(stack, "kong", { environment, roles }));
    }
  });
  return app;
}
