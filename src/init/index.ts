/**
 * `avro-kong init`: a new project in an existing folder (typically after `npm init -y && npm
 * install avro-kong`), for CDK for Terraform or CDK Terrain. Pure planning, then one write.
 */
export { planInit, writeInit } from "./init";
export { FRAMEWORKS, FRAMEWORK_NAMES } from "./framework";
