import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { readByTerraform } from "../support/terraform";
import { FIXTURES, importFixture, synthesizeModule } from "./support";

type Json = Record<string, unknown>;

describe("text that looks like a Terraform template, imported from decK", () => {
  it("reaches Terraform as decK holds it: tags, custom_id and plugin configs", () => {
    const deck = parse(readFileSync(join(FIXTURES, "templates.yaml"), "utf8")) as {
      services: { tags: string[]; routes: { tags: string[]; plugins: { config: Json }[] }[] }[];
      consumers: { custom_id: string }[];
    };
    const [service] = deck.services;
    const [route] = service.routes;
    const expected = [
      service.tags[0],
      route.tags[0],
      route.plugins[0].config.message as string,
      deck.consumers[0].custom_id,
    ];
    const resources = synthesizeModule(importFixture("templates.yaml")).json.resource as Record<
      string,
      Record<string, Json>
    >;
    const only = (type: string): Json => Object.values(resources[type])[0];
    const written = [
      (only("kong_service").tags as string[]).at(-1)!,
      (only("kong_route").tags as string[]).at(-1)!,
      (JSON.parse(only("kong_plugin").config_json as string) as Json).message as string,
      only("kong_consumer").custom_id as string,
    ];
    // Written escaped, so Terraform evaluates none of them…
    expect(written).not.toEqual(expected);
    // …and reads each back exactly as the decK file holds it.
    expect(readByTerraform(written)).toEqual(expected);
  });
});
