/**
 * The Kong provider's L1 bindings, generated from the provider schema in ./schema exactly as
 * `cdktf get` writes them (`npm run gen:kong`). Nothing else in the project imports ./gen.
 */
export * from "./gen/providers/kong";
/** The same bindings as one namespace, as the public API offers them (`kong.plugin.Plugin`). */
export * as kong from "./gen/providers/kong";
export { default as providerSchema } from "./schema/kevholditch-kong-6.5.1.schema.json";
