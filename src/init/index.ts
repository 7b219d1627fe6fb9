/**
 * `avro-kong init`: a new project in an existing folder (typically after `npm init -y && npm
 * install avro-kong`), for CDK for Terraform or CDK Terrain. Pure planning, then one write.
 */
export { planInit, writeInit, InitRefused } from "./init";
export type { InitPlan, InitOptions } from "./init";
export { FRAMEWORKS, FRAMEWORK_NAMES } from "./framework";
export type { Framework } from "./framework";
