/**
 * The app runner: synthesizes a cdktf app all or nothing (`synthesizeApp`), builds it an environment
 * at a time so that one fails alone (`buildEach`), and runs an app entry
 * point (`runApp`), turning every error the constructs found into one sentence per problem.
 * Independent of the constructs: it reads cdktf's annotations and validations only.
 */
export { synthesizeApp, runApp, SynthesisError } from "./run-app";
export { buildEach } from "./build-each";
export type { SynthesisProblem } from "./problem";
