/**
 * Checks on synthesized stacks (parsed `cdk.tf.json`): conformance to the Kong provider's schema,
 * and every `kong_plugin` config against Kong's plugin schemas. Both return every problem with
 * its Terraform address; an empty list means the stack passes.
 */
export { checkStackConformance } from "./check-stack";
export type { ConformanceProblem } from "./check-stack";
export {
  checkPluginConfigsInStack,
  parseConfigTemplate,
  UNCHECKED_PLUGIN_MARK,
} from "./plugin-configs";
export { checkSecretsInStack, credentialAttributes } from "./secrets";
export { kongProviderSchema } from "./provider-schema";
export { scanTemplate, expressionReferences } from "./expressions";
